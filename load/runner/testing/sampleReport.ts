/**
 * A small, complete load report for the report writers' tests: one operation, a passed and a breached
 * threshold, a warm-up, a capacity, and a timeline whose last bucket is partial.
 */
import type { LoadReport } from '../report.ts';

const threshold = {
  id: 'createLink p95 < 250 ms',
  kind: 'p95' as const,
  operation: 'createLink',
  limit: 250,
  abortOnFail: false,
  k6Metric: 'http_req_duration{name:createLink}',
  k6Expression: 'p(95)<250',
};

export function sampleReport(): LoadReport {
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
    plan: { rateScale: 1, peakRate: 1, requests: 2, durationS: 2, warmUpS: 1, segments: 2 },
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
    warmUp: {
      durationS: 1,
      rate: 1,
      planned: 1,
      started: 1,
      answered: 1,
      failed: 0,
      checksPassed: 1,
      checks: 1,
      latency,
    },
    measurement: {
      histogram: 'HDR',
      percentiles: "k6's",
      precision: { operations: 0.001, buckets: 0.01, resolutionMs: 0.001 },
      bucketS: 1,
      latencyTrustworthy: true,
      message: 'the load generator kept its schedule',
    },
    capacity: {
      windowS: 10,
      capacityRps: 300,
      firstBreak: { rate: 400, startS: 30, breaches: ['createLink p95 < 250 ms: measured 260.0 ms'] },
      windows: 4,
      message: 'capacity 300 req/s; first broken at 400 req/s',
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
    timeline: [0, 1, 2].map((t) => ({
      t,
      span: t === 2 ? 0.6 : 1,
      partial: t === 2,
      warmUp: t === 0,
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
