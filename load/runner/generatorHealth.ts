/**
 * The load generator's own health over a run: its shards' event-loop delay and utilization (each
 * shard reports a pulse a second, see loopMonitor.ts) and the process's CPU use, gathered per
 * second of the run in fixed-size records (a 3-hour run keeps about 10,000). Summed up, it says
 * whether the generator kept its schedule: if not, latency figures charge its stalls to the target.
 */
import { availableParallelism } from 'node:os';
import type { LoopHealth } from './loopMonitor.ts';

export interface GeneratorHealth {
  /** Seconds the run lasted (its measurement, grace included). */
  seconds: number;
  /** A second counts as stalled when a shard's timers fired this late (ms) or later. */
  stallMs: number;
  /** Seconds in which some shard's event loop stalled. */
  stalledSeconds: number;
  /** Event-loop delay of the shards: the worst per-second 99th percentile, and the worst single delay (ms). */
  loopDelayMs: { p99: number; max: number };
  /**
   * Share of time the shards' loops were busy: mean over the run and the busiest second. Reported,
   * not judged: a loop can be busy all the time and still fire its timers on time.
   */
  utilization: { mean: number; max: number };
  /**
   * The whole process's CPU use, in % of all the machine's cores: mean and the busiest second.
   * Reported, not judged: a generator short of CPU shows it as event-loop delay, which is judged.
   */
  cpuPercent: { mean: number; max: number; cores: number };
  /** Whether the generator could not keep its schedule: its latency figures are then not trustworthy. */
  saturated: boolean;
  /** What was over its bound, when saturated. */
  reason?: string;
}

export const healthBounds = {
  stallMs: 100,
  /** More stalled seconds than this share of the run (and at least minStalledSeconds) saturate it. */
  stalledShare: 0.05,
  minStalledSeconds: 2,
};

interface Second {
  delayP99: number;
  delayMax: number;
  utilization: number;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

const maxOf = (values: Iterable<number>) => {
  let max = 0;
  for (const v of values) if (v > max) max = v;
  return max;
};

export class HealthRecorder {
  private readonly seconds = new Map<number, Second>();
  /** Seconds of the run during which some shard's loop was stalled (a long stall covers several). */
  private readonly stalled = new Set<number>();
  private utilizationSum = 0;
  private pulses = 0;
  private readonly cpu: number[] = [];
  private lastCpu = process.cpuUsage();
  private lastCpuAt = performance.now();
  private readonly cores = availableParallelism();

  constructor(private readonly epoch: number) {}

  /** A shard's pulse: its loop's health since its last pulse (about a second, longer after a stall). */
  pulse(health: LoopHealth): void {
    const secondOf = (at: number) => Math.max(0, Math.floor((at - this.epoch) / 1000));
    const second = secondOf(health.at);
    const seen = this.seconds.get(second);
    this.seconds.set(second, {
      delayP99: Math.max(seen?.delayP99 ?? 0, health.delayP99Ms),
      delayMax: Math.max(seen?.delayMax ?? 0, health.delayMaxMs),
      utilization: Math.max(seen?.utilization ?? 0, health.utilization),
    });
    if (health.delayMaxMs >= healthBounds.stallMs) {
      // A loop blocked for 20 s reports once, late: every second it was blocked counts.
      for (let s = secondOf(health.at - health.delayMaxMs); s <= second; s++) this.stalled.add(s);
    }
    this.utilizationSum += health.utilization;
    this.pulses++;
  }

  /** Samples the process's CPU use since the last sample (call it about once a second). */
  sampleCpu(): void {
    const now = performance.now();
    const used = process.cpuUsage(this.lastCpu);
    const wallUs = (now - this.lastCpuAt) * 1000;
    this.lastCpu = process.cpuUsage();
    this.lastCpuAt = now;
    if (wallUs > 0) this.cpu.push(((used.user + used.system) / wallUs / this.cores) * 100);
  }

  /**
   * The run's health over `durationS` seconds; `killed` when its shards had to be terminated (their
   * loops blocked past the deadline, so they may not have reported at all).
   */
  summary(durationS: number, killed = false): GeneratorHealth {
    if (performance.now() - this.lastCpuAt >= 100) this.sampleCpu();
    const seconds = Math.max(1, Math.ceil(durationS));
    const stalledSeconds = this.stalled.size;
    const utilizationMean = this.pulses ? this.utilizationSum / this.pulses : 0;
    const reasons: string[] = [];
    if (
      stalledSeconds >= healthBounds.minStalledSeconds &&
      stalledSeconds > seconds * healthBounds.stalledShare
    ) {
      reasons.push(
        `its event loop stalled ${healthBounds.stallMs} ms or more in ${stalledSeconds} of ${seconds} s`,
      );
    }
    if (killed) reasons.push('its shards had to be terminated, their event loops blocked past the deadline');
    const cpuMean = this.cpu.length ? this.cpu.reduce((a, b) => a + b, 0) / this.cpu.length : 0;
    const perSecond = [...this.seconds.values()];
    return {
      seconds,
      stallMs: healthBounds.stallMs,
      stalledSeconds,
      loopDelayMs: {
        p99: maxOf(perSecond.map((s) => s.delayP99)),
        max: maxOf(perSecond.map((s) => s.delayMax)),
      },
      utilization: {
        mean: Math.round(utilizationMean * 1000) / 1000,
        max: maxOf(perSecond.map((s) => s.utilization)),
      },
      cpuPercent: { mean: round1(cpuMean), max: round1(maxOf(this.cpu)), cores: this.cores },
      saturated: reasons.length > 0,
      ...(reasons.length ? { reason: reasons.join('; ') } : {}),
    };
  }
}
