/**
 * Receivers for the tests of `npm run webhooks`, all on loopback ports of their own: the example of
 * README.md, taken from its "Test your webhook receiver" section as written (so the README cannot
 * drift from a receiver that passes) and run in a child process; and small in-process receivers that
 * misbehave in one way each. `runWebhooks` runs the CLI against one and reads its reports.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot, type Spawned, spawnTsx } from '../selftest/spawnTsx.ts';
import { reportFiles } from './reports.ts';

/** The section's first `js` code block: the example receiver. */
function readmeReceiverSource(readme = readFileSync(join(repoRoot, 'README.md'), 'utf8')): string {
  const section = readme.split(/^## /m).find((s) => s.startsWith('Test your webhook receiver'));
  if (!section) throw new Error('README.md has no "Test your webhook receiver" section');
  const block = /^```js\n([\s\S]*?)^```$/m.exec(section);
  if (!block) throw new Error('the "Test your webhook receiver" section of README.md has no js code block');
  return block[1]!;
}

export interface RunningReceiver {
  /** Its notification URL (…/hook). */
  url: string;
  /** Its GET /fulfilments URL. */
  fulfilments: string;
  stop(): Promise<void>;
}

/** Starts README.md's receiver on a free port; resolves once it says where it listens. */
export function startReadmeReceiver(key: string | undefined): Promise<RunningReceiver> {
  const dir = mkdtempSync(join(tmpdir(), 'readme-receiver-'));
  const file = join(dir, 'webhook-receiver.mjs');
  writeFileSync(file, readmeReceiverSource());
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0' };
  delete env.SECPAID_WEBHOOK_KEY;
  if (key !== undefined) env.SECPAID_WEBHOOK_KEY = key;
  const child: ChildProcess = spawn(process.execPath, [file], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<void>((done) => child.once('close', () => done()));
  const stop = async () => {
    child.kill();
    await exited;
    rmSync(dir, { recursive: true, force: true });
  };
  return new Promise((resolve, reject) => {
    let said = '';
    child.stdout!.on('data', (chunk) => {
      said += chunk;
      const url = /http:\/\/127\.0\.0\.1:\d+\/hook/.exec(said)?.[0];
      if (url) resolve({ url, fulfilments: url.replace(/\/hook$/, '/fulfilments'), stop });
    });
    child.stderr!.on('data', (chunk) => (said += chunk));
    child.once('close', (code) =>
      reject(new Error(`README.md's receiver exited (${code}) before listening: ${said}`)),
    );
  });
}

type Handler = (request: IncomingMessage, body: string, response: ServerResponse) => void;

/** An in-process receiver answering every request with `handle`, once its body has arrived. */
export async function startReceiver(handle: Handler): Promise<RunningReceiver & { server: Server }> {
  const server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => handle(request, body, response));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  return {
    server,
    url: `http://127.0.0.1:${port}/hook`,
    fulfilments: `http://127.0.0.1:${port}/fulfilments`,
    stop: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

export interface WebhooksRun extends Spawned {
  /** webhooks.json, parsed; undefined when it was not written. */
  report?: WebhooksReport;
  json: string;
  junit: string;
}

interface WebhooksReport {
  ok: boolean;
  variants: {
    id: string;
    verdict: 'passed' | 'failed' | 'not run';
    reason?: string;
    findings: { problem: string; docs: string }[];
    exchanges: { answer?: { status: number; body: string }; error?: { code: string } }[];
  }[];
}

/** `npm run webhooks -- args` (without npm), its reports in a directory of its own unless args name one. */
export async function runWebhooks(
  args: string[],
  env: NodeJS.ProcessEnv = {},
  onStart?: (child: ChildProcess) => void,
): Promise<WebhooksRun> {
  const dir = mkdtempSync(join(tmpdir(), 'webhooks-reports-'));
  try {
    const childEnv = { SECPAID_WEBHOOK_KEY: '', ...env };
    const where = args.includes('--reports') ? [] : ['--reports', dir];
    const run = await spawnTsx(
      'contract/receiverTest/cli.ts',
      [...args, ...where],
      childEnv,
      undefined,
      onStart,
    );
    const read = (name: string) => {
      try {
        return readFileSync(join(dir, name), 'utf8');
      } catch {
        return '';
      }
    };
    const json = read(reportFiles.json);
    return { ...run, json, junit: read(reportFiles.junit), ...(json ? { report: JSON.parse(json) } : {}) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The variant `id` of a run's report. */
export function variantOf(run: WebhooksRun, id: string): WebhooksReport['variants'][number] {
  const found = run.report?.variants.find((v) => v.id === id);
  if (!found) throw new Error(`no variant ${id} in the report: ${run.stdout}${run.stderr}`);
  return found;
}
