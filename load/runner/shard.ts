/**
 * One shard of the load, in one thread: starts each segment of the schedule on time with its share
 * of the rate, as an autocannon run with a request quota, builds every request with the scenario and
 * checks every answer. A segment starts requests only within its time window; its requests still in
 * flight then finish (until the run's deadline) while the next segment starts its own. So segments
 * overlap in answers, as an open model must, but never in sending: the start rate stays the plan's.
 */
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import type { Scenario } from '../scenarios/types.ts';
import { type Flight, type HookedClient, hook, requestBytes, stopSending } from './autocannonHooks.ts';
import { ConnectionLedger } from './connectionLedger.ts';
import { type LoopHealth, LoopMonitor } from './loopMonitor.ts';
import { Outcome, type SampleBatch, SampleColumns } from './samples.ts';
import { intendedMs, type Segment, shardPart, shareOf } from './schedule.ts';

export interface ShardSpec {
  shard: number;
  shards: number;
  baseUrl: string;
  scenario: string;
  seed: unknown;
  segments: Segment[];
  /**
   * The whole run's connection budget (profile VUs, lowered to what the descriptor limit allows);
   * each shard takes its share and never has more open at once, however segments overlap.
   */
  connections: { initial: number; max: number };
  /** Bytes of each answer's body kept for the checks; the rest is counted as a cut, not kept. */
  maxBodyBytes: number;
  /** Absolute ms (performance.timeOrigin + performance.now()) that the run's time 0 is. */
  epoch: number;
  /** ms from the epoch: requests still open then are interrupted, unstarted ones dropped. */
  deadline: number;
  timeoutS: number;
}

export interface ShardTotals {
  planned: number;
  issued: number;
  /** Most connections open at once. */
  connections: number;
  /** Answers whose body was longer than maxBodyBytes (checked on their start only). */
  cutBodies: number;
  /** Requests lost at the timeout while their body, already past maxBodyBytes, was still coming. */
  endlessBodies: number;
}

/** What a shard tells the run every second: its event loop's health and its totals so far. */
export interface ShardPulse {
  loop: LoopHealth;
  totals: ShardTotals;
}

/** autocannon gives up on a segment after this many socket errors or timeouts (a dead target). */
const bailoutErrors = 100;

export class Shard {
  private readonly out = new SampleColumns(4096);
  private readonly running = new Set<autocannon.Instance>();
  private readonly pending = new Set<() => void>();
  private stopped = false;
  private latencyEwmaMs = 0;
  private answers = 0;
  private planned = 0;
  private issued = 0;
  private cutBodies = 0;
  private endlessBodies = 0;
  /** Connections open now (autocannon clients not yet done) against the shard's budget. */
  private readonly connections: ConnectionLedger;
  private readonly opIndex: Map<string, number>;
  private readonly host: string;
  private readonly originOffset: number;

  constructor(
    private readonly spec: ShardSpec,
    private readonly scenario: Scenario<unknown>,
    private readonly onBatch: (batch: SampleBatch) => void,
    private readonly onPulse: (pulse: ShardPulse) => void = () => {},
  ) {
    this.opIndex = new Map(scenario.operations.map((name, index) => [name, index]));
    const budget = Math.max(1, shareOf(spec.connections.max, spec.shards, spec.shard));
    this.connections = new ConnectionLedger(budget, () => this.now());
    this.host = new URL(spec.baseUrl).host;
    this.originOffset = spec.epoch - performance.timeOrigin;
  }

  /** ms since the run's time 0 (read twice per request: the constant part is computed once). */
  now(): number {
    return performance.now() - this.originOffset;
  }

  async run(): Promise<ShardTotals> {
    const { shards, shard } = this.spec;
    const flusher = setInterval(() => this.flush(), 250);
    const deadline = setTimeout(() => this.stop(), Math.max(0, this.spec.deadline - this.now()));
    const monitor = new LoopMonitor((loop) => this.onPulse({ loop, totals: this.totals() }));
    const runs: Promise<number>[] = [];
    for (const segment of this.spec.segments) {
      const { rate, quota } = shardPart(segment, shards, shard);
      if (quota === 0) continue;
      const first = this.planned;
      this.planned += quota;
      runs.push(this.startAt(segment.start * 1000, () => this.runSegment(segment, rate, quota, first)));
    }
    monitor.start();
    const issued = (await Promise.all(runs)).reduce((sum, n) => sum + n, 0);
    clearInterval(flusher);
    clearTimeout(deadline);
    monitor.stop();
    this.flush();
    return { ...this.totals(), issued };
  }

  private totals(): ShardTotals {
    return {
      planned: this.planned,
      issued: this.issued,
      connections: this.connections.peak,
      cutBodies: this.cutBodies,
      endlessBodies: this.endlessBodies,
    };
  }

  /** Stops early: pending segments never start (their requests count as dropped), running ones wind down. */
  stop(): void {
    this.stopped = true;
    this.connections.stop();
    for (const cancel of this.pending) cancel();
    for (const instance of this.running) instance.stop();
  }

  private startAt(atMs: number, start: () => Promise<number>): Promise<number> {
    return new Promise((resolve) => {
      const cancel = () => {
        clearTimeout(timer);
        this.pending.delete(cancel);
        resolve(0);
      };
      const timer = setTimeout(
        () => {
          this.pending.delete(cancel);
          resolve(this.stopped ? 0 : start());
        },
        Math.max(0, atMs - this.now()),
      );
      this.pending.add(cancel);
    });
  }

