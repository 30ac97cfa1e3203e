/**
 * Workload profiles as an open model: arrival rates in requests per second (a new request starts on
 * schedule whether or not earlier ones have answered), not a number of looping users. k6 maps them
 * onto constant-/ramping-arrival-rate executors, the runner onto its own rate schedule. Rates suit one
 * sandbox on a laptop; scale them with RATE_SCALE (k6) or --rate-scale (runner) for bigger targets.
 */

export interface Stage {
  /** Seconds. */
  duration: number;
  /** Requests per second reached at the end of the stage (linear ramp from the previous rate). */
  target: number;
}

/**
 * Requests sent before the measured run, at a low constant rate: connections open, the target and the
 * generator warm up (JIT, caches, pools). Their answers are checked and reported, never judged: the
 * first second of a cold run answers many times slower than the rest and would decide a short gate.
 */
export interface WarmUp {
  /** Seconds. */
  durationS: number;
  /** Requests per second (whole). */
  rate: number;
}

export interface Profile {
  name: ProfileName;
  description: string;
  /** Requests per second at the start. */
  startRate: number;
  stages: Stage[];
  /** Requests in flight the engine prepares for at once (k6 preAllocatedVUs; runner connections to start with). */
  preAllocatedVUs: number;
  /** Most requests in flight at once when answers slow down (k6 maxVUs; runner connections at most). */
  maxVUs: number;
  /** Stop as soon as a latency SLO is breached: the breakpoint profile exists to find that moment. */
  abortOnLatency: boolean;
  /** Stop when the error rate SLO is breached: no point hammering a broken target for an hour. */
  abortOnErrors: boolean;
  /** Before the measured run; none when absent (a profile of one's own, e.g. the benchmark's). */
  warmUp?: WarmUp;
  /**
   * The run ends with its capacity (load/shared/capacity.ts): every SLO is judged over windows of
   * this many seconds, and the highest rate that held is the capacity.
   */
  capacityWindowS?: number;
}

export const profileNames = ['smoke', 'average', 'stress', 'spike', 'soak', 'breakpoint'] as const;
export type ProfileName = (typeof profileNames)[number];

const min = 60;

export const profiles: Record<ProfileName, Profile> = {
  smoke: {
    name: 'smoke',
    description: 'A few seconds at a low rate: do the scenario and its checks work at all (CI runs this).',
    startRate: 10,
    stages: [{ duration: 5, target: 10 }],
    preAllocatedVUs: 5,
    maxVUs: 20,
    abortOnLatency: false,
    abortOnErrors: false,
    warmUp: { durationS: 5, rate: 10 },
  },
  average: {
    name: 'average',
    description: 'A normal busy day: ramp to 50 req/s, hold 4 minutes, ramp down.',
    startRate: 0,
    stages: [
      { duration: 30, target: 50 },
      { duration: 4 * min, target: 50 },
      { duration: 30, target: 0 },
    ],
    preAllocatedVUs: 20,
    maxVUs: 100,
    abortOnLatency: false,
    abortOnErrors: true,
    warmUp: { durationS: 10, rate: 10 },
  },
  stress: {
    name: 'stress',
    description: 'A peak day (Black Friday): four times the average for 5 minutes.',
    startRate: 0,
    stages: [
      { duration: min, target: 200 },
      { duration: 5 * min, target: 200 },
      { duration: min, target: 0 },
    ],
    preAllocatedVUs: 50,
    maxVUs: 400,
    abortOnLatency: false,
    abortOnErrors: true,
    warmUp: { durationS: 10, rate: 20 },
  },
  spike: {
    name: 'spike',
    description: 'Ticket sales open: from 10 to 500 req/s in 10 seconds, a minute there, and back.',
    startRate: 10,
    stages: [
      { duration: 30, target: 10 },
      { duration: 10, target: 500 },
      { duration: min, target: 500 },
      { duration: 10, target: 10 },
      { duration: 30, target: 10 },
    ],
    preAllocatedVUs: 100,
    maxVUs: 1000,
    abortOnLatency: false,
    abortOnErrors: true,
    warmUp: { durationS: 10, rate: 10 },
  },
  soak: {
    name: 'soak',
    description: 'The average rate for two hours: leaks, growing lists and slow drifts show here.',
    startRate: 0,
    stages: [
      { duration: 2 * min, target: 50 },
      { duration: 120 * min, target: 50 },
      { duration: 2 * min, target: 0 },
    ],
    preAllocatedVUs: 20,
    maxVUs: 100,
    abortOnLatency: false,
    abortOnErrors: true,
    warmUp: { durationS: 10, rate: 10 },
  },
  breakpoint: {
    name: 'breakpoint',
    description:
      'Ramp without end to 2000 req/s over 20 minutes and stop at the first SLO breach: the capacity.',
    startRate: 0,
    stages: [{ duration: 20 * min, target: 2000 }],
    preAllocatedVUs: 100,
    maxVUs: 2000,
    abortOnLatency: true,
    abortOnErrors: true,
    warmUp: { durationS: 10, rate: 20 },
    capacityWindowS: 10,
  },
};

