/**
 * Reports: JUnit with one case per threshold (escaped), and an HTML page that is self-contained
 * (inline SVG charts, nothing fetched) and shows both charts.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { junitXml } from '../shared/junit.ts';
import { htmlReport } from './html.ts';
import { type LoadReport, writeReports } from './report.ts';

const threshold = {
  id: 'createLink p95 < 250 ms',
  kind: 'p95' as const,
  operation: 'createLink',
  limit: 250,
  abortOnFail: false,
  k6Metric: 'http_req_duration{name:createLink}',
  k6Expression: 'p(95)<250',
};

function sampleReport(): LoadReport {
  const latency = { count: 2, min: 1, mean: 2, p50: 2, p90: 3, p95: 3, p99: 3, max: 3 };
  return {
    tool: 'secpaid-load',
    format: 1,
    scenario: 'createLinks',
    description: 'links <&>',
    profile: 'smoke',
    target: 'http://127.0.0.1:1',
    embeddedSandbox: true,
    startedAt: '2025-01-01T00:00:00.000Z',
    durationS: 2,
    engine: {
      name: 'autocannon',
      workers: 1,
      maxConnections: 2,
      connectionBudget: 5,
      timeoutS: 10,
      graceS: 10,
      maxBodyBytes: 65536,
    },
    plan: { rateScale: 1, peakRate: 1, requests: 2, durationS: 2, segments: 1 },
    totals: {
      planned: 2,
      issued: 2,
      answered: 2,
      failed: 0,
      interrupted: 0,
      dropped: 0,
      cutBodies: 0,
      endlessBodies: 0,
      achievedRps: 1,
    },
    generator: {
      seconds: 2,
      stallMs: 100,
      stalledSeconds: 0,
      loopDelayMs: { p99: 1, max: 2 },
      utilization: { mean: 0.1, max: 0.2 },
      cpuPercent: { mean: 10, max: 20, cores: 2 },
      saturated: false,
    },
    operations: [
      {
        operation: 'createLink',
        requests: 2,
        failed: 0,
        errorRate: 0,
        interrupted: 0,
        checksPassed: 2,
        checks: 2,
        checkRate: 1,
        latency,
        rawLatency: latency,
        statuses: { '200': 2 },
      },
    ],
    thresholds: [
      { ...threshold, actual: 3, ok: true, message: 'fine' },
      {
        ...threshold,
        id: 'createLink p99 < 1 ms',
        actual: 3,
        ok: false,
        message: 'measured 3 > 1 & "worse"',
      },
    ],
    timeline: [0, 1].map((t) => ({
      t,
      targetRate: 1,
      sentRate: 1,
      doneRate: 1,
      failedRate: 0,
      p50: 2,
      p95: 3,
      p99: null,
      rawP95: 2,
    })),
    ok: false,
  };
}

describe('reports', () => {
  it('writes JUnit with one escaped case per threshold and a failure for each breach', () => {
    const xml = junitXml('suite <1>', [
      { name: 'a < b', classname: 'load.x', ok: true, message: 'ok' },
      { name: 'c', classname: 'load.x', ok: false, message: 'bad & "worse"\u0001' },
    ]);
    assert.match(xml, /tests="2" failures="1"/);
    assert.match(xml, /<testcase name="a &lt; b"/);
    assert.match(xml, /<failure message="bad &amp; &quot;worse&quot;"/);
  });

  it('renders a self-contained HTML page with latency and throughput charts', () => {
    const html = htmlReport(sampleReport());
    assert.equal((html.match(/<svg /g) ?? []).length, 2);
    assert.match(html, /Latency over time/);
    assert.match(html, /Throughput/);
    assert.match(html, /links &lt;&amp;&gt;/);
    assert.doesNotMatch(html, /<script|<link|src=|href=/i);
  });

  it('writes the JSON, JUnit and HTML files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'load-report-'));
    try {
      const files = writeReports(sampleReport(), dir);
      assert.equal(JSON.parse(readFileSync(files.json, 'utf8')).scenario, 'createLinks');
      assert.match(readFileSync(files.junit, 'utf8'), /failures="1"/);
      assert.match(readFileSync(files.html, 'utf8'), /FAILED/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
