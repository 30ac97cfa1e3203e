/**
 * The generated phase: after the hand-written suites, for each operation of the run, requests made
 * from the spec alone (see contract/README.md, "Generated phase"). Each pass is one test whose
 * failure lists every failing example with its request, answer, checks and replay line.
 */
import { AssertionError } from 'node:assert';
import { createHash } from 'node:crypto';
import { after } from 'node:test';
import fc from 'fast-check';
import type { OperationId } from '../../core/spec.ts';
import { contractContext } from '../harness/context.ts';
import { contractSuite } from '../harness/contractSuite.ts';
import { configurePactum } from '../harness/pactumSetup.ts';
import { recordObservation } from '../harness/recorder.ts';
import { authExamples, boundaryExamples, negativeExamples, transportExamples } from './buildExamples.ts';
import type { Encoding, Example } from './example.ts';
import { createGrounding, type Grounding, NotProvokable } from './grounding.ts';
import { positiveBodies } from './positives.ts';
import { CapReached, examplesLeftOut, noteLeftOut, setRequestCap } from './requestCap.ts';
import { requestFields } from './requestFields.ts';
import {
  describeFailure,
  type ExampleFailure,
  type ExampleRun,
  runExample,
  runExamples,
} from './runExamples.ts';
import { deriveSeed } from './seed.ts';

const context = contractContext();
const options = context.generated ?? { examples: 0, seed: 0 };
const writes: ReadonlySet<OperationId> = new Set(['createLink', 'createSplitLink', 'deleteLink']);
const selected = context.operations.filter((id) => !(context.readOnly && writes.has(id)));
setRequestCap(options.maxRequests);

let groundingOnce: Promise<Grounding> | undefined;
const grounding = () => (groundingOnce ??= createGrounding());

const wanted = (example: Example) => !options.example || example.id.startsWith(options.example);

function verdict(run: ExampleRun): void {
  if (run.failures.length === 0) return;
  const shown = run.failures.slice(0, 10).map((f) => describeFailure(f, options.seed));
  const more = run.failures.length - shown.length;
  const rest =
    more > 0
      ? `\n… and ${more} more: ${run.failures
          .slice(10)
          .map((f) => f.example.id)
          .join(', ')}`
      : '';
  throw new AssertionError({
    message: `${run.failures.length} of ${run.sent} generated examples were not answered as documented (seed ${options.seed}):\n${shown.join('\n')}${rest}`,
  });
}

/** Every operation gets the same passes: the title names the operation, so each test's is its own. */
const titled = (title: string, operationId: OperationId) => `${title} (${operationId})`;

function pass(operationId: OperationId, generic: string, make: (id: OperationId) => Example[]): void {
  const title = titled(generic, operationId);
  contractSuite(operationId).test(title, async () => {
    const examples = make(operationId).filter(wanted);
    verdict(await runExamples(examples, await grounding(), title));
  });
}

/** A positive's id names its body, so the same body has the same id on every run and replay. */
const bodyId = (body: unknown) =>
  createHash('sha256').update(JSON.stringify(body)).digest('hex').slice(0, 10);

