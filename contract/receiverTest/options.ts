/**
 * The command line of `npm run webhooks`: read with core/cliOptions.ts like every CLI of the project,
 * then vetted before anything is sent: the receiver's host is loopback unless --allow-remote, the
 * encryption key is one (and is never quoted back, not even in a mistake), the notification's
 * fields are ones a receiver can match to an order.
 */
import { type CliAnswer, readCliOptions, wholeNumbers } from '../../core/cliOptions.ts';
import { isLoopbackHost } from '../../core/loopbackHost.ts';
import { centsOf } from '../../core/money.ts';
import { makeRedactor } from '../../core/redact.ts';
import { encryptionKeyProblem } from '../../core/webhooks/encryption.ts';
import type { PaymentNotification } from '../../core/webhooks/notification.ts';

export const command = 'npm run webhooks';
const keyVariable = 'SECPAID_WEBHOOK_KEY';
const defaultTimeoutMs = 5000;
const maxTimeoutMs = 600_000;

const usage = `usage: ${command} -- --to URL [options]
  Tests a webhook receiver: sends it SecPaid's payment notification in every documented encoding
  (paid and cancelled; form, nested JSON, the how-to's bracketed JSON, encrypted), the same one
  delivered again, and bodies it must refuse (malformed, wrongly encrypted, ResponseCode 0), and
  says which answers differ from what the docs ask: 2xx to a genuine notification, 4xx to a body it
  cannot read, never a 5xx, never a redirect (README.md, "Test your webhook receiver").
    --to URL               the receiver's notification URL (required); loopback only (127.0.0.0/8, ::1, localhost)
    --allow-remote         permit a --to or --fulfilments host that is not loopback
    --encryption-key KEY   the 32-character key the receiver decrypts with; better in the environment as
                           ${keyVariable} (out of the shell's history); without it the encrypted variants
                           are not run (and do not fail the run)
    --pay-id N             every notification's pay_id (default 1001): a test order the receiver knows
    --amount A             their amount (default 19.99); the note is "Order #N"
    --user-id ID           their user_id, the link owner's (default b44c4429-4a7b-4e27-85af-c1c2f43f4ffe)
    --fulfilments URL      a GET URL answering {"count": n} for ?pay_id=N: how often the receiver fulfilled
                           that order; with it, a notification delivered again must leave the count at 1
    --reports DIR          where reports go (default reports/; checked before the run):
                           webhooks.json, webhooks-junit.xml
    --timeout-ms N         each request's time limit, for the answer's head and again for its body (default ${defaultTimeoutMs})
  exit status: 0 every variant that ran passed, 1 a finding, 2 a bad option, an unreachable receiver or
    an unwritable --reports, 130 interrupted (the reports say what was sent until then)`;

const maxAmountCents = 99_999_999;

export interface ReceiverTestArgs {
  to: string;
  fulfilments?: string;
  encryptionKey?: string;
  notification: PaymentNotification;
  reportDir: string;
  timeoutMs: number;
}

const mistake = (text: string): { kind: 'mistake'; text: string } => ({
  kind: 'mistake',
  text: `${text} (${command} -- --help lists the options)`,
});

/** Why `text` cannot be a URL notifications go to (as `option`), or undefined when it can. */
export function urlProblem(option: string, text: string, allowRemote: boolean): string | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return `${option} ${text} is not a URL (e.g. http://127.0.0.1:3000/hook)`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return `${option} takes an http or https URL, not ${url.protocol}`;
  if (url.username || url.password) return `${option} takes a URL without credentials`;
  if (!allowRemote && !isLoopbackHost(url.hostname))
    return `${option} ${url.hostname} is not a loopback address (127.0.0.0/8, ::1, localhost): give --allow-remote to send there`;
  return undefined;
}

/**
 * The values that may hold the key, so that no answer of this module can quote it: the variable,
 * the option's value, and a stray argument shaped like a key (what is left of `--encryption-key KEY`
 * when something took the option away).
 */
