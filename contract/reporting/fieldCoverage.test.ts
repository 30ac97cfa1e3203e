import assert from 'node:assert/strict';
import { test } from 'node:test';
import { computeCoverage } from './coverage.ts';
import { coverageMarkdown } from './coverageMarkdown.ts';
import { carriedFields } from './fieldCoverage.ts';
import type { Observation } from './observations.ts';

/** An answer of the generated phase to one example. */
const sent = (kind: string, field: string | undefined, carried?: string[]): Observation => ({
  kind: 'response',
  operationId: 'createLink',
  status: kind === 'positive' ? 200 : 400,
  failures: [],
  drift: [],
  generated: {
    kind,
    exampleId: `createLink/${kind}/${field}`,
    ...(field ? { field } : {}),
    ...(carried ? { carried } : {}),
  },
});

const fields = [
  'amount',
  'recipient_note',
  'callback_url',
  'payment_endpoint',
  'cancellable',
  'is_cancellation',
  'bank_transfer',
  'is_encryption',
  'encryption_key',
  'bank_statement_description',
  'is_qr_link',
];

/** Every createLink field exercised every way, except what `skip` names. */
function phase(skip: (kind: string, field: string) => boolean = () => false): Observation[] {
  const out: Observation[] = [
    sent(
      'positive',
      undefined,
      fields.filter((f) => !skip('positive', f)),
    ),
  ];
  for (const field of fields)
    for (const kind of ['boundary', 'negative']) if (!skip(kind, field)) out.push(sent(kind, field));
  return out;
}

const gateOf = (observations: Observation[]) =>
  computeCoverage(['createLink'], observations, { requireEveryStatus: false, generatedPhase: true }).gate;

test('every request field exercised every way: the field gate passes', () => {
  assert.deepEqual(gateOf(phase()), { ok: true, missing: [], failed: [], notChecked: [] });
});

test('a field never violated, never at its limits or never carried by a positive fails the gate', () => {
  assert.deepEqual(gateOf(phase((kind, f) => kind === 'negative' && f === 'amount')).missing, [
    'createLink field amount (no negatives)',
  ]);
  assert.deepEqual(gateOf(phase((kind, f) => kind === 'boundary' && f === 'encryption_key')).missing, [
    'createLink field encryption_key (no boundaries)',
  ]);
  const gate = gateOf(phase((_, f) => f === 'cancellable'));
  assert.equal(gate.ok, false);
  assert.deepEqual(gate.missing, [
    'createLink field cancellable (no positives, no negatives, no boundaries)',
  ]);
});

test('a field the target could not provoke is reported with the reason, and does not fail the gate', () => {
  const reason = 'read-only run: the generated phase creates and deletes nothing';
  const observations = [
    ...phase((_, f) => f === 'amount'),
    ...(['positives', 'boundaries', 'negatives'] as const).map(
      (exercise): Observation => ({
        kind: 'fieldNotProvokable',
        operationId: 'createLink',
        field: 'amount',
        exercise,
        reason,
      }),
    ),
  ];
  const coverage = computeCoverage(['createLink'], observations, {
    requireEveryStatus: false,
    generatedPhase: true,
  });
  assert.equal(coverage.gate.ok, true);
  const row = coverage.fields.find((f) => f.field === 'amount')!;
  assert.equal(row.state, 'notProvokable');
  assert.deepEqual(row.reasons, [`positives: ${reason}`, `negatives: ${reason}`, `boundaries: ${reason}`]);
  assert.match(
    coverageMarkdown(coverage, 'test'),
    /\| createLink \| amount \| 0 \| 0 \| 0 \| – positives: read-only run/,
  );
});

test('a reason excuses only the exercise it stopped', () => {
  const reason = 'needs a second account';
  const observations = [
    ...phase((kind, f) => f === 'amount' && kind !== 'boundary'),
    {
      kind: 'fieldNotProvokable',
      operationId: 'createLink',
      field: 'amount',
      exercise: 'positives',
      reason,
    } as Observation,
  ];
  const gate = computeCoverage(['createLink'], observations, {
    requireEveryStatus: false,
    generatedPhase: true,
  }).gate;
  assert.deepEqual(gate.missing, ['createLink field amount (no negatives)']);
});

test('without the generated phase there are no field rows and no field gate', () => {
  const coverage = computeCoverage(['createLink'], [], { requireEveryStatus: false });
  assert.deepEqual([coverage.fields, coverage.gate.ok], [[], true]);
});

test('carriedFields names nested fields once', () => {
  assert.deepEqual(
    carriedFields({
      amount: 1,
      recipients: [
        { token: 'a', share: 1 },
        { token: 'b', share: 2 },
      ],
    }),
    ['amount', 'recipients', 'recipients[].token', 'recipients[].share'],
  );
  assert.deepEqual(carriedFields(undefined), []);
});
