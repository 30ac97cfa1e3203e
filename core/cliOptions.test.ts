import assert from 'node:assert/strict';
import { test } from 'node:test';
import { nearMiss, npmTookOption, readCliOptions, wholeNumbers } from './cliOptions.ts';

const options = {
  check: { type: 'boolean', default: false },
  seconds: { type: 'string', default: '4' },
} as const;
const read = (args: string[], env: NodeJS.ProcessEnv = {}) =>
  readCliOptions('npm run x', 'usage: x', options, args, env);

test('values, with defaults; --help and -h answer the usage', () => {
  const given = read(['--seconds', '9']);
  assert.equal(given.kind, 'values');
  assert.deepEqual({ ...(given.kind === 'values' ? given.values : {}) }, { check: false, seconds: '9' });
  assert.deepEqual(read(['--help']), { kind: 'help', text: 'usage: x' });
  assert.deepEqual(read(['-h']), { kind: 'help', text: 'usage: x' });
});

test('a mistake is one line naming the option, a near miss suggested, and where the options are', () => {
  assert.deepEqual(read(['--chek']), {
    kind: 'mistake',
    text: "Unknown option '--chek'; did you mean --check? (npm run x -- --help lists the options)",
  });
  const far = read(['--verbose']);
  assert.equal(far.kind, 'mistake');
  assert.equal(
    far.kind === 'mistake' && far.text,
    "Unknown option '--verbose' (npm run x -- --help lists the options)",
  );
  const missing = read(['--seconds']);
  assert.ok(missing.kind === 'mistake' && /--seconds/.test(missing.text) && !missing.text.includes('\n'));
  const stray = read(['extra']);
  assert.ok(stray.kind === 'mistake' && /options go after `--`/.test(stray.text));
});

test('an option npm took for its own (given without `--`) is explained, with the command meant', () => {
  const taken = read([], { npm_config_check: 'true', npm_config_cache: '/root/.npm' });
  assert.deepEqual(taken, {
    kind: 'mistake',
    text: 'npm took --check for one of its own settings: options go after `--`, as in npm run x -- --check (npm run x -- --help lists the options)',
  });
  assert.equal(read([], { npm_config_chek: 'true' }).kind, 'mistake', 'a near miss too');
  assert.equal(read([], { npm_config_cache: '/root/.npm', npm_config_loglevel: 'silent' }).kind, 'values');
});

test('near misses: a few edits or a prefix, never a far name', () => {
  assert.equal(nearMiss('--prot', ['port', 'host']), 'port');
  assert.equal(nearMiss('--sec', ['seconds', 'seed']), 'seconds');
  assert.equal(nearMiss('--verbose', ['port', 'host']), undefined);
});

test('CLIs with their own parser find the option npm took from their usage text', () => {
  const usage = 'usage: npm run contract -- [--read-only] [--seed N] [--generate N]';
  assert.equal(
    npmTookOption('npm run contract', usage, { npm_config_read_only: 'true' }),
    'npm took --read-only for one of its own settings: options go after `--`, as in npm run contract -- --read-only (npm run contract -- --help lists the options)',
  );
  assert.match(npmTookOption('npm run contract', usage, { npm_config_sed: '' }) ?? '', /-- --seed /);
  assert.equal(npmTookOption('npm run contract', usage, { npm_config_cache: '/root/.npm' }), undefined);
});

test('whole-number options: the numbers, or one line naming the first bad one', () => {
  const names = ['seconds', 'rounds'] as const;
  assert.deepEqual(wholeNumbers('npm run x', { seconds: '4', rounds: '12' }, names), {
    kind: 'values',
    values: { seconds: 4, rounds: 12 },
  });
  for (const bad of ['abc', '', '0', '-3', '2.5', '1e3', ' 4'])
    assert.deepEqual(wholeNumbers('npm run x', { seconds: bad, rounds: '1' }, names), {
      kind: 'mistake',
      text: `--seconds takes a whole number >= 1, not '${bad}' (npm run x -- --help lists the options)`,
    });
  assert.equal(wholeNumbers('npm run x', { seconds: '0', rounds: '1' }, names, 0).kind, 'values');
});

test('a command whose output stops being read (| head) runs on to its end, without a stack trace', async () => {
  const { spawn } = await import('node:child_process');
  const script = `
    import { readCliOptions } from ${JSON.stringify(new URL('./cliOptions.ts', import.meta.url).pathname)};
    readCliOptions('npm run x', 'usage', {}, []);
    for (let i = 0; i < 2000; i++) console.log('line ' + i + ' ' + 'x'.repeat(200));
    await new Promise((resolve) => setTimeout(resolve, 50));
    for (let i = 0; i < 2000; i++) console.log('more ' + i);
    process.exitCode = 7;
  `;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  child.stdout.once('data', () => child.stdout.destroy());
  const code = await new Promise((resolve) => child.on('close', resolve));
  assert.equal(stderr, '');
  assert.equal(code, 7, 'it reached its own end');
});
