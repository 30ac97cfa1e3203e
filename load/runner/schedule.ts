/**
 * The open-model schedule the runner keeps: a profile cut into segments of constant rate (ramps in
 * short steps), each with the exact number of requests it must start (its quota) within its own time
 * window (what it has not started by the window's end is dropped, so segments never add up their
 * rates), and the time each request was meant to start. Latency is measured from that intended time when a request goes out
 * late, which is the correction for coordinated omission: a slow answer that holds back the next
 * requests is charged to those requests too, as the users waiting behind it would feel it.
 */
import { measuredStartS, type Profile, warmUpOf } from '../profiles/profiles.ts';

export interface Segment {
  /** Seconds from the start of the run. */
  start: number;
  duration: number;
  /**
   * Requests per second, a whole number: autocannon's rate limiter counts whole requests per second.
   * Profiles' rates are whole (profiles.ts scaledRate); a ramp's step takes its mid rate, rounded.
   */
  rate: number;
  /** Requests to start in this segment. */
  quota: number;
  /** Part of the warm-up: its answers are checked and reported, not judged. */
  warmUp?: boolean;
}

/** Constant stages are cut too, so the connection count can follow the latency on long runs. */
const maxSegmentSeconds = 30;

function stepSeconds(duration: number): number {
  return Math.min(10, Math.max(1, duration / 20));
}

export function segmentsOf(profile: Profile): Segment[] {
  const segments: Segment[] = [];
  let from = profile.startRate;
  let start = 0;
  for (const stage of profile.stages) {
    const step =
      from === stage.target ? Math.min(maxSegmentSeconds, stage.duration) : stepSeconds(stage.duration);
    const steps = Math.max(1, Math.round(stage.duration / step));
    for (let i = 0; i < steps; i++) {
      const duration = stage.duration / steps;
      // The mean rate of a linear ramp over the step is the rate at its middle.
      const rate = Math.round(from + ((stage.target - from) * (i + 0.5)) / steps);
      segments.push({ start: start + i * duration, duration, rate, quota: Math.round(rate * duration) });
    }
    start += stage.duration;
    from = stage.target;
  }
  return segments.filter((segment) => segment.quota > 0 && segment.rate > 0);
}

/**
 * What the runner runs: the warm-up (when the profile has one) from time 0, the pause of profiles.ts
 * (warmUpPauseS, k6's too), then the profile's segments shifted by the warm-up's length and the pause.
 */
export function runSegments(profile: Profile): Segment[] {
  const main = segmentsOf(profile);
  const warm = warmUpOf(profile);
  if (!warm) return main;
  const quota = Math.round(warm.rate * warm.durationS);
  const warmUp: Segment = { start: 0, duration: warm.durationS, rate: warm.rate, quota, warmUp: true };
  const shift = measuredStartS(profile);
  return [warmUp, ...main.map((s) => ({ ...s, start: s.start + shift }))];
}

/** Seconds before the measured run starts (warm-up and pause); 0 without a warm-up. */
export function warmUpSeconds(segments: readonly Segment[]): number {
  if (!segments.some((s) => s.warmUp)) return 0;
  const measured = segments.find((s) => !s.warmUp);
  return measured ? measured.start : plannedDurationS(segments);
}

/**
 * Requests of the measured run that were due before `atS` (a run stopped early by a breach or an
 * interruption): what came after the stop was never going to be sent, so it is not dropped.
 */
export function measuredDueBy(segments: readonly Segment[], atS: number): number {
  let due = 0;
  for (const s of segments) {
    if (s.warmUp) continue;
    const share = Math.min(1, Math.max(0, (atS - s.start) / s.duration));
    due += Math.floor(s.quota * share);
  }
  return due;
}

export function plannedDurationS(segments: readonly Segment[]): number {
  const last = segments[segments.length - 1];
  return last ? last.start + last.duration : 0;
}

/** Part `index` of `total` cut into `parts` whole numbers that differ by at most one. */
export function shareOf(total: number, parts: number, index: number): number {
  return Math.floor(total / parts) + (index < total % parts ? 1 : 0);
}

/**
 * Shard `index`'s part of a segment: its share of the rate, and of the quota in proportion to that
 * rate (a shard without rate gets no requests). The parts add up to exactly the segment's rate and
 * quota, so the shards together never start requests faster than the plan says.
 */
export function shardPart(segment: Segment, shards: number, index: number): { rate: number; quota: number } {
  const rateBefore = (i: number) =>
    i * Math.floor(segment.rate / shards) + Math.min(i, segment.rate % shards);
  const quotaBefore = (i: number) => Math.floor((segment.quota * rateBefore(i)) / segment.rate);
  return {
    rate: shareOf(segment.rate, shards, index),
    quota: quotaBefore(index + 1) - quotaBefore(index),
  };
}

/** When request `k` of a segment (rate `rate`) was meant to start, in ms from the run's start. */
export function intendedMs(segmentStartS: number, rate: number, k: number): number {
  return (segmentStartS + k / rate) * 1000;
}

/**
 * Latency as a user of an open system sees it: from the moment the request should have started (or
 * did start, if it went out early) to its answer. Never less than the raw service time.
 */
export function correctedLatency(intended: number, sent: number, done: number): number {
  return done - Math.min(intended, sent);
}
