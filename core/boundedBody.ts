/**
 * How much of a response body the harness keeps, and for how long it listens. A server under test
 * may answer with any number of bytes at any pace; nothing it sends may fill a run's memory or disk,
 * or hold a request past its deadline. The start of a body is kept up to the cap; the rest is
 * counted and dropped while the drain bound allows (so its size is known and a keep-alive connection
 * stays usable); past that bound, or at the body's deadline, the transfer is cut. Every body ends
 * with an outcome saying which of these happened. Time is bounded in two parts: the response head
 * must arrive within `headDeadlineMs` of sending (else the request fails), and the body within
 * `deadlineMs` of the head. The body's clock starts at the head so that what becomes of a body
 * depends on the body, not on how long the head took. The fetch side is boundedResponse.ts, the
 * node:http side (Pactum) boundedAgent.ts.
 */

const KiB = 1024;
const MiB = 1024 * KiB;

export interface BodyLimits {
  /** Bytes kept of each body: its start. */
  capBytes: number;
  /** Bytes received at most, kept or not, before the transfer is cut. */
  drainBytes: number;
  /** From the response head: a body still arriving then is cut ('too slow'). */
  deadlineMs: number;
  /** From sending the request: a request with no response head by then fails. */
  headDeadlineMs: number;
}

export const defaultBodyLimits: Readonly<BodyLimits> = Object.freeze({
  capBytes: 1 * MiB,
  drainBytes: 64 * MiB,
  deadlineMs: 30_000,
  headDeadlineMs: 30_000,
});

/**
 * For the harness's own paging calls (cleanup's lists of up to 1000 links, whose notes may be long):
 * they must read a whole page whatever cap the run chose for the answers it checks.
 */
export const pagingBodyLimits: Readonly<BodyLimits> = Object.freeze({
  ...defaultBodyLimits,
  capBytes: 16 * MiB,
});

/**
 * The largest cap a run accepts. Pactum's client (centra) fails its process on a body over 50 MB
 * (a TypeError in its 'data' listener), and the kept bytes must stay below that.
 */
export const maxBodyCapBytes = 32 * MiB;

/** The defaults with `overrides`, refused when they make no sense (a cap above the drain bound). */
export function bodyLimits(overrides: Partial<BodyLimits> = {}): BodyLimits {
  const limits = { ...defaultBodyLimits, ...overrides };
  for (const [name, value] of Object.entries(limits)) {
    if (!Number.isSafeInteger(value) || value < 1) throw new RangeError(`${name} must be a whole number ≥ 1`);
  }
  if (limits.capBytes > maxBodyCapBytes) throw new RangeError(`capBytes must be at most ${maxBodyCapBytes}`);
  if (limits.capBytes > limits.drainBytes) throw new RangeError('capBytes must not exceed drainBytes');
  return limits;
}

/**
 * Why a body is not whole: it ended but was longer than the cap; it went on past the drain bound
 * (the transfer was cut); or it was still arriving at the deadline (cut).
 */
export type BodyCut = 'over the cap' | 'endless' | 'too slow';

export interface BodyOutcome {
  /** The start of the body that was kept: at most the cap. */
  keptBytes: number;
  /** Bytes that arrived, kept or not (up to the cut, when the transfer was cut). */
  seenBytes: number;
  /** Absent when the body arrived whole and was kept whole. */
  cut?: BodyCut;
  /** For a body cut as too slow: when, in ms from the response head. */
  afterMs?: number;
}

/** The accounting of one body, chunk by chunk; the transports do the reading and the cutting. */
export class BodyMeter {
  #kept = 0;
  #seen = 0;
  #cut: BodyCut | undefined;
  #finished = false;
  #afterMs: number | undefined;

  constructor(readonly limits: BodyLimits) {}

  /** The part of `chunk` to keep (undefined for none). Check `stopped` after: the transfer may need cutting. */
  take(chunk: Uint8Array): Uint8Array | undefined {
    if (this.#finished) return undefined;
    this.#seen += chunk.byteLength;
    const room = this.limits.capBytes - this.#kept;
    const keep = room <= 0 ? undefined : chunk.byteLength <= room ? chunk : chunk.subarray(0, room);
    this.#kept += keep?.byteLength ?? 0;
    if (this.#seen > this.limits.drainBytes) this.#stop('endless');
    return keep;
  }

  /** The deadline passed, `afterMs` after the response head, with the body still arriving. */
  tooSlow(afterMs: number): void {
    if (this.#finished) return;
    this.#afterMs = Math.round(afterMs);
    this.#stop('too slow');
  }

  /** The body ended (a no-op after a cut). */
  end(): void {
    if (this.#finished) return;
    this.#finished = true;
    if (this.#seen > this.#kept) this.#cut = 'over the cap';
  }

  /** The transfer must be cut: past the drain bound, or past the deadline. */
  get stopped(): boolean {
    return this.#cut === 'endless' || this.#cut === 'too slow';
  }

  /** No more bytes count: the body ended or was cut. */
  get finished(): boolean {
    return this.#finished;
  }

  outcome(): BodyOutcome {
    return {
      keptBytes: this.#kept,
      seenBytes: this.#seen,
      ...(this.#cut ? { cut: this.#cut } : {}),
      ...(this.#afterMs === undefined ? {} : { afterMs: this.#afterMs }),
    };
  }

  /** describeCut of this body. */
  describe(): string | undefined {
    return describeCut(this.outcome(), this.limits);
  }

  #stop(why: 'endless' | 'too slow'): void {
    if (this.#finished) return;
    this.#finished = true;
    this.#cut = why;
  }
}

/** `1 MiB`, `64 KiB` for whole multiples; otherwise the bytes with digit groups. */
export function sizeText(bytes: number): string {
  if (bytes >= MiB && bytes % MiB === 0) return `${bytes / MiB} MiB`;
  if (bytes >= KiB && bytes % KiB === 0) return `${bytes / KiB} KiB`;
  return bytesText(bytes);
}

export function bytesText(bytes: number): string {
  return `${bytes.toLocaleString('en-US')} bytes`;
}

function durationText(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/**
 * What became of a body that was not kept whole, for reports: `over the 1 MiB cap (52,428,800
 * bytes; 1,048,576 kept)`; undefined for a whole body. "or more" where the transfer was cut.
 */
export function describeCut(outcome: BodyOutcome, limits: BodyLimits): string | undefined {
  const { cut, seenBytes, keptBytes } = outcome;
  if (!cut) return undefined;
  const cap = `over the ${sizeText(limits.capBytes)} cap`;
  const sizes = (more: boolean) =>
    `${bytesText(seenBytes)}${more ? ' or more' : ''}; ${keptBytes.toLocaleString('en-US')} kept`;
  switch (cut) {
    case 'over the cap':
      return `${cap} (${sizes(false)})`;
    case 'endless':
      return `${cap} and still arriving past the ${sizeText(limits.drainBytes)} drain bound (${sizes(true)}; cut there)`;
    case 'too slow': {
      const when =
        outcome.afterMs === undefined ? '' : `, ${durationText(outcome.afterMs)} after the response head`;
      const late = `still arriving at the request's deadline${when}`;
      return `${seenBytes > keptBytes ? `${cap} and ` : ''}${late} (${sizes(true)}; cut then)`;
    }
  }
}
