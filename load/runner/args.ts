/**
 * Command-line options of `npm run load`. API keys come from the environment (SECPAID_TOKEN,
 * SECPAID_RECIPIENT_TOKENS), never from arguments, which other users of the machine can read.
 */
import { parseArgs } from 'node:util';
import { profileNames } from '../profiles/profiles.ts';
import { isScenarioName, scenarioNames } from '../scenarios/index.ts';
import { type LoadOptions, maxLoadBodyBytes } from './run.ts';

export const usage = `Usage: npm run load -- --scenario <${scenarioNames.join('|')}> [options]

  --profile NAME       ${profileNames.join(', ')} (default smoke)
  --base-url URL       target; default: the embedded sandbox on a free loopback port
  --baseline FILE      compare with an earlier reports/load-<scenario>.json; fail on regression
  --tolerance F        allowed regression against the baseline, >= 0 (default 0.2 = 20 %)
  --rate-scale F       multiply the profile's rates, rounded to whole req/s (default 1)
  --workers N          worker threads (default: by peak rate, within the cores)
  --allow-remote       permit a non-loopback target (needs --max-rate)
  --max-rate N         refuse profiles that peak above N requests/s
  --max-requests N     bound on planned requests (default 2000000)
  --max-duration S     bound on planned seconds (default 10800)
  --timeout S          per-request timeout; also the grace for late answers (default 10)
  --max-body-bytes N   bytes of each answer kept for the checks, at most 1048576; longer answers
                       are cut and counted (default 65536)
  --out DIR            report directory (default reports)
  --no-cleanup         keep the links the run created
  --quiet              no progress lines
Environment: SECPAID_TOKEN and SECPAID_RECIPIENT_TOKENS (comma-separated) to use an existing account.
Exit status: 0 all thresholds met, 1 a threshold or the baseline failed, 2 refused (also an --out
that cannot be written), broken setup, an unexpected error, or a run whose load generator saturated
and failed only on figures its stalls could explain (INCONCLUSIVE), 130 interrupted (SIGINT/SIGTERM;
the run's links are cleaned up first).`;

export class UsageError extends Error {}

/** A number option's value; an option given with no text (`--max-requests ''`) is an error, not absent. */
function numberOption(name: string, text: string | undefined, min: 'positive' | 'non-negative') {
  if (text === undefined) return undefined;
  // Number('') and Number(' ') are 0: an empty value would pass as zero.
  const value = text.trim() === '' ? Number.NaN : Number(text);
  const ok = Number.isFinite(value) && (min === 'positive' ? value > 0 : value >= 0);
  if (!ok) throw new UsageError(`--${name} must be a ${min} number, not '${text}'`);
  return value;
}

const positive = (name: string, text: string | undefined) => numberOption(name, text, 'positive');

export function parseLoadArgs(argv: readonly string[], env: NodeJS.ProcessEnv): LoadOptions | 'help' {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    options: {
      scenario: { type: 'string' },
      profile: { type: 'string', default: 'smoke' },
      'base-url': { type: 'string' },
      baseline: { type: 'string' },
      tolerance: { type: 'string' },
      'rate-scale': { type: 'string' },
      workers: { type: 'string' },
      'allow-remote': { type: 'boolean', default: false },
      'max-rate': { type: 'string' },
      'max-requests': { type: 'string' },
      'max-duration': { type: 'string' },
      timeout: { type: 'string' },
      'max-body-bytes': { type: 'string' },
      out: { type: 'string', default: 'reports' },
      'no-cleanup': { type: 'boolean', default: false },
      quiet: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return 'help';
  if (!values.scenario || !isScenarioName(values.scenario)) {
    throw new UsageError(`--scenario must be one of ${scenarioNames.join(', ')}`);
  }
  const workers = positive('workers', values.workers);
  if (workers !== undefined && !Number.isInteger(workers))
    throw new UsageError('--workers must be a whole number');
  const maxBodyBytes = positive('max-body-bytes', values['max-body-bytes']);
  if (maxBodyBytes !== undefined && !(Number.isInteger(maxBodyBytes) && maxBodyBytes <= maxLoadBodyBytes))
    throw new UsageError(`--max-body-bytes must be a whole number up to ${maxLoadBodyBytes}`);
  // autocannon counts its timeout in whole seconds, at least one.
  const timeoutS = positive('timeout', values.timeout);
  if (timeoutS !== undefined && timeoutS < 1)
    throw new UsageError(`--timeout must be at least 1 (seconds), not '${values.timeout}'`);
  const maxRequests = positive('max-requests', values['max-requests']);
  const maxDurationS = positive('max-duration', values['max-duration']);
  const recipients = (env.SECPAID_RECIPIENT_TOKENS ?? '').split(',').filter((t) => t !== '');
  return {
    scenario: values.scenario,
    profile: values.profile,
    baseUrl: values['base-url'],
    baselineFile: values.baseline,
    // 0 is meaningful: no regression allowed beyond the noise floors.
    tolerance: numberOption('tolerance', values.tolerance, 'non-negative'),
    rateScale: positive('rate-scale', values['rate-scale']),
    workers,
    allowRemote: values['allow-remote'],
    maxRate: positive('max-rate', values['max-rate']),
    bounds: {
      ...(maxRequests !== undefined ? { maxRequests } : {}),
      ...(maxDurationS !== undefined ? { maxDurationS } : {}),
    },
    timeoutS,
    maxBodyBytes,
    outDir: values.out,
    cleanup: !values['no-cleanup'],
    progress: !values.quiet,
    token: env.SECPAID_TOKEN || undefined,
    recipientTokens: recipients.length ? recipients : undefined,
  };
}
