/**
 * Stops sending to a target that no longer answers in time. Each request is bounded (boundedBody.ts),
 * but a server that drips every answer would still take each one to its deadline, and a run sends
 * some two thousand: hours. After `threshold` answers in a row cut as too slow or endless, or with no
 * response head in time, the breaker trips: every later request through it fails at once with
 * `TargetCutOff`, saying why ("the target's last 5 answers were cut as too slow: the run stops
 * sending to it"). Any answer that arrived whole, or only longer than the cap, ends a streak. The
 * transports report to it (boundedAgent.ts, targetFetch.ts); whoever owns it decides its scope.
 */
import type { BodyOutcome } from './boundedBody.ts';

/** What became of one request, as far as the breaker cares. */
export type Fate = 'answered' | 'too slow' | 'endless' | 'no head';

export class TargetCutOff extends Error {
  override name = 'TargetCutOff';
}

/** The fate of a request whose body ended as `outcome`. */
export function fateOf(outcome: BodyOutcome): Fate {
  return outcome.cut === 'too slow' || outcome.cut === 'endless' ? outcome.cut : 'answered';
}

function describe(streak: readonly Exclude<Fate, 'answered'>[]): string {
  const cuts = (['too slow', 'endless'] as const).filter((cut) => streak.includes(cut));
  const ways = [
    ...(cuts.length > 0 ? [`were cut as ${cuts.join(' or ')}`] : []),
    ...(streak.includes('no head') ? ['had no response head in time'] : []),
  ];
  return `the target's last ${streak.length} answers ${ways.join(' or ')}: the run stops sending to it`;
}

/** Answers in a row that trip a breaker by default. */
export const cutOffAfter = 5;

export class TargetBreaker {
  #streak: Exclude<Fate, 'answered'>[] = [];
  #reason: string | undefined;

  /** `onTrip` is called once, with the reason, when the breaker trips. */
  constructor(
    readonly threshold = cutOffAfter,
    private readonly onTrip: (reason: string) => void = () => {},
  ) {
    if (!Number.isSafeInteger(threshold) || threshold < 1)
      throw new RangeError(`TargetBreaker: threshold must be a whole number ≥ 1, got ${threshold}`);
  }

  record(fate: Fate): void {
    if (this.#reason !== undefined) return;
    if (fate === 'answered') {
      this.#streak = [];
      return;
    }
    this.#streak.push(fate);
    if (this.#streak.length < this.threshold) return;
    this.#reason = describe(this.#streak);
    this.onTrip(this.#reason);
  }

  /** Why it tripped; undefined while requests may still go. */
  get reason(): string | undefined {
    return this.#reason;
  }

  /** Throws TargetCutOff once tripped: call before sending. */
  check(): void {
    if (this.#reason !== undefined) throw new TargetCutOff(this.#reason);
  }
}
