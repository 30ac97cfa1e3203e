/**
 * Per-request measurements in columns of typed arrays: compact (about 30 bytes a request), cheap to
 * append, and transferable between worker threads without copying. A shard collects them for a
 * quarter of a second; the run folds each batch into its recorder (recorder.ts) and keeps no samples.
 * Times are ms from the run's start.
 */

export const Outcome = { answered: 0, noAnswer: 1, interrupted: 2 } as const;
export type OutcomeCode = (typeof Outcome)[keyof typeof Outcome];

export interface Sample {
  /** Index into the scenario's operations. */
  op: number;
  /** HTTP status, 0 without an answer. */
  status: number;
  outcome: OutcomeCode;
  checksPassed: number;
  checks: number;
  intended: number;
  sent: number;
  /** NaN without an answer. */
  done: number;
}

export interface SampleBatch {
  length: number;
  op: Uint8Array;
  status: Uint16Array;
  outcome: Uint8Array;
  checksPassed: Uint8Array;
  checks: Uint8Array;
  intended: Float64Array;
  sent: Float64Array;
  done: Float64Array;
}

function emptyBatch(capacity: number): SampleBatch {
  return {
    length: 0,
    op: new Uint8Array(capacity),
    status: new Uint16Array(capacity),
    outcome: new Uint8Array(capacity),
    checksPassed: new Uint8Array(capacity),
    checks: new Uint8Array(capacity),
    intended: new Float64Array(capacity),
    sent: new Float64Array(capacity),
    done: new Float64Array(capacity),
  };
}

const columns = ['op', 'status', 'outcome', 'checksPassed', 'checks', 'intended', 'sent', 'done'] as const;

/** A growable set of columns: a shard's outgoing buffer. */
export class SampleColumns {
  private data: SampleBatch;

  constructor(capacity = 1024) {
    this.data = emptyBatch(capacity);
  }

  get length(): number {
    return this.data.length;
  }

  private reserve(extra: number): void {
    const needed = this.data.length + extra;
    const capacity = this.data.op.length;
    if (needed <= capacity) return;
    const grown = emptyBatch(Math.max(needed, capacity * 2));
    for (const name of columns) (grown[name] as Uint8Array).set(this.data[name] as Uint8Array);
    grown.length = this.data.length;
    this.data = grown;
  }

  push(s: Sample): void {
    this.reserve(1);
    const d = this.data;
    const i = d.length++;
    d.op[i] = s.op;
    d.status[i] = s.status;
    d.outcome[i] = s.outcome;
    d.checksPassed[i] = s.checksPassed;
    d.checks[i] = s.checks;
    d.intended[i] = s.intended;
    d.sent[i] = s.sent;
    d.done[i] = s.done;
  }

  /** Hands over what was collected (a copy sized to fit, transferable) and starts empty. */
  take(): SampleBatch {
    const out = emptyBatch(this.data.length);
    for (const name of columns)
      (out[name] as Uint8Array).set((this.data[name] as Uint8Array).subarray(0, this.data.length));
    out.length = this.data.length;
    this.data.length = 0;
    return out;
  }
}

export function transferables(batch: SampleBatch): ArrayBuffer[] {
  return columns.map((name) => batch[name].buffer as ArrayBuffer);
}
