/**
 * Every command of the project (`npm run` sandbox, contract, contract:container, webhooks, load,
 * load:k8s, gen and the bench:* ones) answers `--help` with its usage (exit 0) and a mistyped option
 * with one line that suggests the option meant (exit 2), before it starts any work: no stack trace, no
 * Docker, no server, no files written. A value an option cannot take (`--seconds abc`, `--layout
 * nope`) is one line too, never a stack trace or a run with NaN. `npm run sandbox` on a busy port
 * says so and how to pick another.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { describe, it, test } from 'node:test';

const root = resolve(import.meta.dirname, '..');

const commands = [
  { script: 'scripts/gen.ts', command: 'npm run gen', typo: '--chek', meant: '--check' },
  {
    script: 'bench/sandbox.ts',
    command: 'npm run bench:sandbox',
    typo: '--rouns',
    meant: '--rounds',
  },
  { script: 'bench/load.ts', command: 'npm run bench:load', typo: '--secnds', meant: '--seconds' },
  { script: 'bench/contract.ts', command: 'npm run bench:contract', typo: '--sed', meant: '--seed' },
  {
    script: 'contract/container/cli.ts',
    command: 'npm run contract:container',
    typo: '--onyl',
    meant: '--only',
  },
  { script: 'sandbox/main.ts', command: 'npm run sandbox', typo: '--prot', meant: '--port' },
  { script: 'contract/cli.ts', command: 'npm run contract', typo: '--bse-url', meant: '--base-url' },
  {
    script: 'contract/receiverTest/cli.ts',
    command: 'npm run webhooks',
    typo: '--fulfilment',
    meant: '--fulfilments',
  },
  { script: 'load/runner/cli.ts', command: 'npm run load', typo: '--scenaro', meant: '--scenario' },
  { script: 'load/k8s/render.ts', command: 'npm run load:k8s', typo: '--profle', meant: '--profile' },
];

/** The name a command gives itself in its answers, by script. */
const commandOf = new Map([
  ...commands.map(({ script, command }) => [script, command] as const),
  ['bench/autocannonBaseline.ts', 'autocannonBaseline'],
]);

/** A value the option cannot take (script, arguments, the answer): one line naming both, exit 2. */
const badValues: [string, string, string][] = [
  ['bench/sandbox.ts', '--layout nope', "--layout is separate or in-process, not 'nope'"],
  ['bench/sandbox.ts', '--latency-requests 2.5', "--latency-requests takes a whole number >= 1, not '2.5'"],
  [
    'sandbox/main.ts',
    '--webhook-retries 11',
    '--webhook-retries must be a whole number from 0 to 10, not 11',
  ],
  [
    'sandbox/main.ts',
    '--webhook-allow-host 127.0.0.1:8080',
    '--webhook-allow-host: "127.0.0.1:8080" is not a host name or IP address (give no scheme, port or path)',
  ],
  ['bench/load.ts', '--seconds abc', "--seconds takes a whole number >= 1, not 'abc'"],
  ['bench/autocannonBaseline.ts', '--connections 0', "--connections takes a whole number >= 1, not '0'"],
  ['bench/contract.ts', '--seed x', "--seed takes a whole number >= 0, not 'x'"],
  [
    'contract/receiverTest/cli.ts',
    '--to http://127.0.0.1:3000/hook --timeout-ms abc',
    "--timeout-ms takes a whole number >= 1, not 'abc'",
  ],
  [
    'load/k8s/render.ts',
    '--scenario createLinks --profile soak --parallelism abc',
    '--parallelism must be a whole number from 1 to 100, not abc',
  ],
];

function run(
  script: string,
  args: string[],
  extraEnv: NodeJS.ProcessEnv = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env = { ...process.env, ...extraEnv };
  delete env.NODE_TEST_CONTEXT;
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { cwd: root, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

// One command per core: each answer boots TypeScript through tsx, a few seconds of a busy core.
describe('each command: --help prints its usage, a typo is one line with the option meant, exit 2', {
  concurrency: availableParallelism(),
}, () => {
  for (const { script, command, typo, meant } of commands) {
    it(command, { timeout: 300_000 }, async () => {
      const help = await run(script, ['--help']);
      assert.equal(help.code, 0, `${command} --help: ${help.stderr}`);
      assert.match(help.stdout, new RegExp(`^usage: ${command.replace(/[:]/g, '\\$&')}`, 'i'), command);
      const wrong = await run(script, [typo]);
      assert.equal(wrong.code, 2, `${command} ${typo}: ${wrong.stdout}${wrong.stderr}`);
      assert.equal(
        wrong.stderr,
        `Unknown option '${typo}'; did you mean ${meant}? (${command} -- --help lists the options)\n`,
      );
      assert.equal(wrong.stdout, '');
    });
  }
});

describe('a bad value is one line naming the option and the value, exit 2, before any work', {
  concurrency: availableParallelism(),
}, () => {
  for (const [script, args, said] of badValues) {
    it(`${script} ${args}`, { timeout: 300_000 }, async () => {
      const answer = await run(script, args.split(' '));
      assert.equal(answer.code, 2, answer.stdout + answer.stderr);
      assert.equal(answer.stderr, `${said} (${commandOf.get(script)} -- --help lists the options)\n`);
      assert.equal(answer.stdout, '');
    });
  }
});

test('npm run sandbox on a busy port: one line naming the port and how to pick another, exit 2', {
  timeout: 300_000,
}, async () => {
  const busy = createServer();
  await new Promise<void>((done) => busy.listen(0, '127.0.0.1', done));
  const { port } = busy.address() as { port: number };
  try {
    for (const [args, env] of [
      [['--port', String(port)], {}],
      [[], { PORT: String(port) }],
    ] as const) {
      const answer = await run('sandbox/main.ts', [...args, '--no-demo'], env);
      assert.equal(answer.code, 2, answer.stdout + answer.stderr);
      assert.equal(
        answer.stderr,
        `port ${port} on 127.0.0.1 is in use: pick another with --port N or PORT=N (0 picks a free one) ` +
          '(npm run sandbox -- --help lists the options)\n',
      );
      assert.equal(answer.stdout, '');
    }
  } finally {
    busy.close();
  }
});
