/**
 * Run-level verdicts beyond the thresholds: a run compared with its own report as baseline passes,
 * one compared with a much faster baseline fails, a baseline that does not fit is refused before
 * anything is sent; a profile that aborts on latency stops the run at the first breach instead of
 * running its full length; an aborted run (the CLI's SIGINT) still cleans up.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { bareBody } from '../../bench/bareServer.ts';
import type { Profile } from '../profiles/profiles.ts';
import type { LoadReport } from './report.ts';
import { LoadRefused, runLoad } from './run.ts';

const keys = { token: 'T'.repeat(32), recipientTokens: ['R'.repeat(32)] };

function profile(seconds: number, abortOnLatency: boolean): Profile {
  return {
    name: 'smoke',
    description: 'test',
    startRate: 20,
    stages: [{ duration: seconds, target: 20 }],
    preAllocatedVUs: 5,
    maxVUs: 5,
    abortOnLatency,
    abortOnErrors: false,
  };
}

describe('baseline and abort', () => {
  let delayMs = 0;
  /** Paths of the requests the server got, in order. */
  const seen: string[] = [];
  /** Called with each request's path as it arrives. */
  let onRequest: (path: string) => void = () => {};
  const server = createServer((request, response) => {
    seen.push(request.url ?? '');
    onRequest(request.url ?? '');
    request.resume();
    request.on('end', () => setTimeout(() => response.end(bareBody), delayMs));
  });
  let url = '';
  const dir = mkdtempSync(join(tmpdir(), 'load-control-'));
  before(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  it('passes against a slower baseline and fails against a much faster one', async () => {
    delayMs = 30;
    const options = {
      scenario: 'createLinks',
      profile: profile(1, false),
      baseUrl: url,
      progress: false,
      cleanup: false,
      outDir: dir,
      ...keys,
    } as const;
    const first = await runLoad(options);
    const file = first.files!.json;
    // Its own report with every latency far higher: whatever this machine's speed on the second
    // run, it is not slower than that, and the same error and check rates pass.
    const slow = JSON.parse(readFileSync(file, 'utf8')) as LoadReport;
    for (const op of slow.operations) Object.assign(op.latency, { p95: 600_000, p99: 600_000 });
    writeFileSync(join(dir, 'slow.json'), JSON.stringify(slow));
    const again = await runLoad({ ...options, outDir: null, baselineFile: join(dir, 'slow.json') });
    assert.ok(again.report.baseline!.comparisons.length >= 8);
    assert.deepEqual(
      again.report.baseline!.comparisons.filter((c) => !c.ok),
      [],
    );

    const fast = JSON.parse(readFileSync(file, 'utf8')) as LoadReport;
    for (const op of fast.operations) Object.assign(op.latency, { p95: 1, p99: 1 });
    writeFileSync(join(dir, 'fast.json'), JSON.stringify(fast));
    // The server waits 30 ms before each answer: no machine answers within 1 ms (+ tolerance).
    const slower = await runLoad({ ...options, outDir: null, baselineFile: join(dir, 'fast.json') });
    assert.ok(slower.report.baseline!.comparisons.some((c) => !c.ok && /p95 vs baseline/.test(c.name)));
    assert.equal(slower.exitCode, slower.report.generator.saturated ? 2 : 1);
    const junit = readFileSync(first.files!.junit, 'utf8');
    // Eight thresholds and the generator's own case.
    assert.match(junit, /<testsuite name="load createLinks \(smoke\)" tests="10"/);
    assert.match(junit, /<testcase name="the load generator kept its schedule"/);
  });

  it('checks the baseline before anything is sent: missing, unreadable or of another run', async () => {
    const options = {
      scenario: 'createLinks',
      profile: profile(1, false),
      baseUrl: url,
      progress: false,
      outDir: null,
      // No keys: the run would seed through the control API first.
    } as const;
    seen.length = 0;
    await assert.rejects(
      runLoad({ ...options, baselineFile: join(dir, 'missing.json') }),
      (error) => error instanceof LoadRefused && /cannot read the baseline/.test(error.message),
    );
    writeFileSync(join(dir, 'broken.json'), '{"scenario": "createLinks",');
    await assert.rejects(runLoad({ ...options, baselineFile: join(dir, 'broken.json') }), /cannot read/);
    const scaled = { scenario: 'createLinks', profile: 'smoke', operations: [], embeddedSandbox: false };
    writeFileSync(
      join(dir, 'scaled.json'),
      JSON.stringify({ ...scaled, plan: { rateScale: 2, peakRate: 40 } }),
    );
    await assert.rejects(runLoad({ ...options, baselineFile: join(dir, 'scaled.json') }), /rate scale 2/);
    assert.deepEqual(seen, [], 'nothing was sent');
  });

  it('an aborted run stops, still cleans up, and reports what it measured as interrupted', async () => {
    delayMs = 0;
    seen.length = 0;
    const controller = new AbortController();
    // Interrupted once the load is under way, however long the workers took to start.
    let loaded = 0;
    onRequest = (path) => {
      if (path === '/api/v2/createLink' && ++loaded === 5) controller.abort('SIGINT');
    };
    const running = runLoad({
      scenario: 'createLinks',
      profile: profile(20, false),
      baseUrl: url,
      progress: false,
      outDir: null,
      signal: controller.signal,
      ...keys,
    });
    const { report } = await running;
    assert.equal(report.aborted, 'interrupted by SIGINT');
    assert.equal(report.ok, false);
    onRequest = () => {};
    const loads = seen.filter((path) => path === '/api/v2/createLink' || path === '/api/v2/createSplitLink');
    // 20 s at 20 req/s plans 400: a run cut short sent a small part of them.
    assert.ok(loads.length < 200, `${loads.length} requests: the run was not cut short`);
    // What the stop left unsent was never due: it is not counted as dropped.
    assert.ok(
      report.totals.dropped < 200,
      `${report.totals.dropped} dropped: the unsent rest of the plan counted`,
    );
    const firstLoad = seen.indexOf('/api/v2/createLink');
    const cleanup = seen.lastIndexOf('/api/v2/getMyUnusedLinks');
    assert.ok(firstLoad >= 0 && cleanup > firstLoad, `cleanup after the load: ${seen.slice(-3).join(', ')}`);
  });

  it('stops at the first latency breach when the profile aborts on latency', async () => {
    delayMs = 400;
    const { report, exitCode } = await runLoad({
      scenario: 'createLinks',
      profile: profile(20, true),
      baseUrl: url,
      abortDelayS: 1,
      progress: false,
      cleanup: false,
      outDir: null,
      ...keys,
    });
    assert.match(report.aborted ?? '', /abortOnFail.*p9[59]/);
    assert.ok(report.totals.issued < report.totals.planned / 2, 'the 20 s profile was cut short');
    // What the stop left unsent was never due: not dropped, and not the target's doing.
    assert.ok(
      report.totals.dropped < report.totals.planned - report.totals.issued,
      'the unsent rest counted as dropped',
    );
    assert.equal(exitCode, report.generator.saturated ? 2 : 1);
  });
});
