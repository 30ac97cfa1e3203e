/**
 * What every operation handler gets and gives: the validated body in, the envelope's parts out.
 * Bodies are typed from the generated spec types; the request validator (http/readRequest.ts) is
 * compiled from the same spec, so after it a body has exactly this shape.
 */
import type { OperationId } from '../../core/spec.ts';
import type { operations } from '../../generated/secpaid.d.ts';
import type { SandboxState } from '../state.ts';
import type { Tenant } from '../store/tenants.ts';

/**
 * The request fields whose schema has a `default`: the validator fills them in (ajv's
 * useDefaults), so a handler always has them. defaultedFields.test.ts holds this to the spec.
 */
export const defaultedFields = {
  createLink: [],
  createSplitLink: ['split_type'],
  getPayInTransactions: ['page', 'limit'],
  getPayOutTransactions: ['page', 'limit'],
  getMyUnusedLinks: ['limit'],
  getMyUsedLinks: ['limit'],
  deleteLink: [],
} as const satisfies Record<OperationId, readonly string[]>;

/** The body the spec documents for an operation (form and JSON share one schema in this spec). */
type DocumentedBody<Op extends OperationId> = NonNullable<
  operations[Op]['requestBody']
>['content']['application/json'];

type Defaulted<Op extends OperationId> = (typeof defaultedFields)[Op][number] & keyof DocumentedBody<Op>;

/** A body as a handler receives it: documented, validated, defaults filled in. */
export type ApiBody<Op extends OperationId> = DocumentedBody<Op> &
  Required<Pick<DocumentedBody<Op>, Defaulted<Op>>>;

export interface HandlerContext<Op extends OperationId> {
  state: SandboxState;
  tenant: Tenant;
  body: ApiBody<Op>;
}

export interface HandlerResult {
  message: string;
  data?: unknown;
  totalRecords?: number;
}

export type Handler<Op extends OperationId> = (ctx: HandlerContext<Op>) => HandlerResult;

/** operationId → its handler; the spec's operationIds name everything. */
export type HandlerTable = { [Op in OperationId]: Handler<Op> };
