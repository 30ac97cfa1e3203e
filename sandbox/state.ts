/** Everything the sandbox remembers, in one object an app instance owns (tests get a fresh one). */
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
}

export function createState(options: { publicBaseUrl: string; now?: () => number }): SandboxState {
  return {
    tenants: new TenantStore(),
    links: new LinkStore(),
    faults: new FaultQueue(),
    nextPayoutId: 1,
    now: options.now ?? Date.now,
    publicBaseUrl: options.publicBaseUrl,
  };
}
