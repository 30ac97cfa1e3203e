/**
 * What measuring costs the runner as requests add up (part of `npm run bench:load`): 10^4, 10^5 and
 * 10^6 synthetic samples of a two-hour listTransactions run are folded into a fresh recorder each,
 * in batches as the shards send them; then it times the threshold watcher's pass (every abortOnFail
 * threshold of the breakpoint profile, the most watched) and weighs the recorder (its histograms'
 * bytes, and what the heap grew by, after full garbage collections). Targets: a pass within 5 ms and
 * memory flat within a few MB, whatever the count. The recorder's time buckets are fixed by the
 * planned length (at most 600), so a longer run does not grow it either once they exist.
 */
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { profiles } from '../load/profiles/profiles.ts';
import { thresholdsFor } from '../load/profiles/slos.ts';
import { firstBreach } from '../load/runner/measure.ts';
import { RunRecorder } from '../load/runner/recorder.ts';
import { Outcome, SampleColumns } from '../load/runner/samples.ts';
import { bucketWidthS } from '../load/runner/timeline.ts';
import { listTransactions } from '../load/scenarios/listTransactions.ts';

export interface MeasurementCost {
  requests: number;
  /** Median and worst of the watcher's passes, ms. */
  watcherMs: { median: number; max: number };
  /** Bytes held by the recorder's histograms, and the process heap after a full collection, in MB. */
  histogramMb: number;
  heapMb: number;
}

function heapNow(): number {
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 100) / 100;
const runS = 2 * 3600;

/** `n` requests spread over a two-hour run, latency 5–80 ms with a tail, 1 in 500 answered 500. */
function fill(recorder: RunRecorder, from: number, to: number, total: number): void {
  const batch = new SampleColumns(4096);
  for (let k = from; k < to; k++) {
    const intended = (k / total) * runS * 1000;
    const latency = 5 + ((k * 7919) % 75) + (k % 997 === 0 ? 900 : 0);
    batch.push({
      op: k % 4,
      status: k % 500 === 0 ? 500 : 200,
      outcome: Outcome.answered,
      checksPassed: 3,
      checks: 3,
      intended,
      sent: intended,
      done: intended + latency,
    });
    if (batch.length === 4096) recorder.add(batch.take());
  }
  recorder.add(batch.take());
}

export function measurementCost(counts: readonly number[] = [1e4, 1e5, 1e6]): MeasurementCost[] {
  const thresholds = thresholdsFor(listTransactions.operations, profiles.breakpoint);
  return counts.map((n) => {
    const before = heapNow();
    const recorder = new RunRecorder({
      operations: listTransactions.operations,
      bucketS: bucketWidthS(runS),
      maxBuckets: Math.ceil(runS / bucketWidthS(runS)) + 1,
      warmUpEndMs: 0,
    });
    fill(recorder, 0, n, n);
    // The watcher runs every second of a run: its steady cost is what counts, not its first compilation.
    for (let i = 0; i < 3; i++) firstBreach(thresholds, recorder);
    const passes: number[] = [];
    for (let i = 0; i < 21; i++) {
      const start = performance.now();
      firstBreach(thresholds, recorder);
      passes.push(performance.now() - start);
    }
    passes.sort((a, b) => a - b);
    const grown = heapNow() - before;
    return {
      requests: n,
      watcherMs: {
        median: Math.round(passes[10]! * 1000) / 1000,
        max: Math.round(passes[passes.length - 1]! * 1000) / 1000,
      },
      histogramMb: mb(recorder.footprintBytes()),
      heapMb: mb(grown),
    };
  });
}
