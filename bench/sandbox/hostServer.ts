/**
 * The servers the sandbox benchmark loads: the sandbox (with a tenant for createLink and a tenant
 * holding `seed` links, stored straight through its state, not over HTTP) or the bare node:http
 * ceiling. Also measures the heap per stored link when the process has `--expose-gc`.
 */

import { startSandbox } from '../../sandbox/index.ts';
import type { SandboxState } from '../../sandbox/state.ts';
import type { Tenant } from '../../sandbox/store/tenants.ts';
import { startBareServer } from '../bareServer.ts';

export interface HostOptions {
  kind: 'sandbox' | 'bare';
  /** Links stored for the list tenant before the server is loaded. */
  seed: number;
}

export interface HostInfo {
  kind: HostOptions['kind'];
  url: string;
  /** A tenant's key for createLink runs (bench keys are throwaway: fresh per run, never printed). */
  token: string;
  /** The key of the tenant that holds the `seed` links. */
  listToken: string;
  seeded: number;
  seedMs: number;
  /** heapUsed after − before seeding, after full GCs, divided by `seed`; null without --expose-gc. */
  bytesPerLink: number | null;
}

export interface Host extends HostInfo {
  close(): Promise<void>;
}

function seedLinks(state: SandboxState, owner: Tenant, count: number): void {
  const createdAt = state.now();
  for (let i = 0; i < count; i++) {
    state.links.add({
      owner,
      amount: 100 + (i % 99_999),
      note: `Invoice ${i}`, // distinct notes, as real ones are: their strings count in the memory figure
      createdAt: createdAt + i,
      split: null,
      callbackUrl: '',
      paymentEndpoint: '',
      cancellable: true,
    });
  }
}

function heapAfterGc(gc: () => void): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

export async function hostServer(options: HostOptions): Promise<Host> {
  if (options.kind === 'bare') {
    const bare = await startBareServer({ port: 0 });
    // The bare server ignores keys; a well-formed one keeps the requests identical to the sandbox's.
    const key = 'B'.repeat(32);
    return {
      kind: 'bare',
      url: bare.url,
      token: key,
      listToken: key,
      seeded: 0,
      seedMs: 0,
      bytesPerLink: null,
      close: bare.close,
    };
  }
  const sandbox = await startSandbox({ port: 0 });
  const { state } = sandbox;
  const writer = state.tenants.create();
  const lister = state.tenants.create();
  const gc = (globalThis as { gc?: () => void }).gc;
  const before = gc ? heapAfterGc(gc) : 0;
  const started = performance.now();
  seedLinks(state, lister.tenant, options.seed);
  const seedMs = performance.now() - started;
  const bytesPerLink = gc && options.seed > 0 ? (heapAfterGc(gc) - before) / options.seed : null;
  return {
    kind: 'sandbox',
    url: sandbox.url,
    token: writer.apiKey,
    listToken: lister.apiKey,
    seeded: options.seed,
    seedMs,
    bytesPerLink,
    close: sandbox.close,
  };
}
