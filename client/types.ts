/**
 * The client's types, all derived from the generated `operations` so a spec change shows up as a
 * compile error at every call site instead of a silent mismatch.
 */
import type { OperationId } from '../core/spec.ts';
import type { components, operations } from '../generated/secpaid.d.ts';

/** The body an operation takes; form and JSON share one schema in this spec. */
export type SecPaidRequest<Id extends OperationId> = NonNullable<
  operations[Id]['requestBody']
>['content']['application/json'];

type Responses<Id extends OperationId> = operations[Id]['responses'];

/** The 200 envelope of an operation. */
export type SecPaidSuccessBody<Id extends OperationId> = Responses<Id>[200]['content']['application/json'];

/** Every status the spec documents for an operation besides 200 (201 is UserNotFound, an error). */
export type SecPaidErrorStatus<Id extends OperationId> = Exclude<keyof Responses<Id>, 200> & number;

export type ErrorResponse = components['schemas']['ErrorResponse'];

interface ResultBase {
  /** Response headers (e.g. Retry-After on 429). */
  headers: Headers;
  /** The response body exactly as received (its start only when `bodyCut` says so). */
  bodyText: string;
  /** From sending the request to having read the whole response body. */
  durationMs: number;
}

/** 200: the operation's envelope (typed per the spec; not validated, see core/validators.ts). */
export interface SecPaidSuccess<Id extends OperationId> extends ResultBase {
  ok: true;
  documented: true;
  status: 200;
  body: SecPaidSuccessBody<Id>;
}

/** A documented error status (including 201 UserNotFound) with a JSON body. */
export interface SecPaidFailure<Id extends OperationId> extends ResultBase {
  ok: false;
  documented: true;
  status: SecPaidErrorStatus<Id>;
  body: ErrorResponse;
}

/**
 * A status the spec does not document for this operation, or a body that is not JSON. Kept apart
 * so callers cannot read an unexpected answer as a typed one; `body` is the parsed JSON or the text.
 */
export interface SecPaidUndocumented extends ResultBase {
  ok: false;
  documented: false;
  status: number;
  body: unknown;
  /**
   * Why `bodyText` is only the start of the body (over the client's `maxBodyBytes`, endless, or
   * still arriving at `timeoutMs`: core/boundedBody.ts); `body` is then that text, unparsed.
   */
  bodyCut?: string;
}

export type SecPaidResult<Id extends OperationId> =
  | SecPaidSuccess<Id>
  | SecPaidFailure<Id>
  | SecPaidUndocumented;

export type BodyFormat = 'form' | 'json';

/** Per-call options. A header set to null is removed (e.g. `{ token: null }` to test a missing key). */
export interface CallOptions {
  headers?: Record<string, string | null>;
  signal?: AbortSignal;
  bodyFormat?: BodyFormat;
}

/** Operations whose request body is optional in the spec may be called without one. */
export type CallArgs<Id extends OperationId> = undefined extends operations[Id]['requestBody']
  ? [body?: SecPaidRequest<Id>, options?: CallOptions]
  : [body: SecPaidRequest<Id>, options?: CallOptions];

/**
 * A body sent exactly as given, for tests of malformed input (wrong content type, bad JSON, another
 * method...): no Content-Type unless `contentType`.
 */
export interface RawBody {
  /** Left out: no body at all. */
  body?: string | Uint8Array;
  contentType?: string;
  /** Default POST. */
  method?: string;
}

export type OperationMethods = {
  [Id in OperationId]: (...args: CallArgs<Id>) => Promise<SecPaidResult<Id>>;
};
