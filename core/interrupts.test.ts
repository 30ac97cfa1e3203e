/**
 * The interruption rule, in a child process of its own (handlers are process-wide): signals handled
 * within a second of the first are the same Ctrl-C; one handled after that quits.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { sameInterruptionMs } from './interrupts.ts';

const probe = `
import { onInterrupt } from ${JSON.stringify(fileURLToPath(new URL('./interrupts.ts', import.meta.url)))};
onInterrupt({
  stop: (signal) => console.log('stop ' + signal),
  quit: (signal) => { console.log('quit ' + signal); process.exit(130); },
});
console.log('ready');
setInterval(() => {}, 1000);
`;

function startProbe() {
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', probe]);
  let out = '';
  child.stdout.on('data', (chunk) => (out += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  return { child, out: () => out, exited: exited.finally(() => clearTimeout(killer)) };
}

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 600 && !condition(); i++) await sleep(50);
  assert.ok(condition(), 'timed out waiting for the probe');
}

test('a signal delivered twice at once is one interruption; a later distinct one quits', async () => {
  const probe = startProbe();
  await until(() => probe.out().includes('ready'));
  // What npm or tsx do: the same Ctrl-C delivered again right away, as SIGINT or as SIGTERM.
  // Signals pending together are handled in no promised order: the first may be the SIGTERM.
  probe.child.kill('SIGINT');
  probe.child.kill('SIGINT');
  probe.child.kill('SIGTERM');
  await until(() => /stop SIG(INT|TERM)/.test(probe.out()));
  await sleep(200);
  assert.doesNotMatch(probe.out(), /quit/, 'a repeated delivery was taken for a second Ctrl-C');
  await sleep(sameInterruptionMs);
  probe.child.kill('SIGINT');
  assert.equal(await probe.exited, 130);
  const [ready, stop, quit, ...more] = probe.out().trim().split('\n');
  assert.deepEqual([ready, quit, more], ['ready', 'quit SIGINT', []]);
  assert.match(stop ?? '', /^stop SIG(INT|TERM)$/);
});