function keyCandidates(args: readonly string[], env: NodeJS.ProcessEnv): string[] {
  const found = [env[keyVariable] ?? ''];
  args.forEach((arg, i) => {
    if (arg === '--encryption-key') found.push(args[i + 1] ?? '');
    else if (arg.startsWith('--encryption-key=')) found.push(arg.slice('--encryption-key='.length));
    else if (!arg.startsWith('-') && encryptionKeyProblem(arg) === undefined) found.push(arg);
  });
  return found.filter((value) => value !== '');
}

function vet(
  values: Record<string, string | boolean | undefined>,
  env: NodeJS.ProcessEnv,
): CliAnswer<ReceiverTestArgs> {
  const text = (name: string) => values[name] as string | undefined;
  const allowRemote = values['allow-remote'] === true;
  const to = text('to');
  if (to === undefined)
    return mistake(
      "--to URL is required: the receiver's notification URL, e.g. --to http://127.0.0.1:3000/hook",
    );
  const fulfilments = text('fulfilments');
  for (const [option, url] of [
    ['--to', to],
    ['--fulfilments', fulfilments],
  ] as const) {
    const problem = url === undefined ? undefined : urlProblem(option, url, allowRemote);
    if (problem) return mistake(problem);
  }
  const numbers = wholeNumbers(command, { 'pay-id': text('pay-id'), 'timeout-ms': text('timeout-ms') }, [
    'pay-id',
    'timeout-ms',
  ]);
  if (numbers.kind !== 'values') return numbers;
  const { 'pay-id': payId, 'timeout-ms': timeoutMs } = numbers.values;
  if (timeoutMs > maxTimeoutMs)
    return mistake(`--timeout-ms takes at most ${maxTimeoutMs}, not ${timeoutMs}`);
  const amountCents = centsOf(text('amount'));
  // The API's largest amount (spec/DECISIONS.md D-MONEY): past it, cents would no longer be exact.
  if (amountCents === undefined || amountCents < 1 || amountCents > maxAmountCents)
    return mistake(
      `--amount takes an amount from 0.01 to 999999.99 with at most two decimals, e.g. 19.99, not '${text('amount')}'`,
    );
  const userId = text('user-id')!.trim();
  if (userId === '') return mistake('--user-id takes a non-empty id');
  const given = text('encryption-key') ?? env[keyVariable];
  const encryptionKey = given === '' ? undefined : given;
  const source = text('encryption-key') === undefined ? keyVariable : '--encryption-key';
  const keyProblem = encryptionKey === undefined ? undefined : encryptionKeyProblem(encryptionKey);
  if (keyProblem) return mistake(`${source}: ${keyProblem}`);
  return {
    kind: 'values',
    values: {
      to,
      ...(fulfilments === undefined ? {} : { fulfilments }),
      ...(encryptionKey === undefined ? {} : { encryptionKey }),
      notification: { event: 'paid', payId, userId, amountCents, note: `Order #${payId}` },
      reportDir: text('reports')!,
      timeoutMs,
    },
  };
}

/** The run's arguments, the usage (help) or a one-line mistake; the key never appears in either. */
export function readReceiverTestArgs(
  args: string[] = process.argv.slice(2),
  env: NodeJS.ProcessEnv = process.env,
): CliAnswer<ReceiverTestArgs> {
  const read = readCliOptions(
    command,
    usage,
    {
      to: { type: 'string' },
      'allow-remote': { type: 'boolean' },
      'encryption-key': { type: 'string' },
      'pay-id': { type: 'string', default: '1001' },
      amount: { type: 'string', default: '19.99' },
      'user-id': { type: 'string', default: 'b44c4429-4a7b-4e27-85af-c1c2f43f4ffe' },
      fulfilments: { type: 'string' },
      reports: { type: 'string', default: 'reports' },
      'timeout-ms': { type: 'string', default: String(defaultTimeoutMs) },
    },
    args,
    env,
  );
  const answer = read.kind === 'values' ? vet(read.values, env) : read;
  if (answer.kind !== 'mistake') return answer;
  return { kind: 'mistake', text: makeRedactor(keyCandidates(args, env))(answer.text) };
}
