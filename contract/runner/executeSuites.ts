/**
 * Runs suite files with node's test runner, one child process per file, `concurrency` at a time,
 * and turns its event stream into one result per test. The target reaches the children through
 * the context file named in an environment variable (children inherit the environment at spawn).
 */
import { run } from 'node:test';
import { contextEnvVar } from '../harness/context.ts';
import { suiteName, type TestResult } from '../reporting/junit.ts';

export interface SuiteRun {
  results: TestResult[];
  /** What suite processes wrote to stderr, per file (shown when a file fails). */
  stderr: Map<string, string>;
}

type TestEvent = {
  name: string;
  file?: string;
  skip?: string | boolean;
  todo?: string | boolean;
  details: { duration_ms: number; type?: string; error?: Error & { cause?: unknown; failureType?: string } };
};

function failureMessage(error: TestEvent['details']['error']): string {
  if (!error) return 'failed';
  const cause = error.cause;
  if (cause instanceof Error) return cause.message;
  if (cause !== undefined && cause !== null && typeof cause !== 'object') return String(cause);
  return error.message;
}

async function runFile(
  file: string,
  results: TestResult[],
  stderr: Map<string, string>,
  signal?: AbortSignal,
): Promise<void> {
  const stream = run({ files: [file], concurrency: 1, ...(signal ? { signal } : {}) });
  const record = (outcome: TestResult['outcome']) => (event: TestEvent) => {
    if (event.details.type === 'suite') return; // describe blocks: their tests report themselves
    const skipped = event.skip !== undefined && event.skip !== false;
    results.push({
      file,
      // The file itself reported as a test (one that declared none, or failed to load) carries
      // its absolute path: it is named after its suite, as the report's suites are.
      name: event.name === file ? suiteName(file) : event.name,
      durationMs: event.details.duration_ms,
      outcome: skipped ? 'skipped' : outcome,
      ...(outcome === 'failed' ? { message: failureMessage(event.details.error) } : {}),
      ...(skipped && typeof event.skip === 'string' ? { message: event.skip } : {}),
    });
  };
  stream.on('test:pass', record('passed'));
  stream.on('test:fail', record('failed'));
  stream.on('test:stderr', (event: { message: string }) =>
    stderr.set(file, (stderr.get(file) ?? '') + event.message),
  );
  // Consuming the stream drives the run; it ends after the file's last test.
  for await (const _ of stream) {
  }
}

let running = false;

export async function executeSuites(
  files: string[],
  contextFile: string,
  concurrency: number,
  signal?: AbortSignal,
): Promise<SuiteRun> {
  // The context travels in process.env, which is global: one run at a time per process.
  if (running) throw new Error('a contract run is already in progress in this process');
  running = true;
  const saved = process.env[contextEnvVar];
  process.env[contextEnvVar] = contextFile;
  const results: TestResult[] = [];
  const stderr = new Map<string, string>();
  try {
    // One run() per file, `concurrency` at a time: node reports a test's location (here the
    // harness that declared it), not the file that ran it, so a run per file keeps them apart.
    const queue = [...files];
    const worker = async () => {
      for (let file = queue.shift(); file !== undefined && !signal?.aborted; file = queue.shift()) {
        await runFile(file, results, stderr, signal);
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, files.length)) }, worker));
  } finally {
    if (saved === undefined) delete process.env[contextEnvVar];
    else process.env[contextEnvVar] = saved;
    running = false;
  }
  return { results, stderr };
}
