/**
 * k6's handleSummary: k6's verdicts become the runner's test cases (same names), an operation that
 * got no measured request fails whatever k6 said, setup data (keys) never reaches a file, and the
 * warm-up is stated but not judged.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { profiles } from '../profiles/profiles.ts';
import { thresholdsFor } from '../profiles/slos.ts';
import { createLinks } from '../scenarios/createLinks.ts';
import { listTransactions } from '../scenarios/listTransactions.ts';
import { type SummaryData, summaryFiles, thresholdCases } from './summary.ts';

/** k6's summary entry for a submetric that has thresholds: its values and each expression's verdict. */
function submetric(values: Record<string, number>, verdicts: Record<string, boolean> = {}) {
  const thresholds = Object.fromEntries(Object.entries(verdicts).map(([expr, ok]) => [expr, { ok }]));
  return { values, thresholds };
}

/** createLink measured with `count` requests; createSplitLink listed by k6 (it has thresholds) but never sent. */
function createLinksData(count: number): SummaryData {
  return {
    metrics: {
      'http_reqs{name:createLink,phase:measured}': submetric({ count }, { 'count>0': count > 0 }),
      'http_req_duration{name:createLink,phase:measured}': submetric(
        { 'p(95)': 12, 'p(99)': 900 },
        { 'p(95)<250': true, 'p(99)<500': false },
      ),
      'http_reqs{name:createSplitLink,phase:measured}': submetric({ count: 0 }, { 'count>0': false }),
      // What k6 answers for a trend without samples: zeros, and the threshold passed.
      'http_req_duration{name:createSplitLink,phase:measured}': submetric(
        { 'p(95)': 0, 'p(99)': 0 },
        { 'p(95)<300': true, 'p(99)<600': true },
      ),
      'dropped_iterations{scenario:createLinks}': submetric({ count: 0 }, { 'count<3': true }),
      'http_reqs{phase:warmup}': submetric({ count: 50 }),
      'http_req_failed{phase:warmup}': submetric({ rate: 0.04, passes: 2, fails: 48 }),
      'checks{phase:warmup}': submetric({ rate: 0.9, passes: 90, fails: 10 }),
    },
    setup_data: { token: 'SECRET-TOKEN' },
  };
}

describe('k6 handleSummary', () => {
  it("names one case per threshold as the runner does, and takes k6's verdict for measured operations", () => {
    const cases = thresholdCases(createLinks, profiles.smoke, createLinksData(40));
    assert.deepEqual(
      cases.map((c) => c.name),
      thresholdsFor(createLinks.operations, profiles.smoke).map((t) => t.id),
    );
    assert.equal(cases.find((c) => c.name === 'createLink p95 < 250 ms')?.ok, true);
    assert.equal(cases.find((c) => c.name === 'createLink p99 < 500 ms')?.ok, false);
    assert.equal(cases.find((c) => c.name.startsWith('dropped'))?.ok, true);
  });

  it('fails every threshold of an operation without measured requests, though k6 passed them', () => {
    const cases = thresholdCases(createLinks, profiles.smoke, createLinksData(40));
    const split = cases.filter((c) => c.name.startsWith('createSplitLink'));
    assert.equal(split.length, 4);
    for (const c of split) {
      assert.equal(c.ok, false, c.name);
      assert.match(c.message, /no requests measured/);
    }
    const none = thresholdCases(createLinks, profiles.smoke, createLinksData(0));
    assert.equal(none.find((c) => c.name === 'createLink p95 < 250 ms')?.ok, false);
  });

  it('states the warm-up as not judged, and keeps setup data (keys) out of every file', () => {
    const files = summaryFiles(createLinks, profiles.smoke, createLinksData(40));
    const { durationS, rate } = profiles.smoke.warmUp!;
    assert.ok(
      files.stdout!.includes(
        `warm-up (${durationS} s at ${rate} req/s, tagged phase:warmup, not judged by the thresholds): 50 requests, 2 not answered 200, 10 checks failed`,
      ),
      files.stdout,
    );
    for (const [name, text] of Object.entries(files)) assert.ok(!text.includes('SECRET-TOKEN'), name);
    assert.match(files['k6-createLinks.junit.xml']!, /<testcase name="createLink p99 &lt; 500 ms"/);
  });

  it('writes the summary files into the working directory, or REPORTS_DIR when given', () => {
    const data = { metrics: {} };
    // k6 creates no directories: a default such as reports/ would fail where it does not exist.
    assert.deepEqual(Object.keys(summaryFiles(listTransactions, profiles.smoke, data)).sort(), [
      'k6-listTransactions.json',
      'k6-listTransactions.junit.xml',
      'stdout',
    ]);
    assert.deepEqual(Object.keys(summaryFiles(listTransactions, profiles.smoke, data, '/out/')).sort(), [
      '/out/k6-listTransactions.json',
      '/out/k6-listTransactions.junit.xml',
      'stdout',
    ]);
  });
});
