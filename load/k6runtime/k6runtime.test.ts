/**
 * The k6 runtime's own rules, on small scripts against a loopback server: the global scope holds
 * none of Node's or the web's APIs, VUs share nothing but setup's data, scenarios run in startTime
 * order with their tags, handleSummary gets setup_data (the keys) as k6 gives it, k6/http answers
 * as k6's does, and what k6 refuses (a request in the init context, an aggregation a metric's type
 * has not) is refused.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runK6 } from './runK6.ts';

const work = mkdtempSync(join(tmpdir(), 'k6runtime-rules-'));
const paths: string[] = [];
const server = createServer((req, res) => {
  paths.push(req.url ?? '');
  if (req.url === '/limited') res.writeHead(429, { 'retry-after': '1', 'x-request-path': req.url });
  res.end(req.url === '/limited' ? '' : 'ok');
});
let url = '';
before(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => {
  server.close();
  rmSync(work, { recursive: true, force: true });
});

function script(name: string, source: string): string {
  const path = join(work, name);
  writeFileSync(path, source);
  return path;
}

const run = (path: string, iterations = 4) =>
  runK6({ script: path, env: { URL: url }, iterations, vus: 2, cwd: work });

describe('the k6 runtime', () => {
  it('offers no Node or web globals, keeps VUs apart, runs scenarios in startTime order, evaluates every threshold and hands setup_data to handleSummary', async () => {
    const path = script(
      'rules.ts',
      `import http from 'k6/http';
import { check } from 'k6';
import exec from 'k6/execution';
const seen: Record<string, string> = {};
for (const name of ['process', 'Buffer', 'URL', 'URLSearchParams', 'TextEncoder', 'fetch', 'structuredClone', 'Intl', 'WebAssembly'])
  seen[name] = typeof (globalThis as Record<string, unknown>)[name];
let mine = 0;
export const options = {
  scenarios: {
    main: { executor: 'constant-arrival-rate', rate: 1, duration: '1s', preAllocatedVUs: 1, startTime: '5s' },
    warm: { executor: 'constant-arrival-rate', rate: 1, duration: '5s', preAllocatedVUs: 1, exec: 'warm', tags: { phase: 'warmup' } },
  },
  thresholds: {
    'http_reqs{phase:warmup}': ['count>0'],
    'checks{scenario:main}': ['rate==1'],
    'http_reqs{name:never}': ['count>0'],
    'http_req_duration{name:never}': ['p(95)<250'],
  },
};
export function setup() { return { token: 'planted-secret-key' }; }
export function warm(): void { http.get(__ENV.URL + '/warm/' + exec.scenario.iterationInTest); }
export default function (data: { token: string }): void {
  mine++;
  const res = http.get(__ENV.URL + '/main/' + exec.scenario.iterationInTest, { tags: { name: 'main' } });
  check(res, {
    'status 200': (r) => r.status === 200,
    'setup data arrives': () => data.token === 'planted-secret-key',
    'a VU counts only its own iterations': () => mine === __ITER + 1 && mine <= 2,
  });
}
export function handleSummary(data: unknown) { return { 'out.json': JSON.stringify({ seen, data }) }; }
`,
    );
    paths.length = 0;
    const result = await run(path);
    assert.equal(result.error, undefined, result.error);
    assert.deepEqual(result.iterationErrors, []);
    assert.deepEqual(paths, [
      '/warm/0',
      '/warm/1',
      '/warm/2',
      '/warm/3',
      '/main/0',
      '/main/1',
      '/main/2',
      '/main/3',
    ]);
    assert.deepEqual(result.checks, { passes: 12, fails: 0, failed: [] });
    assert.deepEqual(
      result.thresholds.map((t) => [t.metric, t.expression, t.ok]),
      [
        ['http_reqs{phase:warmup}', 'count>0', true],
        ['checks{scenario:main}', 'rate==1', true],
        // Without samples, k6 (since 0.38) evaluates on empty values: a count of 0, percentiles of 0.
        ['http_reqs{name:never}', 'count>0', false],
        ['http_req_duration{name:never}', 'p(95)<250', true],
      ],
    );
    const out = JSON.parse(readFileSync(join(work, 'out.json'), 'utf8'));
    assert.ok(
      Object.values(out.seen).every((type) => type === 'undefined'),
      JSON.stringify(out.seen),
    );
    assert.equal(out.data.setup_data.token, 'planted-secret-key');
    assert.equal(out.data.metrics['http_reqs{phase:warmup}'].values.count, 4);
  });

  it('answers k6/http calls as k6 does: canonical header names, batch in order, blocked hosts, refused connections', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const deadPort = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const path = script(
      'http.ts',
      `import http from 'k6/http';
export const options = { blockHostnames: ['*.blocked.test'] };
export default function () {}
export function setup() {
  const limited = http.get(__ENV.URL + '/limited');
  const batch = http.batch([['GET', __ENV.URL + '/b/0'], { method: 'GET', url: __ENV.URL + '/b/1' }, __ENV.URL + '/b/2']);
  const blocked = http.get('http://api.blocked.test/x');
  const refused = http.get('http://127.0.0.1:${deadPort}/');
  return {
    limited: [limited.status, limited.headers['Retry-After'], limited.headers['X-Request-Path']],
    batch: batch.map((r) => [r.status, r.body, r.url.slice(-4)]),
    blocked: [blocked.status, blocked.error_code],
    refused: [refused.status, refused.error_code, refused.body],
  };
}
export function handleSummary(data: { setup_data: unknown }) { return { 'http.json': JSON.stringify(data.setup_data) }; }
`,
    );
    paths.length = 0;
    const result = await run(path, 0);
    assert.equal(result.error, undefined, result.error);
    assert.deepEqual(JSON.parse(readFileSync(join(work, 'http.json'), 'utf8')), {
      limited: [429, '1', '/limited'],
      batch: [
        [200, 'ok', '/b/0'],
        [200, 'ok', '/b/1'],
        [200, 'ok', '/b/2'],
      ],
      blocked: [0, 1111],
      refused: [0, 1212, null],
    });
    assert.deepEqual(paths.sort(), ['/b/0', '/b/1', '/b/2', '/limited']);
  });

  it('refuses a request in the init context, as k6 does', async () => {
    const path = script(
      'initRequest.ts',
      `import http from 'k6/http';\nhttp.get(__ENV.URL + '/init');\nexport default function () {}\n`,
    );
    const result = await run(path);
    assert.match(result.error ?? '', /Making http requests in the init context is not supported/);
    assert.deepEqual(result.phases, []);
  });

  it('refuses a threshold whose aggregation the metric type has not (count on a trend), before setup', async () => {
    const path = script(
      'badThreshold.ts',
      `export const options = { thresholds: { 'http_req_duration{name:x}': ['count>0'] } };
export function setup() { throw new Error('setup must not run'); }
export default function () {}
`,
    );
    const result = await run(path);
    assert.match(
      result.error ?? '',
      /http_req_duration\{name:x\}: "count" is not an aggregation of a trend metric/,
    );
    assert.deepEqual(result.phases, ['init']);
  });
});
