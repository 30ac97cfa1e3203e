/** What every operation handler gets and gives: a validated body in, the envelope's parts out. */
import type { SandboxState } from '../state.ts';
import type { Tenant } from '../store/tenants.ts';

export interface HandlerContext {
  state: SandboxState;
  tenant: Tenant;
  // Validated against the operation's request schema (defaults applied) before the handler runs.
  // biome-ignore lint/suspicious/noExplicitAny: each handler reads the fields its schema guarantees.
  body: Record<string, any>;
}

export interface HandlerResult {
  message: string;
  data?: unknown;
  totalRecords?: number;
}

export type Handler = (ctx: HandlerContext) => HandlerResult;
