/**
 * The command line of `npm run contract`:
 *   --base-url URL        test a running server instead of the embedded sandbox
 *   --env-tokens          with --base-url: act only as SECPAID_TOKEN(_B), even if the server offers
 *                         the sandbox control API (rehearses a real-server run against a sandbox)
 *   --single-account      with --base-url or --image, on keys from the environment: no SECPAID_TOKEN_B,
 *                         skipping the tests that need a second account (else its absence is refused)
 *   --image NAME[:TAG]    start this image with testcontainers and test it; with it:
 *     --image-port N          the port the image listens on (default: it honours PORT, like the sandbox)
 *     --image-env KEY=VALUE   environment of the container (repeatable)
 *     --image-wait SPEC       readiness: http:/<path> (default http:/sandbox/health) or log:<regex>
 *     --image-startup-timeout 60s
 *   --read-only           create nothing: only list operations and authentication checks
 *   --allow-production    permit app.secpaid.com (only together with --read-only)
 *   --only op1,op2        run the suites of these operations (or webhooks) only
 *   --reports DIR         where reports go (default reports/)
 *   --generate N          random valid examples per operation in the generated phase (default 20;
 *                         0 skips the phase)
 *   --seed S              the generated phase's seed (printed by every run; the same seed replays it)
 *   --max-requests N      at most N requests in the generated phase
 *   --example ID          only the generated examples whose id starts with ID
 *   --generated-only      run the generated phase without the hand-written suites
 *   --max-body-bytes N    bytes kept of each answer's body (default 1 MiB; a longer body fails its
 *                         test as over the cap, core/boundedBody.ts)
 *   --request-timeout S   each request's time limit in seconds: its response head within S of
 *                         sending, its body within S of the head (default 15)
 */

import { defaultBodyLimits, maxBodyCapBytes } from '../../core/boundedBody.ts';
import { didYouMean } from '../../core/cliOptions.ts';
import type { ImageArgs } from '../container/imageOptions.ts';
import { defaultGeneratedExamples, maxSeed } from '../generator/seed.ts';
import { isOperationId, isSuiteId, type SuiteId, suiteIds } from '../suites/suiteIds.ts';
import { baseUrlProblem } from '../target/baseUrl.ts';
import type { RunSelection } from '../target/secondAccount.ts';
import { type RunOptions, requestTimeLimitMs } from './runContract.ts';

/** The longest --request-timeout: a run of two thousand requests must still end. */
const maxRequestTimeoutS = 600;

export const usage = `usage: npm run contract -- [options]
  target (default: the embedded sandbox):
    --base-url URL             a running server (its control API is used when it answers)
    --env-tokens               with --base-url: act only as SECPAID_TOKEN(_B), even beside a control API
    --single-account           with --base-url or --image, on keys from the environment: no SECPAID_TOKEN_B; the tests
                               that need a second account are skipped as not provokable (without this
                               option a missing SECPAID_TOKEN_B is refused when the run needs it)
    --image NAME[:TAG]         start this image with testcontainers and test it, with:
      --image-port N           the port it listens on (default: it honours PORT)
      --image-env KEY=VALUE    its environment (repeatable)
      --image-wait SPEC        readiness: http:/<path> (default http:/sandbox/health) or log:<regex>
      --image-startup-timeout  e.g. 60s
  what runs:
    --only op1,op2             these suites only (${suiteIds.join(', ')})
    --read-only                create nothing: lists and authentication only
    --allow-production         permit app.secpaid.com (only with --read-only)
    --generate N               random valid examples per operation in the generated phase (default 20; 0 skips it)
    --seed S                   the generated phase's seed (every run prints its own; the same seed replays it)
    --max-requests N           at most N requests in the generated phase
    --example ID               only the generated examples whose id starts with ID
    --generated-only           the generated phase without the hand-written suites
    --max-body-bytes N         bytes kept of each answer's body (default ${defaultBodyLimits.capBytes}, 1 MiB; at most ${maxBodyCapBytes});
                               a longer body is counted, not kept, and fails its test as over the cap
    --request-timeout S        seconds for each request's response head, and as many for its body after
                               the head (default ${requestTimeLimitMs / 1000}; at most ${maxRequestTimeoutS})
  reports:
    --reports DIR              where reports go (default reports/; checked before the run)
  environment (keys never go on the command line; they never appear in reports):
    SECPAID_TOKEN              an account's API key, for --base-url targets without a control API
    SECPAID_TOKEN_B            a second account's key (the isolation tests need two)
    SECPAID_RECIPIENT_TOKEN    one recipient token of another account, for createSplitLink
                               (the load runner's SECPAID_RECIPIENT_TOKENS takes a comma-separated list)
    npm run sandbox prints a value for each (contract/README.md, "Keys for a run against a URL")
  checked before the run (each refused in one line, exit 2): a --base-url without a scheme or ending in
    /api/v2; nothing answering there; on keys from the environment, a key the server does not accept
    and a missing SECPAID_TOKEN_B the run needs
  exit status: 0 every test conformed and the coverage gate passed, 1 a test or the gate failed,
    2 the run could not start (bad option, refused or unreachable target, a key not accepted,
    unwritable --reports), 130 interrupted by Ctrl-C, SIGTERM or npm told to stop (after cleanup and
    reports; a second Ctrl-C quits at once, still removing the keys' directory and a container)`;