/** Random valid bodies; fast-check shrinks a failing one to the smallest that still fails. */
function positives(operationId: OperationId): void {
  const title = titled(
    `200 generated positives: ${options.examples} random valid bodies in form and JSON`,
    operationId,
  );
  contractSuite(operationId).test(title, async () => {
    // `--example` picks the positives by their prefix; the seed then replays all of them, in order.
    const mine = `${operationId}/positive`;
    if (options.example && !(options.example.startsWith(mine) || mine.startsWith(options.example))) return;
    const ground = await grounding();
    const limits = { recipientTokens: context.control ? 5 : context.tokens.recipient ? 1 : 0 };
    const failures = new Map<string, ExampleFailure>();
    const cannot = new Set<string>();
    let sent = 0;
    let capped = false;
    const property = fc.asyncProperty(
      positiveBodies(operationId, limits),
      fc.constantFrom<Encoding>('form', 'json'),
      async (body, encoding) => {
        if (capped) return true;
        if (body === undefined)
          cannot.add("needs another account's recipient token: set SECPAID_RECIPIENT_TOKEN");
        fc.pre(body !== undefined);
        const example: Example = {
          id: `${operationId}/positive/${bodyId(body)}/${encoding}`,
          operationId,
          kind: 'positive',
          rule: 'valid body',
          encoding,
          body,
          token: { kind: 'own' },
          expect: [200],
        };
        try {
          const failure = await runExample(example, ground, title);
          sent += 1;
          if (!failure) return true;
          failures.set(JSON.stringify([body, encoding]), failure);
          return false;
        } catch (error) {
          if (error instanceof CapReached) {
            capped = true;
            return true;
          }
          if (!(error instanceof NotProvokable)) throw error;
          cannot.add(error.message);
          fc.pre(false);
          return true;
        }
      },
    );
    const details = await fc.check(property, {
      seed: deriveSeed(options.seed, `${operationId}/positive`),
      numRuns: options.examples,
      endOnFailure: false,
    });
    if (capped) noteLeftOut(Math.max(0, options.examples - sent));
    if (!details.failed || capped) return;
    const smallest = details.counterexample
      ? failures.get(JSON.stringify(details.counterexample))
      : undefined;
    if (!smallest && cannot.size > 0 && sent === 0) {
      // Nothing could be sent on this target: each field's positives are not provokable, with why.
      for (const field of requestFields(operationId))
        for (const reason of cannot)
          recordObservation({
            kind: 'fieldNotProvokable',
            operationId,
            field: field.name,
            exercise: 'positives',
            reason,
          });
      return;
    }
    if (!smallest)
      throw details.errorInstance ?? new Error(`positives: fast-check gave up: ${[...cannot].join('; ')}`);
    const note = `the smallest failing body after ${details.numShrinks} shrinking steps (${sent} positives sent; fast-check seed ${details.seed}, path ${details.counterexamplePath})`;
    verdict({
      failures: [{ ...smallest, failures: [...smallest.failures, { check: 'shrinking', message: note }] }],
      skipped: [],
      sent,
    });
  });
}

/** What the --max-requests cap left unsent, for the summary (the links made are the runner's to delete). */
after(() => {
  const leftOut = examplesLeftOut();
  if (leftOut > 0) recordObservation({ kind: 'capReached', leftOut });
});

if (options.examples > 0 || options.example) {
  configurePactum();
  for (const operationId of context.operations.filter((id) => !selected.includes(id))) {
    for (const field of requestFields(operationId)) {
      const reason = 'read-only run: the generated phase creates and deletes nothing';
      for (const exercise of ['positives', 'boundaries', 'negatives'] as const)
        recordObservation({ kind: 'fieldNotProvokable', operationId, field: field.name, exercise, reason });
    }
  }
  for (const operationId of selected) {
    positives(operationId);
    pass(
      operationId,
      '200 generated boundaries: every limit of every field exactly, and one step past it',
      boundaryExamples,
    );
    pass(
      operationId,
      '400 generated negatives: each constraint of each field violated on its own',
      negativeExamples,
    );
    pass(operationId, '401 generated key variants never act as the key', authExamples);
    pass(operationId, '200 generated transport variants are answered like the plain form', transportExamples);
  }
  if (selected.includes('getMyUnusedLinks') && !context.readOnly) reconciliation();
}

/**
 * The state oracle's probe of a change: list the caller's unused links, delete one, list again,
 * then the used list. Each answer is held against the model of everything the run did, so a list
 * that lags behind a delete (a stale cache, a replica) is caught, whatever the hand-written suites did.
 */
function reconciliation(): void {
  const title =
    '200 generated reconciliation: the lists agree with everything the run did, before and after a delete';
  contractSuite('getMyUnusedLinks').test(title, async () => {
    const ground = await grounding();
    await ground.resolve({ $ground: 'ownUnusedLink' }); // one that stays, so the list after is not empty
    const removed = await ground.resolve({ $ground: 'ownUnusedLink' });
    const step = (operationId: OperationId, rule: string, body: Record<string, unknown>): Example => ({
      id: `${operationId}/reconciliation/-/${rule}/form`,
      operationId,
      kind: 'positive',
      rule,
      encoding: 'form',
      body,
      token: { kind: 'own' },
      expect: [200],
    });
    const everything = { limit: 1000 };
    verdict(
      await runExamples(
        [
          step('getMyUnusedLinks', 'before', everything),
          step('deleteLink', `delete-${removed}`, { link_id: removed }),
          step('getMyUnusedLinks', 'after', everything),
          step('getMyUsedLinks', 'used', everything),
        ],
        ground,
        title,
      ),
    );
  });
}
