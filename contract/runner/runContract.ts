/**
 * One contract run, callable in-process (the CLI and the fault self-test both use it): resolve the
 * target, run the selected suites against it, clean up the run's links (also after failures), then
 * judge and report (judgeRun.ts). `ok` only when every test that ran passed and the gate passed.
 */
import { randomBytes } from 'node:crypto';
import { bodyLimits, pagingBodyLimits } from '../../core/boundedBody.ts';
import { prepareReportDir } from '../../core/reportDir.ts';
import { finishImageRun } from '../container/containerReport.ts';
import type { ImageTarget } from '../container/imageTarget.ts';
import { defaultGeneratedExamples, newSeed } from '../generator/seed.ts';
import type { GeneratedOptions } from '../harness/context.ts';
import type { RequestRecord, SecretRecord } from '../reporting/observations.ts';
import { isOperationId, type SuiteId, suiteIds } from '../suites/suiteIds.ts';
import { assertTargetAllowed } from '../target/productionGuard.ts';
import { resolveTarget } from '../target/resolveTarget.ts';
import type { TargetRequest, TargetTokens } from '../target/types.ts';
import { type CleanupAccount, type CleanupResult, cleanupRun } from './cleanup.ts';
import { executeSuites, type SuiteRun } from './executeSuites.ts';
import { judgeRun, type RunResult } from './judgeRun.ts';
import { createPrivateDir, readPrivate, writeContext } from './privateDir.ts';
import { generatedPhaseFile, suiteFiles } from './suiteFiles.ts';

export type { RunResult } from './judgeRun.ts';

export interface RunOptions {
  target: TargetRequest;
  readOnly?: boolean;
  allowProduction?: boolean;
  /** These suites only (operations, webhooks). */
  only?: SuiteId[];
  reportsDir?: string;
  /**
   * Suite files run at once, each in its own process (default 2): each is a client of the target,
   * and a real server limits a key's rate, so more at once would mostly wait out 429s.
   */
  concurrency?: number;
  /** Stops the suites early (Ctrl-C); cleanup and reports still happen. */
  signal?: AbortSignal;
  /** Where the console summary goes; defaults to console.log. */
  print?: (text: string) => void;
  env?: NodeJS.ProcessEnv;
  /** The generated phase after the suites (default: 20 random examples per operation, a new seed). */
  generate?: Partial<GeneratedOptions>;
  /** false runs the generated phase alone (`--generated-only`). */
  handWritten?: boolean;
  /** Bytes kept of each answer's body (`--max-body-bytes`; default 1 MiB, core/boundedBody.ts). */
  maxBodyBytes?: number;
  /** Each request's head deadline, and its body's after the head (`--request-timeout`; default 15 s). */
  requestTimeoutMs?: number;
  /**
   * Bytes each kind of record may take in the private directory: past it, request records go
   * without their bodies, observations with their essentials only (harness/recorder.ts).
   */
  recordBudgetBytes?: number;
}

/**
 * About five times what the private directory of a whole default run against the sandbox holds
 * (3.3 MB: request records and observations together).
 */
export const defaultRecordBudgetBytes = 16 * 1024 * 1024;

/**
 * Each request of the run by default: its response head within 15 s of sending, its body within
 * 15 s of the head (core/boundedBody.ts). Pactum's request timeout is the head's
 * (harness/pactumSetup.ts).
 */
export const requestTimeLimitMs = 15_000;

function generatedOptions(options: RunOptions): GeneratedOptions {
  const given = options.generate ?? {};
  return {
    examples: given.examples ?? defaultGeneratedExamples,
    seed: given.seed ?? newSeed(),
    ...(given.maxRequests !== undefined ? { maxRequests: given.maxRequests } : {}),
    ...(given.example !== undefined ? { example: given.example } : {}),
  };
}

/** The keys from the environment first (real accounts), then the tenants the suites made; each once. */
function cleanupAccounts(tokens: TargetTokens, made: SecretRecord[]): CleanupAccount[] {
  const accounts: CleanupAccount[] = [];
  const add = (token: string | undefined, label: string, fromEnvironment: boolean) => {
    if (token && !accounts.some((a) => a.token === token)) accounts.push({ token, label, fromEnvironment });
  };
  add(tokens.a, 'SECPAID_TOKEN', true);
  add(tokens.b, 'SECPAID_TOKEN_B', true);
  // A key variant the generated phase sent, or a link's encryption key, is redacted like a key, but
  // is nobody's account.
  const tenants = made.filter((secret) => !secret.variant && !secret.encryptionKey);
  for (const [index, secret] of tenants.entries()) add(secret.token, `test account #${index + 1}`, false);
  return accounts;
}

