/**
 * How well a thread's event loop keeps up, second by second: how late its timers fire (event-loop
 * delay, from Node's own sampler, which also sees a loop blocked for seconds) and how much of the
 * time it is busy (event-loop utilization). A load generator whose loop is late sends late and reads
 * answers late, so its latency figures measure itself as much as the target.
 */
import { type EventLoopUtilization, monitorEventLoopDelay, performance } from 'node:perf_hooks';

export interface LoopHealth {
  /** Milliseconds since the thread's performance.timeOrigin-based clock started (absolute, see pool.ts). */
  at: number;
  /** How late the loop's timers fired in the last interval: the 99th percentile and the worst, in ms. */
  delayP99Ms: number;
  delayMaxMs: number;
  /** Share of the last interval the loop spent running code (0..1). */
  utilization: number;
}

/** Sampling step of the delay histogram: fine enough to see 100 ms stalls, cheap enough to leave on. */
const resolutionMs = 10;
const everyMs = 1_000;
const round = (ms: number) => Math.round(ms * 10) / 10;

export class LoopMonitor {
  private readonly delay = monitorEventLoopDelay({ resolution: resolutionMs });
  private timer: NodeJS.Timeout | undefined;
  private last: EventLoopUtilization | undefined;

  constructor(private readonly report: (health: LoopHealth) => void) {}

  start(): void {
    this.delay.enable();
    this.last = performance.eventLoopUtilization();
    this.timer = setInterval(() => this.report(this.take()), everyMs);
    this.timer.unref();
  }

  /** Reports the interval since the last report (if anything was measured) and stops. */
  stop(): void {
    clearInterval(this.timer);
    if (this.delay.count > 0) this.report(this.take());
    this.delay.disable();
  }

  private take(): LoopHealth {
    const now = performance.eventLoopUtilization();
    const since = performance.eventLoopUtilization(now, this.last);
    this.last = now;
    // The histogram holds the ns between samples; the delay is what exceeds the sampling step.
    const late = (ns: number) => (this.delay.count === 0 ? 0 : round(Math.max(0, ns / 1e6 - resolutionMs)));
    const health = {
      at: performance.timeOrigin + performance.now(),
      delayP99Ms: late(this.delay.percentile(99)),
      delayMaxMs: late(this.delay.max),
      utilization: Math.round(since.utilization * 1000) / 1000,
    };
    this.delay.reset();
    return health;
  }
}
