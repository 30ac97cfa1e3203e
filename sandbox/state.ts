/** Everything the sandbox remembers, in one object an app instance owns (tests get a fresh one). */
import { FaultQueue } from './faults.ts';
import { LinkStore } from './store/links.ts';
import { TenantStore } from './store/tenants.ts';
import { Notifier } from './webhooks/notifier.ts';
import { type WebhookOptions, webhookSettings } from './webhooks/settings.ts';

export interface SandboxState {
  tenants: TenantStore;
  links: LinkStore;
  faults: FaultQueue;
  /** The payment notifications it sends and their log; closed with the sandbox (its retries are timers). */
  notifier: Notifier;
  nextPayoutId: number;
  now: () => number;
  /** Base of pay_link URLs, e.g. http://127.0.0.1:4010. */
  publicBaseUrl: string;
}

/** Throws a RangeError for webhook options out of range (settings.ts). */
export function createState(options: {
  publicBaseUrl: string;
  now?: () => number;
  webhooks?: WebhookOptions;
}): SandboxState {
  const now = options.now ?? Date.now;
  return {
    tenants: new TenantStore(),
    links: new LinkStore(),
    faults: new FaultQueue(),
    notifier: new Notifier(webhookSettings(options.webhooks), now),
    nextPayoutId: 1,
    now,
    publicBaseUrl: options.publicBaseUrl,
  };
}
