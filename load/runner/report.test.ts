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
import { junitCases, writeReports } from './report.ts';
import { sampleReport } from './testing/sampleReport.ts';

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

  it('highlights the verdict and the breached rows, and gives every figure its unit', () => {
    const html = htmlReport(sampleReport());
    assert.match(html, /<div class="verdict fail"><strong>FAILED<\/strong> 1 of 2 thresholds breached/);
    const breached = html.match(/<tr class="breach">.*<\/tr>/g) ?? [];
    assert.equal(breached.length, 2, 'the threshold and its operation');
    assert.match(breached[0]!, /createLink p99 &lt; 1 ms<\/td><td>3\.0 ms/);
    assert.match(
      breached[1]!,
      /<td>createLink<\/td><td>2 requests<\/td><td>0\.00 %<\/td><td>100\.00 %<\/td><td>2\.0 ms/,
    );
    assert.match(html, /<h2>Capacity: 300 req\/s<\/h2>/);
    assert.match(html, /Warm-up \(not judged, shaded in the charts\): 1 s at 1 req\/s/);
    const passed = htmlReport({ ...sampleReport(), ok: true, thresholds: [sampleReport().thresholds[0]!] });
    assert.match(passed, /<div class="verdict pass"><strong>PASSED<\/strong>/);
    assert.doesNotMatch(passed, /class="breach"/);
  });

  it('marks in yellow, not red, what only a saturated generator may have caused', () => {
    const report = sampleReport();
    report.thresholds = report.thresholds.map((t) => (t.ok ? t : { ...t, trusted: false }));
    report.generator = { ...report.generator, saturated: true, reason: 'stalled' };
    const html = htmlReport(report);
    assert.match(html, /<div class="verdict inconclusive"><strong>INCONCLUSIVE<\/strong>/);
    assert.equal((html.match(/<tr class="untrusted">/g) ?? []).length, 2, 'the threshold and its operation');
    assert.doesNotMatch(html, /<tr class="breach">/);
  });

  it('plots each bucket at its centre, shades the warm-up and marks the partial last bucket', () => {
    const html = htmlReport(sampleReport());
    // x(v) = 56 + v / 2.6 × 688: the first bucket [0, 1) is drawn at 0.5 s, the partial one [2, 2.6) at 2.3 s.
    const x = (v: number) => (56 + (v / 2.6) * 688).toFixed(1);
    assert.match(html, new RegExp(`<path d="M${x(0.5)},[\\d.]+L${x(1.5)},[\\d.]+L${x(2.3)},`));
    assert.equal((html.match(/<rect class="warm-up" x="56\.0"/g) ?? []).length, 2, 'shaded in both charts');
    assert.equal((html.match(/partial bucket ○/g) ?? []).length, 2);
    const dots = html.match(new RegExp(`<circle class="partial" cx="${x(2.3)}"`, 'g')) ?? [];
    // Latency: p50, p95 and raw p95 (p99 has no value); throughput: its four series.
    assert.equal(dots.length, 7, 'a hollow dot on each drawn series of the partial bucket');
  });

  it('scales the latency chart to the judged run and says when a slow warm-up is cut off', () => {
    const report = sampleReport();
    report.timeline[0] = { ...report.timeline[0]!, p95: 5000, p99: 5200 };
    const html = htmlReport(report);
    assert.match(html, />5 ms<\/text>/, 'the top of the scale fits the judged p95 of 3 ms');
    assert.match(html, /warm-up values above 5 ms are cut off/);
    assert.match(html, /<g clip-path="url\(#plot-latency-over-time-corrected-for-coordinated-omission-\)">/);
    assert.doesNotMatch(htmlReport(sampleReport()), /cut off/);
  });

  it('states the capacity in JUnit, failing only when no window held', () => {
    const capacity = junitCases(sampleReport()).find((c) => c.name === 'capacity');
    assert.deepEqual(capacity && [capacity.ok, capacity.message], [
      true,
      'capacity 300 req/s; first broken at 400 req/s',
    ]);
    const none = sampleReport();
    none.capacity = { ...none.capacity!, capacityRps: null, message: 'capacity below 100 req/s' };
    assert.equal(junitCases(none).find((c) => c.name === 'capacity')?.ok, false);
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
