/** What the state oracle reads of one exchange, and small readings of it its checks share. */
import type { OperationId } from '../../core/spec.ts';
import type { LinkFact } from './runModel.ts';

export interface ObservedExchange {
  operationId: OperationId;
  /** The `token` header as sent (one value), or undefined. */
  token: string | undefined;
  /** The request body as fields (form values are text). */
  request: Record<string, unknown> | undefined;
  status: number;
  body: unknown;
  /** When the answer came (ms since the epoch); now when absent. */
  receivedAt?: number;
}

export type Item = Record<string, unknown>;

export const listOf = (body: unknown): Item[] | undefined => {
  const data = (body as { data?: unknown } | undefined)?.data;
  return Array.isArray(data) ? (data as Item[]) : undefined;
};

export const idOf = (item: Item, field: string) => Number(item[field]);

/** What the run did to a link, in words. */
export function describe(link: LinkFact): string {
  return { Unused: 'left unused', Used: 'paid', Cancelled: 'cancelled', Deleted: 'deleted' }[link.status];
}
