/**
 * Runs examples one after another against the target: grounds each, sends it (a 429 the example did
 * not ask for is waited out as its Retry-After says, within a budget), judges the answer, records it
 * for coverage and the links it made or deleted for cleanup, and keeps, for each failure, the
 * request, the answer and how to replay it. Past the `--max-requests` cap nothing more is sent, and
 * the examples it left out are counted.
 */
import { operations } from '../../core/spec.ts';
import type { CheckFailure } from '../checks/types.ts';
import { excerpt } from '../checks/types.ts';
import { contractContext } from '../harness/context.ts';
import { currentTest } from '../harness/currentTest.ts';
import { recordLink, recordObservation, recordSecret } from '../harness/recorder.ts';
import { carriedFields } from '../reporting/fieldCoverage.ts';
import type { FieldExercise } from '../reporting/observations.ts';
import { defaultRetryBudget, waitToRetry } from '../runner/cleanupRetry.ts';
import type { Example } from './example.ts';
import { type Grounding, NotProvokable } from './grounding.ts';
import { judge } from './judge.ts';
import { documentedAuthStatus, type KeyVariantName, keyVariant } from './keyVariants.ts';
import { CapReached, checkCap, noteLeftOut } from './requestCap.ts';
import { defaultGeneratedExamples } from './seed.ts';
import { answerAsAnotherAccount } from './semantics.ts';
import { curlLine, encode, type Received, type Sent, sendExample } from './sendExample.ts';

export interface ExampleFailure {
  example: Example;
  sent: Sent;
  received: Received;
  failures: CheckFailure[];
}

export interface ExampleRun {
  failures: ExampleFailure[];
  skipped: { id: string; reason: string }[];
  sent: number;
}

const creates = new Set(['createLink', 'createSplitLink']);

async function tokenValues(example: Example, grounding: Grounding): Promise<string[] | undefined> {
  const token = example.token;
  if (token.kind === 'none') return undefined;
  if (token.kind === 'values') return token.values;
  if (token.kind === 'own') return [grounding.caller.token];
  const key = token.of === 'own' ? grounding.caller.token : (await grounding.other())?.token;
  if (!key) throw new NotProvokable('needs a second account: set SECPAID_TOKEN_B');
  const values = keyVariant(key, token.variant as KeyVariantName);
  if (!values) throw new NotProvokable(`the key is its own ${token.variant} variant`);
  // An altered key is as good as the key to whoever reads it: a server may echo it in a body.
  for (const value of values) rememberVariant(value);
  return values;
}

const variants = new Set<string>();

function rememberVariant(value: string): void {
  if (variants.has(value)) return;
  variants.add(value);
  recordSecret({ token: value, variant: true });
}

/** Sends, and waits out a 429 the example did not provoke, within one retry budget per example. */
async function sendPatiently(example: Example, sent: Sent): Promise<Received> {
  const retries = defaultRetryBudget();
  for (;;) {
    const received = await sendExample(example, sent);
    if (received.status !== 429 || example.expect.includes(429)) return received;
    const header = received.headers['retry-after'];
    const wait = await waitToRetry(Array.isArray(header) ? header[0]! : (header ?? null), retries);
    if (!wait.retry) return received;
    checkCap();
  }
}

/** The links an answer made or deleted in the run's own accounts, for the runner's cleanup. */
async function recordLinks(
  example: Example,
  body: Record<string, unknown> | undefined,
  received: Received,
  values: string[] | undefined,
  grounding: Grounding,
) {
  // A cut answer names no link it can be trusted for (the cleanup's tag search finds one with the tag).
  if (received.status !== 200 || values?.length !== 1 || received.bodyCut !== undefined) return;
  const other = await grounding.other();
  const token = [grounding.caller.token, other?.token].find((key) => key === values[0]!.trim());
  if (!token) return;
  if (creates.has(example.operationId)) {
    const id = (JSON.parse(received.bodyText) as { data?: { id?: unknown } }).data?.id;
    if (typeof id === 'number') recordLink({ token, id, alive: true });
  }
  if (example.operationId === 'deleteLink' && Number.isInteger(Number(body?.link_id)))
    recordLink({ token, id: Number(body?.link_id), alive: false });
}

const exerciseOf: Partial<Record<Example['kind'], FieldExercise>> = {
  positive: 'positives',
  boundary: 'boundaries',
  negative: 'negatives',
};

