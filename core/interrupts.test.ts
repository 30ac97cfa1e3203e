/**
 * The shutdown owner, in child processes of their own (handlers are process-wide): signals handled
 * within the window of the first are the same Ctrl-C, one handled after it quits; the parent's end
 * is a first interruption; the releases still registered run however the process exits. Each probe
 * sets the window so that no outcome depends on how fast a busy machine handles the signals: a
 * minute where repeats must merge, none where a later signal must quit.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

const interrupts = JSON.stringify(fileURLToPath(new URL('./interrupts.ts', import.meta.url)));

const probe = (sameInterruptionMs: number) => `
import { onInterrupt } from ${interrupts};
onInterrupt({
  stop: (why) => console.log('stop ' + why),
  quit: (why) => { console.log('quit ' + why); process.exit(130); },
  sameInterruptionMs: ${sameInterruptionMs},
});
console.log('ready ' + process.pid);
setInterval(() => {}, 1000);
`;

const node = [process.execPath, '--import', 'tsx', '--input-type=module', '-e'];

/** Runs `script` with node, or through `sh -c` as npm runs a script (sh then stays its parent). */
function startProbe(script: string, viaShell = false) {
  const child = viaShell
    ? // `; true` keeps sh from exec'ing node: it stays the parent, as under npm.
      spawn('sh', ['-c', `"${node.join('" "')}" "$PROBE"; true`], { env: { ...process.env, PROBE: script } })
    : spawn(node[0]!, [...node.slice(1), script]);
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

test('a signal delivered again within the window is the same interruption', async () => {
  const probed = startProbe(probe(60_000));
  await until(() => probed.out().includes('ready'));
  // What npm or tsx do: the same Ctrl-C delivered again right away, as SIGINT or as SIGTERM.
  // Signals pending together are handled in no promised order: the first may be the SIGTERM.
  probed.child.kill('SIGINT');
  probed.child.kill('SIGINT');
  probed.child.kill('SIGTERM');
  await until(() => /stop SIG(INT|TERM)/.test(probed.out()));
  await sleep(200);
  probed.child.kill('SIGKILL');
  await probed.exited;
  const [ready, stop, ...more] = probed.out().trim().split('\n');
  assert.match(ready ?? '', /^ready \d+$/);
  assert.match(stop ?? '', /^stop SIG(INT|TERM)$/);
  assert.deepEqual(more, [], 'a repeated delivery was taken for a second Ctrl-C');
});

test('a signal after the window quits', async () => {
  const probed = startProbe(probe(0));
  await until(() => probed.out().includes('ready'));
  probed.child.kill('SIGINT');
  await until(() => probed.out().includes('stop SIGINT'));
  probed.child.kill('SIGTERM');
  assert.equal(await probed.exited, 130);
  assert.deepEqual(probed.out().trim().split('\n').slice(1), ['stop SIGINT', 'quit SIGTERM']);
});

test("the parent's end is a first interruption, so a later signal quits", async () => {
  const probed = startProbe(probe(0), true);
  await until(() => /ready \d+/.test(probed.out()));
  const pid = Number(/ready (\d+)/.exec(probed.out())?.[1]);
  try {
    // What sh does when npm passes it a SIGTERM: it dies, and does not pass the signal on.
    probed.child.kill('SIGKILL');
    await until(() => probed.out().includes('stop parent exited'));
    process.kill(pid, 'SIGINT');
    await until(() => probed.out().includes('quit SIGINT'));
  } finally {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // It quit, as it should.
    }
  }
});

test('the releases still registered run once at exit, in any way of exiting; unregistered ones do not', async () => {
  const script = `
import { releaseOnExit } from ${interrupts};
releaseOnExit('a', () => console.log('released a'));
const dropB = releaseOnExit('b', () => console.log('released b'));
releaseOnExit('c', () => { throw new Error('c failed'); });
releaseOnExit('d', () => console.log('released d'));
dropB();
process.exit(3);
`;
  const probed = startProbe(script);
  assert.equal(await probed.exited, 3);
  assert.deepEqual(probed.out().trim().split('\n'), ['released a', 'released d']);
});
