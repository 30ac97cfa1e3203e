/**
 * `npm run sandbox [-- --port 4010 --host 127.0.0.1]`: serves the reference sandbox, prints its URL
 * and two ready-to-use demo accounts, and stops cleanly (exit 0) on SIGINT, SIGTERM or when its
 * parent exits (`npm` told to stop); a second, distinct signal quits at once (exit 130). PORT, HOST
 * and SANDBOX_BROKEN_MODE (a deliberately broken variant, for the contract self-test) also work.
 * `--help` and a bad option or a busy port answer in one line (exit 2 for mistakes), never a trace.
 */
import { printCliAnswer, readCliOptions } from '../core/cliOptions.ts';
import { onInterrupt } from '../core/interrupts.ts';
import { defaultMaxConnections, defaultRequestDeadlineMs, startSandbox } from './index.ts';
import { allowHostProblem } from './webhooks/allowedHost.ts';
import { webhookLimits } from './webhooks/settings.ts';

const usage = `usage: npm run sandbox -- [--port N] [--host H] [--public-base-url URL] [--no-demo]
                         [--max-connections N] [--request-deadline-ms N]
                         [--webhook-timeout-ms N] [--webhook-retries N] [--webhook-retry-delay-ms N]
                         [--webhook-allow-host H[,H...]]
  --port N                    default 4010 (or PORT); 0 picks a free one
  --host H                    default 127.0.0.1 (or HOST)
  --public-base-url URL       base of pay_link URLs (default: the sandbox's own URL)
  --no-demo                   do not make and print the demo accounts
  --max-connections N         open connections at most; the longest idle one makes room (default ${defaultMaxConnections})
  --request-deadline-ms N     a request must arrive whole within this, else 408 (default ${defaultRequestDeadlineMs})
payment notifications (POSTed to a paid or cancelled link's payment endpoints):
  --webhook-timeout-ms N      one attempt's deadline (default ${webhookLimits.timeoutMs.default})
  --webhook-retries N         attempts after a failed one (default ${webhookLimits.retries.default})
  --webhook-retry-delay-ms N  before retry k (from 0): N x 2^k (default ${webhookLimits.retryDelayMs.default})
  --webhook-allow-host H,...  hosts notified besides loopback (127.0.0.0/8, ::1, localhost), by name
                              or IP, no port; any other host is logged not_sent and never contacted
environment: PORT, HOST (defaults of --port, --host), SANDBOX_BROKEN_MODE (a deliberately broken variant)
exit codes: 0 stopped by SIGINT/SIGTERM or its parent's exit, 2 a bad option, a busy port or an
  address not of this machine, 130 a second signal quit it at once`;

/** A usage error: one line, exit 2, never a stack trace. */
function refuse(problem: string): never {
  console.error(`${problem} (npm run sandbox -- --help lists the options)`);
  process.exit(2);
}

const read = readCliOptions('npm run sandbox', usage, {
  port: { type: 'string', default: process.env.PORT ?? '4010' },
  host: { type: 'string', default: process.env.HOST ?? '127.0.0.1' },
  'public-base-url': { type: 'string' },
  'no-demo': { type: 'boolean', default: false },
  'max-connections': { type: 'string', default: String(defaultMaxConnections) },
  'request-deadline-ms': { type: 'string', default: String(defaultRequestDeadlineMs) },
  'webhook-timeout-ms': { type: 'string', default: String(webhookLimits.timeoutMs.default) },
  'webhook-retries': { type: 'string', default: String(webhookLimits.retries.default) },
  'webhook-retry-delay-ms': { type: 'string', default: String(webhookLimits.retryDelayMs.default) },
  'webhook-allow-host': { type: 'string', default: '' },
});
if (read.kind !== 'values') process.exit(printCliAnswer(read));
const values: Record<string, string | boolean | undefined> = read.values;

function whole(name: string, min: number, max: number): number {
  // Digits only: Number() would read '' as 0 and '1e3' as 1000.
  const text = String(values[name]);
  const n = /^[0-9]{1,16}$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isInteger(n) || n < min || n > max)
    refuse(`--${name} must be a whole number from ${min} to ${max}, not ${text || "''"}`);
  return n;
}

const port = whole('port', 0, 65535);
const maxConnections = whole('max-connections', 1, 1_000_000);
const requestDeadlineMs = whole('request-deadline-ms', 100, 300_000);
const { timeoutMs, retries, retryDelayMs } = webhookLimits;
const webhooks = {
  timeoutMs: whole('webhook-timeout-ms', timeoutMs.min, timeoutMs.max),
  retries: whole('webhook-retries', retries.min, retries.max),
  retryDelayMs: whole('webhook-retry-delay-ms', retryDelayMs.min, retryDelayMs.max),
  allowHosts: String(values['webhook-allow-host'])
    .split(',')
    .map((host) => host.trim())
    .filter((host) => host !== ''),
};
for (const host of webhooks.allowHosts) {
  const problem = allowHostProblem(host);
  if (problem) refuse(`--webhook-allow-host: ${problem}`);
}

const sandbox = await startSandbox({
  port,
  host: values.host as string,
  ...(typeof values['public-base-url'] === 'string' ? { publicBaseUrl: values['public-base-url'] } : {}),
  brokenMode: process.env.SANDBOX_BROKEN_MODE || undefined,
  maxConnections,
  requestDeadlineMs,
  webhooks,
}).catch((error: NodeJS.ErrnoException) => {
  if (error.code === 'EADDRINUSE')
    refuse(
      `port ${port} on ${values.host} is in use: pick another with --port N or PORT=N (0 picks a free one)`,
    );
  if (error.code === 'EADDRNOTAVAIL') refuse(`${values.host} is not an address of this machine`);
  console.error(`the sandbox could not start: ${error.message}`);
  process.exit(2);
});
console.log(`SecPaid reference sandbox listening on ${sandbox.url}`);
if (sandbox.brokenMode) console.log(`deliberately broken mode: ${sandbox.brokenMode}`);
if (!values['no-demo']) {
  // The demo keys are printed once, for the person who started the sandbox; requests are never
  // logged. Two accounts, so that a contract run on keys from the environment has the second one
  // its isolation tests need, and the recipient token of a third for split links: the suite names
  // it as a recipient acting as either of the two, and no account may be its own recipient. Each
  // value follows the word "token", which container-log redaction masks
  // (contract/container/redact.ts); the variable it goes in is named after it.
  const { tenant, apiKey } = sandbox.state.tenants.create();
  const second = sandbox.state.tenants.create();
  const third = sandbox.state.tenants.create();
  console.log(`demo account: token ${apiKey}  user_id ${tenant.userId}  (SECPAID_TOKEN)`);
  console.log(`second account: token ${second.apiKey}  user_id ${second.tenant.userId}  (SECPAID_TOKEN_B)`);
  console.log(
    `demo recipient token (for createSplitLink): ${third.tenant.recipientToken}  (a third account's: SECPAID_RECIPIENT_TOKEN)`,
  );
  console.log(`try: curl -s -X POST ${sandbox.url}/api/v2/createLink -H 'token: ${apiKey}' -d amount=12.50`);
}

// The first signal (or the parent's exit) closes the server, letting answers under way finish; a
// second, distinct signal does not wait for them. Exiting once closed: a timer of the state must not
// keep a stopped sandbox alive.
onInterrupt({
  stop: () => {
    sandbox.close().then(
      () => {
        console.log('sandbox stopped');
        process.exit(0);
      },
      (error: Error) => {
        console.error(`the sandbox did not close cleanly: ${error.message}`);
        process.exit(1);
      },
    );
  },
  quit: () => process.exit(130),
});