/** A usage error: one line, pointing at --help. */
const refuse = (problem: string) => new Error(`${problem} (npm run contract -- --help lists the options)`);

function wholeNumber(flag: string, text: string, max = Number.MAX_SAFE_INTEGER, min = 0): number {
  if (!/^[0-9]+$/.test(text) || Number(text) > max || Number(text) < min)
    throw refuse(`${flag} needs a whole number from ${min} to ${max}, not ${text}`);
  return Number(text);
}

/** What of the suites and the generated phase the options select (for target/secondAccount.ts). */
function selection(options: RunOptions): RunSelection {
  const { examples = defaultGeneratedExamples, example } = options.generate ?? {};
  return {
    operations: options.only ?? suiteIds,
    readOnly: options.readOnly ?? false,
    handWritten: options.handWritten !== false,
    generated: examples > 0 || example !== undefined ? (example === undefined ? {} : { example }) : false,
  };
}

export function parseArgs(argv: string[]): RunOptions | { help: true } {
  const options: RunOptions = { target: { kind: 'embedded' } };
  let baseUrl: string | undefined;
  let image: string | undefined;
  let envTokens = false;
  let singleAccount = false;
  const imageArgs: Omit<ImageArgs, 'image'> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] =
      arg.startsWith('--') && arg.includes('=')
        ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
        : [arg, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined || v.startsWith('--')) throw refuse(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--help':
      case '-h':
        return { help: true };
      case '--base-url': {
        baseUrl = value();
        const problem = baseUrlProblem(baseUrl);
        if (problem) throw refuse(problem);
        break;
      }
      case '--env-tokens':
        envTokens = true;
        break;
      case '--single-account':
        singleAccount = true;
        break;
      case '--image':
        image = value();
        break;
      case '--image-port':
      case '--image-wait':
      case '--image-startup-timeout':
        imageArgs[flag.slice(2) as 'image-port' | 'image-wait' | 'image-startup-timeout'] = value();
        break;
      case '--image-env':
        imageArgs['image-env'] = [...(imageArgs['image-env'] ?? []), value()];
        break;
      case '--read-only':
        options.readOnly = true;
        break;
      case '--allow-production':
        options.allowProduction = true;
        break;
      case '--only': {
        const names = value()
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
        // An empty list must not silently mean "every suite": the caller asked for a selection.
        if (names.length === 0) throw refuse('--only needs at least one suite name');
        const unknown = names.filter((n) => !isSuiteId(n));
        if (unknown.length)
          throw new Error(`--only: unknown suite ${unknown.join(', ')}; known: ${suiteIds.join(', ')}`);
        options.only = names as SuiteId[];
        break;
      }
      case '--reports':
        options.reportsDir = value();
        break;
      case '--generate':
        options.generate = { ...options.generate, examples: wholeNumber(flag, value(), 100_000) };
        break;
      case '--seed':
        options.generate = { ...options.generate, seed: wholeNumber(flag, value(), maxSeed) };
        break;
      case '--max-requests':
        options.generate = { ...options.generate, maxRequests: wholeNumber(flag, value()) };
        break;
      case '--example':
        options.generate = { ...options.generate, example: value() };
        break;
      case '--generated-only':
        options.handWritten = false;
        break;
      case '--max-body-bytes':
        options.maxBodyBytes = wholeNumber(flag, value(), maxBodyCapBytes, 1);
        break;
      case '--request-timeout':
        options.requestTimeoutMs = 1000 * wholeNumber(flag, value(), maxRequestTimeoutS, 1);
        break;
      default:
        throw refuse(`Unknown option '${flag}'${didYouMean(flag, usage)}`);
    }
  }
  if (baseUrl && image) throw new Error('give --base-url or --image, not both');
  if (envTokens && !baseUrl) throw new Error('--env-tokens goes with --base-url');
  if (singleAccount && !baseUrl && !image) throw refuse('--single-account goes with --base-url or --image');
  if (baseUrl)
    options.target = {
      kind: 'url',
      baseUrl,
      ...(envTokens ? { useControlApi: false } : {}),
      ...(singleAccount ? { singleAccount } : { selection: selection(options) }),
    };
  if (!image && Object.keys(imageArgs).length > 0) throw new Error('--image-* options go with --image');
  if (image)
    options.target = {
      kind: 'image',
      image,
      imageArgs,
      ...(singleAccount ? { singleAccount } : { selection: selection(options) }),
    };
  if (options.handWritten === false && options.generate?.examples === 0 && !options.generate.example)
    throw refuse('--generated-only with --generate 0 would run nothing');
  if (options.handWritten === false && options.only && !options.only.some(isOperationId))
    throw refuse(
      `--generated-only with --only ${options.only.join(',')} would run nothing: the generated phase tests operations, and the selection names none`,
    );
  return options;
}