export function isProfileName(name: string): name is ProfileName {
  return (profileNames as readonly string[]).includes(name);
}

/**
 * A rate multiplied by `factor`, as whole requests per second: k6's arrival-rate executors refuse
 * fractional rates, and the runner keeps whole rates too, so both engines plan the same load. A rate
 * that was not zero must not become zero: that scale is refused rather than silently dropping a stage.
 */
export function scaledRate(rate: number, factor: number): number {
  const scaled = Math.round(rate * factor);
  if (rate > 0 && scaled < 1) {
    throw new RangeError(
      `rate scale ${factor} turns ${rate} req/s into ${rate * factor}, which rounds to 0 (k6 and the runner need whole rates); use a scale of at least ${0.5 / rate}`,
    );
  }
  return scaled;
}

/** The profile with every rate (and VU budget) multiplied by `factor`, for targets bigger or smaller than a laptop. */
export function scaleProfile(profile: Profile, factor: number): Profile {
  if (!(factor > 0) || !Number.isFinite(factor))
    throw new RangeError(`rate scale must be a positive number, not ${factor}`);
  const scale = (n: number) => scaledRate(n, factor);
  return {
    ...profile,
    startRate: scale(profile.startRate),
    stages: profile.stages.map((stage) => ({ duration: stage.duration, target: scale(stage.target) })),
    preAllocatedVUs: Math.max(1, Math.ceil(profile.preAllocatedVUs * factor)),
    maxVUs: Math.max(1, Math.ceil(profile.maxVUs * factor)),
    // A warm-up is a handful of requests a second: a smaller scale lowers it (to one at least), a
    // bigger one keeps it (its job is to warm connections and code paths, not to add load).
    ...(profile.warmUp
      ? {
          warmUp: {
            ...profile.warmUp,
            rate: Math.max(1, Math.round(profile.warmUp.rate * Math.min(1, factor))),
          },
        }
      : {}),
  };
}

/**
 * Seconds between the warm-up's end and the measured run's start, on both engines: the warm-up's last
 * answers (slow ones, on a cold target) come back in it instead of queueing ahead of the first
 * measured requests. k6 gives it to the warm-up scenario as its gracefulStop.
 */
export const warmUpPauseS = 2;

/** The profile's warm-up when it sends anything; undefined for none (the measured run starts at once). */
export function warmUpOf(profile: Profile): WarmUp | undefined {
  const warm = profile.warmUp;
  return warm && warm.durationS > 0 && warm.rate > 0 ? warm : undefined;
}

/** Seconds from the run's start to the measured run's start (warm-up and pause): the origin of capacity windows. */
export function measuredStartS(profile: Profile): number {
  const warm = warmUpOf(profile);
  return warm ? warm.durationS + warmUpPauseS : 0;
}

export function totalDuration(profile: Profile): number {
  return profile.stages.reduce((sum, stage) => sum + stage.duration, 0);
}

export function peakRate(profile: Profile): number {
  return Math.max(profile.startRate, ...profile.stages.map((stage) => stage.target));
}

/** Requests the profile starts in all: the area under the rate curve (linear ramps are trapezoids). */
export function plannedRequests(profile: Profile): number {
  let rate = profile.startRate;
  let total = 0;
  for (const stage of profile.stages) {
    total += ((rate + stage.target) / 2) * stage.duration;
    rate = stage.target;
  }
  return Math.round(total);
}

/** True when the rate never changes: k6's constant-arrival-rate executor fits. */
export function isConstant(profile: Profile): boolean {
  return profile.stages.every((stage) => stage.target === profile.startRate);
}
