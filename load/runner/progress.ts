/**
 * Progress on stderr while a run goes: on a terminal one line rewritten every second; in CI (no
 * terminal) a plain line every tenth of the run, at least 5 s apart, so logs stay short.
 */
import { Outcome, type SampleBatch } from './samples.ts';

export interface ProgressSource {
  elapsedS(): number;
  samples(): SampleBatch;
}

export class Progress {
  private timer: NodeJS.Timeout | undefined;
  private seen = 0;
  private answered = 0;
  private failed = 0;
  private maxLatency = 0;
  private lastLine = '';

  constructor(
    private readonly label: string,
    private readonly plannedS: number,
    private readonly source: ProgressSource,
    private readonly stream: NodeJS.WriteStream = process.stderr,
  ) {}

  start(): void {
    const tty = this.stream.isTTY === true;
    const everyS = tty ? 1 : Math.max(5, this.plannedS / 10);
    this.timer = setInterval(() => this.print(tty), everyS * 1000);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    if (this.stream.isTTY && this.lastLine) this.stream.write('\n');
  }

  /** Folds in the samples that arrived since the last call (each sample is read once). */
  private update(): void {
    const s = this.source.samples();
    for (let i = this.seen; i < s.length; i++) {
      if (s.outcome[i] !== Outcome.answered) {
        if (s.outcome[i] === Outcome.noAnswer) this.failed++;
        continue;
      }
      this.answered++;
      if (s.status[i] !== 200) this.failed++;
      this.maxLatency = Math.max(this.maxLatency, s.done[i]! - Math.min(s.intended[i]!, s.sent[i]!));
    }
    this.seen = s.length;
  }

  private print(tty: boolean): void {
    this.update();
    const elapsed = this.source.elapsedS();
    const line =
      `${this.label} ${elapsed.toFixed(0)}/${this.plannedS.toFixed(0)} s  answered ${this.answered}` +
      `  failed ${this.failed}  ${(this.answered / Math.max(elapsed, 0.001)).toFixed(0)} req/s` +
      `  max latency ${this.maxLatency.toFixed(0)} ms`;
    this.lastLine = line;
    this.stream.write(tty ? `\r${line}\u001b[K` : `${line}\n`);
  }
}
