/**
 * A bound on the notification attempts under way at once, across every link: each attempt holds a
 * socket, and links paid in a burst would otherwise open as many as they name endpoints. An attempt
 * past the bound waits its turn, first come first served; close() turns the waiting ones away.
 */
export class AttemptSlots {
  private taken = 0;
  private readonly waiting: ((granted: boolean) => void)[] = [];
  private closed = false;

  constructor(readonly max: number) {}

  /** Resolves true once a slot is the caller's (give it back with release()), false when closed first. */
  take(): Promise<boolean> {
    if (this.closed) return Promise.resolve(false);
    if (this.taken < this.max) {
      this.taken++;
      return Promise.resolve(true);
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  release(): void {
    const next = this.waiting.shift();
    // The slot passes straight to the oldest waiting attempt: `taken` stays.
    if (next) next(true);
    else this.taken--;
  }

  /** Attempts waiting for a slot. */
  get queued(): number {
    return this.waiting.length;
  }

  close(): void {
    this.closed = true;
    for (const turnAway of this.waiting.splice(0)) turnAway(false);
  }
}
