/** Everything the sandbox remembers, in one object an app instance owns (tests get a fresh one). */
import type { BrokenMode } from './broken/modes.ts';
import { FaultQueue } from './faults.ts';
import { LinkStore } from './store/links.ts';
import { TenantStore } from './store/tenants.ts';

export interface SandboxState {
  tenants: TenantStore;
  links: LinkStore;
  faults: FaultQueue;
  nextPayoutId: number;
  now: () => number;
  /** Base of pay_link URLs, e.g. http://127.0.0.1:4010. */
  publicBaseUrl: string;
  /** A deliberately broken variant (contract self-test), or undefined for the faithful server. */
  broken: BrokenMode | undefined;
}

export function createState(options: {
  publicBaseUrl: string;
  now?: () => number;
  broken?: BrokenMode;
}): SandboxState {
  return {
    tenants: new TenantStore(),
    links: new LinkStore(),
    faults: new FaultQueue(),
    nextPayoutId: 1,
    now: options.now ?? Date.now,
    publicBaseUrl: options.publicBaseUrl,
    broken: options.broken,
  };
}
