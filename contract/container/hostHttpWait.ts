/**
 * testcontainers' Wait.forHttp looks the port up among the container's published ports, and a
 * container on the host network publishes none, so it would wait forever. This strategy polls the
 * URL we already know (the host port we chose) and gives up early when the container exits.
 */
import type { WaitStrategy } from 'testcontainers';

interface InspectableContainer {
  inspect(): Promise<{ State: { Status: string; ExitCode: number } }>;
}

const pollIntervalMs = 250;

export class HostHttpWaitStrategy implements WaitStrategy {
  private startupTimeoutMs = 60_000;
  private startupTimeoutSet = false;

  constructor(private readonly url: string) {}

  withStartupTimeout(startupTimeoutMs: number): this {
    this.startupTimeoutMs = startupTimeoutMs;
    this.startupTimeoutSet = true;
    return this;
  }

  isStartupTimeoutSet(): boolean {
    return this.startupTimeoutSet;
  }

  getStartupTimeout(): number {
    return this.startupTimeoutMs;
  }

  async waitUntilReady(container: InspectableContainer): Promise<void> {
    const deadline = Date.now() + this.startupTimeoutMs;
    let last = 'no answer yet';
    while (Date.now() < deadline) {
      const { State } = await container.inspect();
      if (State.Status === 'exited' || State.Status === 'dead') {
        throw new Error(`container exited with code ${State.ExitCode} before ${this.url} answered`);
      }
      try {
        const response = await fetch(this.url, { signal: AbortSignal.timeout(1_000) });
        await response.body?.cancel();
        if (response.ok) return;
        last = `HTTP ${response.status}`;
      } catch (error) {
        last =
          error instanceof Error
            ? error.cause instanceof Error
              ? error.cause.message
              : error.message
            : String(error);
      }
      await new Promise((resolve) => setTimeout(resolve, pollIntervalMs));
    }
    throw new Error(`${this.url} did not answer 2xx within ${this.startupTimeoutMs} ms (last: ${last})`);
  }
}
