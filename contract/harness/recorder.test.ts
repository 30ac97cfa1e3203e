/**
 * The budget for records: every process's files of a kind count, and past the budget a request
 * record is written without its bodies and response headers, an observation with its essentials
 * (and each says so), so the private directory stops growing by what the server sends.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { defaultBodyLimits } from '../../core/boundedBody.ts';
import { type Observation, privateFiles, type RequestRecord } from '../reporting/observations.ts';
import { type ContractContext, contextEnvVar } from './context.ts';
import { recordObservation, recordRequest } from './recorder.ts';

const budget = 20_000;
const dir = mkdtempSync(join(tmpdir(), 'recorder-test-'));
const context: ContractContext = {
  runId: 'feedbeef',
  baseUrl: 'http://127.0.0.1:9',
  targetDescription: 'none',
  control: false,
  readOnly: true,
  tokens: {},
  privateDir: dir,
  operations: [],
  bodyLimits: { ...defaultBodyLimits },
  recordBudgetBytes: budget,
};
writeFileSync(join(dir, 'context.json'), JSON.stringify(context));
process.env[contextEnvVar] = join(dir, 'context.json');
after(() => rmSync(dir, { recursive: true, force: true }));

const record = (n: number): RequestRecord => ({
  at: new Date(0).toISOString(),
  method: 'POST',
  url: `http://127.0.0.1:9/api/v2/createLink?${n}`,
  requestHeaders: { token: '«redacted»' },
  requestBody: 'amount=1',
  status: 200,
  responseHeaders: { 'x-filler': 'z'.repeat(100) },
  responseBody: 'x'.repeat(4000),
  responseBodySize: { keptBytes: 4000, seenBytes: 9000, cut: 'over the cap' },
  ms: 1,
});

test('past the budget (all processes together), records go on without their bodies, and say so', () => {
  // Another suite process's records, already 8,000 bytes of the budget.
  writeFileSync(join(dir, privateFiles.requests(1)), `${'y'.repeat(7999)}\n`);
  for (let n = 0; n < 10; n++) recordRequest(record(n));
  const file = join(dir, privateFiles.requests(process.pid));
  const lines = readFileSync(file, 'utf8').trim().split('\n');
  const written = lines.map((line) => JSON.parse(line) as RequestRecord);
  assert.equal(written.length, 10, 'every request is recorded');
  const withBodies = written.filter((r) => r.responseBody !== undefined);
  assert.equal(withBodies.length, 2, '8,000 + 2 records of ~4,200 bytes fit in 20,000; a third does not');
  for (const r of written.slice(2)) {
    assert.equal(r.bodiesLeftOut, true);
    assert.equal(r.requestBody, undefined);
    assert.equal(r.responseBody, undefined);
    assert.equal(r.responseHeaders, undefined);
    assert.deepEqual(r.responseBodySize, { keptBytes: 4000, seenBytes: 9000, cut: 'over the cap' });
    assert.equal(r.url.startsWith('http://127.0.0.1:9/api/v2/createLink?'), true);
  }
  assert.ok(8000 + statSync(file).size <= budget, 'within the budget');
});

test('past the budget (all processes together), observations keep their essentials and count the rest', () => {
  // Another suite process's observations, already 12,000 bytes of the budget.
  writeFileSync(join(dir, privateFiles.observations(1)), `${'y'.repeat(11_999)}\n`);
  const observation = (n: number): Observation => ({
    kind: 'response',
    operationId: 'getMyUnusedLinks',
    status: 200,
    expectedStatus: 400,
    test: `test ${n}`,
    failures: [
      { check: 'linkConsistency', message: 'x'.repeat(1500) },
      { check: 'linkConsistency', message: 'x'.repeat(1500) },
      { check: 'stateOracle', message: 'x'.repeat(500) },
    ],
    drift: ['u1', 'u2'],
  });
  for (let n = 0; n < 10; n++) recordObservation(observation(n));
  const file = join(dir, privateFiles.observations(process.pid));
  const written = readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Extract<Observation, { kind: 'response' }>);
  assert.equal(written.length, 10, 'every answer is observed');
  assert.equal(
    written.filter((o) => !o.detailsLeftOut).length,
    2,
    '12,000 + 2 of ~3,700 bytes fit in 20,000',
  );
  for (const o of written.slice(2)) {
    assert.deepEqual(o, {
      kind: 'response',
      operationId: 'getMyUnusedLinks',
      status: 200,
      expectedStatus: 400,
      test: o.test,
      failures: [
        {
          check: 'linkConsistency',
          message: '(not recorded: the run’s budget for observations was spent)',
          rollup: true,
        },
        {
          check: 'stateOracle',
          message: '(not recorded: the run’s budget for observations was spent)',
          rollup: true,
        },
      ],
      drift: [],
      detailsLeftOut: { failures: 3, drift: 2 },
    });
  }
  assert.ok(statSync(file).size < 12_000, 'the essentials are small');
});
