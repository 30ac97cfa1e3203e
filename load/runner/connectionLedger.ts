/**
 * A shard's connections against its budget: how many are open, the most at once, and the waits of
 * segments that want more than are free. Segments overlap while answers lag, so a new segment takes
 * only what earlier ones have given back; each autocannon client gives its own back when it is done.
 */

/** How long a waiting segment gathers connections that close together before it takes them. */
const gatherMs = 10;

export class ConnectionLedger {
  private open = 0;
  private most = 0;
  private stopped = false;
  /** Segments waiting for connections to close. */
  private readonly waiters = new Set<() => void>();

  /** `now` is the run's clock (ms from its time 0), the one segment windows are in. */
  constructor(
    private readonly budget: number,
    private readonly now: () => number,
  ) {}

  /** Most connections open at once so far. */
  get peak(): number {
    return this.most;
  }

  /**
   * Resolves with how many connections a segment may open (at most `wanted`): the budget less those
   * still open. When fewer than it wants are free, it waits for earlier segments' connections to
   * close, which they do together as their answers arrive: it takes what is free once it has all it
   * wants, or once it has waited a tenth of its window (a segment cannot add connections later).
   * Resolves 0 if the window ends (or the run stops) with none free: the segment's requests are then
   * dropped, as an open model drops what no free connection can start. What it resolves with is
   * already counted as open; `closed()` gives each back.
   */
  take(wanted: number, windowEndMs: number): Promise<number> {
    const free = () => Math.max(0, Math.min(wanted, this.budget - this.open));
    // Taken at once, before anything else can look: two waiting segments never get the same ones.
    const reserve = (connections: number) => {
      this.open += connections;
      this.most = Math.max(this.most, this.open);
      return connections;
    };
    if (this.stopped) return Promise.resolve(0);
    if (free() >= wanted) return Promise.resolve(reserve(wanted));
    const waitUntil = Math.min(windowEndMs, this.now() + (windowEndMs - this.now()) / 10);
    return new Promise((resolve) => {
      let checking = false;
      const settle = (connections: number) => {
        clearTimeout(early);
        clearTimeout(end);
        this.waiters.delete(wake);
        resolve(this.stopped ? 0 : reserve(connections));
      };
      // Closes that come together (answers that arrive together) are counted together: the check
      // runs a moment after the first of them.
      const wake = () => {
        if (checking) return;
        checking = true;
        setTimeout(() => {
          checking = false;
          if (this.stopped || free() >= wanted || (this.now() >= waitUntil && free() > 0)) settle(free());
        }, gatherMs);
      };
      // Past the wait it takes what is free; with nothing free it waits on, to the window's end.
      const early = setTimeout(() => free() > 0 && settle(free()), Math.max(0, waitUntil - this.now()));
      const end = setTimeout(() => settle(0), Math.max(0, windowEndMs - this.now()));
      this.waiters.add(wake);
    });
  }

  /** A connection closed for good: its place is free again. */
  closed(): void {
    this.open--;
    for (const wake of this.waiters) wake();
  }

  /** The run stops: waiting segments get nothing, and later ones neither. */
  stop(): void {
    this.stopped = true;
    for (const wake of this.waiters) wake();
  }
}
