/**
 * Progress on stderr while a run goes: on a terminal one line rewritten every second; in CI (no
 * terminal) a plain line every tenth of the run, at least 5 s and at most 30 s apart, so logs stay
 * short and a long run still shows it is alive.
 */
export interface ProgressSource {
  elapsedS(): number;
  /** Running counts over the whole run (the recorder keeps them as samples arrive). */
  counts(): { answered: number; failed: number; maxLatencyMs: number };
}

/** Seconds between progress lines. */
export function progressEveryS(plannedS: number, tty: boolean): number {
  return tty ? 1 : Math.min(30, Math.max(5, plannedS / 10));
}

export class Progress {
  private timer: NodeJS.Timeout | undefined;
  private lastLine = '';

  constructor(
    private readonly label: string,
    private readonly plannedS: number,
    private readonly source: ProgressSource,
    private readonly stream: NodeJS.WriteStream = process.stderr,
  ) {}

  start(): void {
    const tty = this.stream.isTTY === true;
    const everyS = progressEveryS(this.plannedS, tty);
    this.timer = setInterval(() => this.print(tty), everyS * 1000);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    if (this.stream.isTTY && this.lastLine) this.stream.write('\n');
  }

  private print(tty: boolean): void {
    const { answered, failed, maxLatencyMs } = this.source.counts();
    const elapsed = this.source.elapsedS();
    const line =
      `${this.label} ${elapsed.toFixed(0)}/${this.plannedS.toFixed(0)} s  answered ${answered}` +
      `  failed ${failed}  ${(answered / Math.max(elapsed, 0.001)).toFixed(0)} req/s` +
      `  max latency ${maxLatencyMs.toFixed(0)} ms`;
    this.lastLine = line;
    this.stream.write(tty ? `\r${line}\u001b[K` : `${line}\n`);
  }
}