export async function runContract(options: RunOptions): Promise<RunResult> {
  const startedAt = Date.now();
  const readOnly = options.readOnly ?? false;
  if (options.target.kind === 'url') {
    // Before any request: the production host is refused without both safety flags.
    assertTargetAllowed(options.target.baseUrl, {
      allowProduction: options.allowProduction ?? false,
      readOnly,
    });
  }
  // Before any request too: a run must not end in "cannot write the reports".
  prepareReportDir(options.reportsDir ?? 'reports');
  const handWritten = options.handWritten !== false;
  // The webhooks suite is hand-written: without the suites, the run selects operations only.
  const selected = (options.only?.length ? options.only : [...suiteIds]).filter(
    (suite) => handWritten || isOperationId(suite),
  );
  const files = handWritten ? suiteFiles(selected) : [];
  const generated = generatedOptions(options);
  // The generated phase tests operations: a selection that names none has no phase.
  const phaseOn = selected.some(isOperationId) && (generated.examples > 0 || generated.example !== undefined);
  // A library caller bypasses the CLI's refusal: an empty run must not read as a passed one.
  if (files.length === 0 && !phaseOn)
    throw new Error(
      `the selection runs nothing${options.only?.length ? ` (--only ${options.only.join(',')}${handWritten ? '' : ' with --generated-only'})` : ''}`,
    );
  const runId = randomBytes(4).toString('hex');
  const requestTimeoutMs = options.requestTimeoutMs ?? requestTimeLimitMs;
  const limits = bodyLimits({
    deadlineMs: requestTimeoutMs,
    headDeadlineMs: requestTimeoutMs,
    ...(options.maxBodyBytes === undefined ? {} : { capBytes: options.maxBodyBytes }),
  });
  // Cleanup reads whole pages of links, whatever cap the run set for the answers it checks.
  const cleanupLimits = {
    ...pagingBodyLimits,
    deadlineMs: limits.deadlineMs,
    headDeadlineMs: limits.headDeadlineMs,
  };
  const recordBudget = options.recordBudgetBytes ?? defaultRecordBudgetBytes;
  const target = await resolveTarget(options.target, options.env ?? process.env);
  // Said once the target answers: a run that cannot start has no seed to replay.
  const print = options.print ?? ((text: string) => console.log(text));
  const offWhy = selected.some(isOperationId) ? '--generate 0' : '--only names no operation';
  print(
    phaseOn
      ? `generated phase: seed ${generated.seed}, ${generated.examples} random examples per operation (--seed ${generated.seed}${generated.examples === defaultGeneratedExamples ? '' : ` --generate ${generated.examples}`} replays them)`
      : `generated phase: off (${offWhy})`,
  );
  const dir = createPrivateDir();
  let passed = false;
  try {
    writeContext(dir, {
      runId,
      baseUrl: target.baseUrl,
      targetDescription: target.description,
      control: target.control,
      ...(target.controlSetAside ? { controlSetAside: target.controlSetAside } : {}),
      ...(target.loopbackUnreachable ? { loopbackUnreachable: target.loopbackUnreachable } : {}),
      readOnly,
      tokens: target.tokens,
      privateDir: dir.path,
      operations: selected.filter(isOperationId),
      generated,
      bodyLimits: limits,
      recordBudgetBytes: recordBudget,
    });
    let suiteRun: SuiteRun = { results: [], stderr: new Map() };
    let cleanup: CleanupResult = { deleted: 0, problems: [] };
    const cleanupLog: RequestRecord[] = [];
    try {
      suiteRun = await executeSuites(files, dir.contextFile, options.concurrency ?? 2, options.signal);
      // After the hand-written suites, so that it starts once they are done with the target.
      if (phaseOn && !options.signal?.aborted) {
        const phase = await executeSuites([generatedPhaseFile], dir.contextFile, 1, options.signal);
        suiteRun = {
          results: [...suiteRun.results, ...phase.results],
          stderr: new Map([...suiteRun.stderr, ...phase.stderr]),
        };
      }
    } finally {
      const { secrets, links } = readPrivate(dir);
      cleanup = await cleanupRun(
        target.baseUrl,
        cleanupAccounts(target.tokens, secrets),
        runId,
        cleanupLog,
        undefined,
        links,
        cleanupLimits,
      );
    }
    // `--example` runs a few examples on purpose: the field gate would fail every replay.
    const generatedPhase = phaseOn && generated.example === undefined && !(options.signal?.aborted ?? false);
    const facts = {
      ...{ runId, target, readOnly, selected, startedAt, suiteRun, cleanup, cleanupLog },
      ...{ handWritten, generatedPhase, exampleFilter: generated.example },
      ...{ bodyLimits: limits, cleanupBodyLimits: cleanupLimits, recordBudgetBytes: recordBudget },
      ...(phaseOn ? { seed: generated.seed } : {}),
    };
    const result = judgeRun(
      { ...facts, aborted: options.signal?.aborted ?? false },
      dir,
      options.reportsDir ?? 'reports',
      print,
    );
    passed = result.ok;
    return result;
  } finally {
    dir.remove();
    // A container is stopped too, after its logs are shown when the run failed and its id recorded.
    if (target.kind === 'image')
      await finishImageRun(target as ImageTarget, { passed, reportsDir: options.reportsDir ?? 'reports' });
    else await target.close();
  }
}