/** Runs one example; undefined when it passed. Throws NotProvokable when it cannot be sent here. */
export async function runExample(
  example: Example,
  grounding: Grounding,
  title: string,
): Promise<ExampleFailure | undefined> {
  checkCap();
  if (example.needsControl && !contractContext().control)
    throw new NotProvokable('needs the sandbox control API');
  const body =
    example.body === undefined
      ? undefined
      : ((await grounding.resolve(example.body)) as Record<string, unknown>);
  const values = await tokenValues(example, grounding);
  let judged = example;
  if (example.token.kind === 'variant') {
    const other = await grounding.other();
    const realKeys = [grounding.caller.token, ...(other ? [other.token] : [])];
    const status = documentedAuthStatus(values, realKeys);
    judged =
      status === 200 && example.token.of === 'other'
        ? { ...example, ...answerAsAnotherAccount(example.operationId) }
        : { ...example, expect: [status] };
  }
  const sent: Sent = { ...encode(judged, body), ...(values ? { tokenValues: values } : {}) };
  const received = await sendPatiently(judged, sent);
  const verdict = judge(judged, body, received, values);
  // A body meant to be accepted exercises each field it carries as a positive (field coverage).
  const carried = example.expect.includes(200) && example.kind !== 'auth' ? carriedFields(body) : undefined;
  recordObservation({
    kind: 'response',
    operationId: example.operationId,
    status: received.status,
    suite: currentTest.getStore()?.operationId ?? example.operationId,
    test: title,
    ...(received.exchangeId ? { exchangeId: received.exchangeId } : {}),
    ...(verdict.failures.length > 0 ? { curl: curlLine(judged, sent) } : {}),
    failures: verdict.failures,
    drift: verdict.drift,
    generated: {
      kind: example.kind,
      exampleId: example.id,
      ...(example.field ? { field: example.field } : {}),
      ...(carried ? { carried } : {}),
    },
  });
  await recordLinks(judged, body, received, values, grounding);
  return verdict.failures.length > 0
    ? { example: judged, sent, received, failures: verdict.failures }
    : undefined;
}

export async function runExamples(
  examples: Example[],
  grounding: Grounding,
  title: string,
): Promise<ExampleRun> {
  const run: ExampleRun = { failures: [], skipped: [], sent: 0 };
  await currentTest.run({ title, operationId: examples[0]?.operationId ?? 'createLink' }, async () => {
    for (const example of examples) {
      try {
        const failure = await runExample(example, grounding, title);
        run.sent += 1;
        if (failure) run.failures.push(failure);
      } catch (error) {
        if (error instanceof CapReached) {
          noteLeftOut();
          continue;
        }
        if (!(error instanceof NotProvokable)) throw error;
        run.skipped.push({ id: example.id, reason: error.message });
        const exercise = exerciseOf[example.kind];
        if (example.field && exercise) {
          const { operationId, field } = example;
          recordObservation({
            kind: 'fieldNotProvokable',
            operationId,
            field,
            exercise,
            reason: error.message,
          });
        }
      }
    }
  });
  return run;
}

/** The command that sends this example again, to the same target, with the same seed and budget. */
export function replayCommand(example: Example, seed: number): string {
  const context = contractContext();
  const examples = context.generated?.examples ?? defaultGeneratedExamples;
  const embedded = context.targetDescription.startsWith('embedded sandbox');
  return [
    'npm run contract --',
    ...(embedded ? [] : [`--base-url ${context.baseUrl}`, ...(context.control ? [] : ['--env-tokens'])]),
    '--generated-only',
    `--seed ${seed}`,
    ...(examples === defaultGeneratedExamples ? [] : [`--generate ${examples}`]),
    `--only ${example.operationId}`,
    `--example '${example.id}'`,
  ].join(' ');
}

/** One failure, whole: what was sent, what came back, what is wrong, and how to replay it. */
export function describeFailure(failure: ExampleFailure, seed: number): string {
  const { example, sent, received } = failure;
  const sentLine = `POST ${operations[example.operationId].path} content-type: ${sent.contentType ?? '(none)'}; body: ${excerpt(sent.bodyText, 400)}`;
  return [
    `${example.id}`,
    `  sent: ${sentLine}`,
    `  received: HTTP ${received.status} ${excerpt(received.bodyText, 400)}`,
    ...failure.failures.map((f) => `  ${f.check}: ${f.message}`),
    `  replay: ${replayCommand(example, seed)}`,
    `  curl: ${curlLine(example, sent)}`,
  ].join('\n');
}
