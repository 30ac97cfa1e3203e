/**
 * The runner's refusals: non-loopback targets without an explicit allowance and rate cap, the
 * production host always, runs beyond their bounds, and tokens that would smuggle headers. All are
 * refused before any connection is made.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { isLoopbackHost } from '../../core/loopbackHost.ts';
import { productionUrlProblem, urlHosts } from '../shared/productionHost.ts';
import { LoadRefused, runLoad } from './run.ts';
import { checkBounds, checkHeaderValues, checkTarget, defaultBounds, graceSeconds } from './safety.ts';

const local = { allowRemote: false };
const remote = { allowRemote: true, maxRate: 50 };

describe('target policy', () => {
  it('accepts loopback targets in every spelling', () => {
    for (const host of ['localhost', '127.0.0.1', '127.255.3.4', '[::1]'])
      assert.ok(isLoopbackHost(host), host);
    for (const url of [
      'http://127.0.0.1:4010',
      'http://localhost:1',
      'http://[::1]:8080',
      'http://2130706433/',
    ]) {
      assert.ok('url' in checkTarget(url, local), url);
    }
  });

  it('refuses other hosts unless --allow-remote and --max-rate are both given', () => {
    for (const host of ['10.0.0.1', '128.0.0.1', '127.0.0.1.nip.io', 'example.com', '[::2]', '0.0.0.0']) {
      const verdict = checkTarget(`http://${host}/`, local);
      assert.ok('refused' in verdict && /--allow-remote/.test(verdict.refused), host);
    }
    assert.ok('refused' in checkTarget('http://example.com', { allowRemote: true }));
    assert.ok('url' in checkTarget('https://staging.example.com', remote));
  });

  it('always refuses the production host, credentials in URLs and other schemes', () => {
    for (const url of [
      'https://app.secpaid.com/api/v2',
      'https://APP.SECPAID.COM.',
      'https://app.secpaid.com../',
      'https://eu.app.secpaid.com',
      'https://app%2Esecpaid.com',
    ]) {
      const verdict = checkTarget(url, remote);
      assert.ok('refused' in verdict && /production/.test(verdict.refused), url);
    }
    assert.ok('refused' in checkTarget('http://user:pw@127.0.0.1/', local));
    assert.ok('refused' in checkTarget('ftp://127.0.0.1/', local));
    assert.ok('refused' in checkTarget('not a url', local));
  });

  it('gives late answers the request timeout as grace, within the --max-duration bound', () => {
    assert.equal(graceSeconds(30, 60, defaultBounds.maxDurationS), 30, 'not capped at 10 s');
    assert.equal(graceSeconds(30, 100, 120), 20, 'never past the hard cap');
    assert.equal(graceSeconds(30, 120, 120), 0);
    assert.equal(graceSeconds(30, 60, 3600, 1), 1, 'an explicit grace is kept');
  });

  it('bounds rate, request count and duration', () => {
    const plan = { peakRate: 100, requests: 1000, durationS: 60 };
    assert.equal(checkBounds(plan, defaultBounds, undefined), undefined);
    assert.match(checkBounds(plan, defaultBounds, 50)!, /--max-rate 50/);
    assert.match(checkBounds(plan, { ...defaultBounds, maxRequests: 999 }, undefined)!, /--max-requests/);
    assert.match(checkBounds(plan, { ...defaultBounds, maxDurationS: 59 }, undefined)!, /--max-duration/);
    assert.match(checkHeaderValues(['ok', 'bad\r\nX-Evil: 1'])!, /line break/);
  });
});

describe("k6's BASE_URL check (no URL parser there)", () => {
  it('finds the host behind credentials, ports, case and a trailing dot', () => {
    for (const url of [
      'https://app.secpaid.com',
      'http://user@app.secpaid.com/api',
      'http://user:pw@APP.SecPaid.com:8443',
      'https://app.secpaid.com./',
      'https://app.secpaid.com.',
      'https://eu.app.secpaid.com?x=1',
      'http://app%2esecpaid.com',
      'http://app.secpaid.com\\@127.0.0.1/',
      'http://127.0.0.1\\@app.secpaid.com/',
    ]) {
      assert.match(productionUrlProblem(url) ?? '', /production host/, url);
    }
  });

  it('lets other hosts through, a look-alike too, and refuses text without a host', () => {
    for (const url of [
      'http://127.0.0.1:4010',
      'http://[::1]:4010/x',
      'https://notapp.secpaid.com',
      'https://app.secpaid.com.evil.example',
      'http://app.secpaid.com@127.0.0.1/',
    ]) {
      assert.equal(productionUrlProblem(url), undefined, url);
    }
    assert.deepEqual(urlHosts('http://a@b@[::1]:80/p'), ['[::1]']);
    assert.match(productionUrlProblem('app.secpaid.com')!, /not an http/);
  });
});

describe('runLoad refuses before connecting', () => {
  it('refuses a remote target, an over-rate profile and an oversized plan', async () => {
    await assert.rejects(
      runLoad({ scenario: 'createLinks', profile: 'smoke', baseUrl: 'http://10.1.2.3' }),
      LoadRefused,
    );
    const overRate = {
      scenario: 'createLinks',
      profile: 'smoke',
      baseUrl: 'http://10.1.2.3',
      allowRemote: true,
      maxRate: 5,
    } as const;
    await assert.rejects(runLoad(overRate), /max-rate 5/);
    await assert.rejects(
      runLoad({ scenario: 'listTransactions', profile: 'soak', bounds: { maxDurationS: 600 } }),
      /max-duration/,
    );
    await assert.rejects(runLoad({ scenario: 'createLinks', profile: 'nope' }), /unknown profile/);
  });

  it('the CLI exits 2 for the production host, even with --allow-remote', () => {
    const cli = fileURLToPath(new URL('./cli.ts', import.meta.url));
    const args = [
      '--scenario',
      'createLinks',
      '--base-url',
      'https://app.secpaid.com',
      '--allow-remote',
      '--max-rate',
      '1',
    ];
    const result = spawnSync(process.execPath, ['--import', 'tsx', cli, ...args], {
      encoding: 'utf8',
      timeout: 30_000,
    });
    assert.equal(result.status, 2, result.stderr);
    assert.match(result.stderr, /production host/);
  });
});
