/**
 * The load generator's own health over a run: its shards' event-loop delay and utilization (each
 * shard reports a pulse a second, see loopMonitor.ts) and the process's CPU use, gathered per
 * second of the run in fixed-size records (a 3-hour run keeps about 10,000). Summed up, it says
 * whether the generator kept its schedule: if not, latency figures charge its stalls to the target.
 */
import { availableParallelism } from 'node:os';
import type { LoopHealth } from './loopMonitor.ts';

export interface GeneratorHealth {
  /** Seconds of the run with a measurement. */
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
  /** The whole process's CPU use, in % of all the machine's cores: mean and the busiest second. */
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

export class HealthRecorder {
  private readonly seconds = new Map<number, Second>();
  private utilizationSum = 0;
  private pulses = 0;
  private readonly cpu: number[] = [];
  private lastCpu = process.cpuUsage();
  private lastCpuAt = performance.now();
  private readonly cores = availableParallelism();

  constructor(private readonly epoch: number) {}

  /** A shard's pulse: its loop's health over the last second. */
  pulse(health: LoopHealth): void {
    const second = Math.max(0, Math.floor((health.at - this.epoch) / 1000));
    const seen = this.seconds.get(second);
    this.seconds.set(second, {
      delayP99: Math.max(seen?.delayP99 ?? 0, health.delayP99Ms),
      delayMax: Math.max(seen?.delayMax ?? 0, health.delayMaxMs),
      utilization: Math.max(seen?.utilization ?? 0, health.utilization),
    });
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

  summary(): GeneratorHealth {
    if (performance.now() - this.lastCpuAt >= 100) this.sampleCpu();
    const seconds = [...this.seconds.values()];
    const stalledSeconds = seconds.filter((s) => s.delayMax >= healthBounds.stallMs).length;
    const utilizationMean = this.pulses ? this.utilizationSum / this.pulses : 0;
    const reasons: string[] = [];
    if (
      stalledSeconds >= healthBounds.minStalledSeconds &&
      stalledSeconds > seconds.length * healthBounds.stalledShare
    ) {
      reasons.push(
        `its event loop stalled ${healthBounds.stallMs} ms or more in ${stalledSeconds} of ${seconds.length} s`,
      );
    }
    const cpuMean = this.cpu.length ? this.cpu.reduce((a, b) => a + b, 0) / this.cpu.length : 0;
    return {
      seconds: seconds.length,
      stallMs: healthBounds.stallMs,
      stalledSeconds,
      loopDelayMs: {
        p99: Math.max(0, ...seconds.map((s) => s.delayP99)),
        max: Math.max(0, ...seconds.map((s) => s.delayMax)),
      },
      utilization: {
        mean: Math.round(utilizationMean * 1000) / 1000,
        max: Math.max(0, ...seconds.map((s) => s.utilization)),
      },
      cpuPercent: { mean: round1(cpuMean), max: round1(Math.max(0, ...this.cpu)), cores: this.cores },
      saturated: reasons.length > 0,
      ...(reasons.length ? { reason: reasons.join('; ') } : {}),
    };
  }
}