  private connectionsFor(rate: number): number {
    const { shards, shard, connections } = this.spec;
    const initial = Math.max(1, shareOf(connections.initial, shards, shard));
    const max = Math.max(initial, shareOf(connections.max, shards, shard));
    // A segment cannot add connections once started, and drops what it cannot start in its window:
    // before any answer tells the latency, it takes the whole budget (the caller caps it at the rate).
    if (this.answers === 0) return max;
    // Enough connections for twice the requests in flight at the latency seen so far (Little's law).
    const needed = Math.ceil((rate * this.latencyEwmaMs * 2) / 1000) + 1;
    return Math.min(max, Math.max(initial, needed));
  }

  /**
   * Runs one segment; resolves with the number of requests it started. It starts requests only within
   * its own window: when answers lag, a later segment must not find it still sending (their rates
   * would add up beyond the plan's). Its requests still in flight at the window's end finish.
   */
  private async runSegment(segment: Segment, rate: number, quota: number, first: number): Promise<number> {
    const windowEndMs = (segment.start + segment.duration) * 1000;
    // Started too late to start anything (a blocked event loop): its whole quota is dropped.
    if (windowEndMs - this.now() <= 0) return 0;
    const connections = await this.connections.take(
      Math.min(rate, quota, this.connectionsFor(rate)),
      windowEndMs,
    );
    if (connections === 0) return 0;
    return this.runAutocannon(segment, rate, quota, first, connections, windowEndMs);
  }

  private runAutocannon(
    segment: Segment,
    rate: number,
    quota: number,
    first: number,
    connections: number,
    windowEndMs: number,
  ): Promise<number> {
    const { shards, shard, seed } = this.spec;
    const clients = new Set<HookedClient>();
    let issued = 0;
    const nextRequest = (client: HookedClient, lostWhileCut: boolean): Buffer => {
      // A request still unanswered when its connection sends the next one was lost (timeout, socket error).
      if (lostWhileCut) this.endlessBodies++;
      if (client.flight) this.settle(client.flight, Outcome.noAnswer);
      const k = issued++;
      this.issued++;
      const request = this.scenario.build(seed, (first + k) * shards + shard);
      const op = this.opIndex.get(request.tags.name) ?? 255;
      client.flight = { k, op, intended: intendedMs(segment.start, rate, k), sent: this.now(), request };
      return requestBytes(this.host, request);
    };
    return new Promise((resolve) => {
      let windowEnd: NodeJS.Timeout | undefined;
      // `connections` were counted as open by take(): each client's 'done' gives its own back.
      const instance = autocannon(
        {
          url: this.spec.baseUrl,
          connections,
          overallRate: rate,
          maxOverallRequests: quota,
          duration: Math.max(0.001, (this.spec.deadline - this.now()) / 1000),
          timeout: this.spec.timeoutS,
          sampleInt: 100,
          bailout: bailoutErrors,
          // The runner corrects latency itself (schedule.ts); autocannon's own correction back-fills its
          // histogram with one value per millisecond of each answer, which costs time and is unused here.
          ignoreCoordinatedOmission: true,
          setupClient: (raw) => {
            const client = hook(raw, {
              nextRequest,
              onAnswer: (flight, status, body, cut) => this.record(flight, status, body, cut),
              onLost: (flight, cut) => {
                // A body still coming at the timeout, already past the cap: endless (or dripping).
                if (cut) this.endlessBodies++;
                this.settle(flight, Outcome.noAnswer);
              },
              onGone: () => this.connections.closed(),
              maxBodyBytes: this.spec.maxBodyBytes,
            });
            clients.add(client);
          },
        },
        () => {
          clearTimeout(windowEnd);
          this.running.delete(instance);
          // Still unanswered: in flight if the run was stopped (or ran out of time), else lost when the
          // connection gave up on it (its quota was used, so no next request replaced it).
          const cut = this.stopped || this.now() >= this.spec.deadline - 50;
          for (const client of clients) {
            if (client.flight) this.settle(client.flight, cut ? Outcome.interrupted : Outcome.noAnswer);
          }
          resolve(Math.min(issued, quota));
        },
      );
      windowEnd = setTimeout(
        () => {
          for (const client of clients) stopSending(client);
        },
        Math.max(0, windowEndMs - this.now()),
      );
      this.running.add(instance);
    });
  }

  private runChecks(flight: Flight, status: number, body: string): { passed: number; total: number } {
    const checks = this.scenario.checksFor(flight.request.tags.name);
    const response = { status, body };
    let passed = 0;
    for (const check of checks) {
      try {
        if (check.test(response, flight.request, this.spec.seed)) passed++;
      } catch {
        // A check that throws on an odd answer has failed, like in k6.
      }
    }
    return { passed, total: checks.length };
  }

  private record(flight: Flight, status: number, body: string, cut: boolean): void {
    const done = this.now();
    if (cut) this.cutBodies++;
    const { passed, total } = this.runChecks(flight, status, body);
    // The first answer starts the average: from 0 it would take dozens of answers to get near.
    const latency = done - flight.sent;
    this.latencyEwmaMs = this.answers++ === 0 ? latency : this.latencyEwmaMs * 0.9 + latency * 0.1;
    this.out.push({
      op: flight.op,
      status,
      outcome: Outcome.answered,
      checksPassed: passed,
      checks: total,
      intended: flight.intended,
      sent: flight.sent,
      done,
    });
  }

  private settle(flight: Flight, outcome: typeof Outcome.noAnswer | typeof Outcome.interrupted): void {
    // A lost request fails all its checks, like a k6 request that got no response; an interrupted one is not counted.
    const checks =
      outcome === Outcome.noAnswer ? this.scenario.checksFor(flight.request.tags.name).length : 0;
    this.out.push({ ...flight, status: 0, outcome, checksPassed: 0, checks, done: Number.NaN });
  }

  private flush(): void {
    if (this.out.length > 0) this.onBatch(this.out.take());
  }
}
