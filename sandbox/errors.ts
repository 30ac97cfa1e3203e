/**
 * The one catalogue of errors. Every error leaves the sandbox in the same body: the seed's
 * `{ error, errorMessage }` and the public docs' envelope (`ResponseCode` 0, `ResponseMsg`,
 * `Result` "False", `ServerTime`), so clients written against either document can read it.
 */

export const errorCatalogue = {
  UserNotFound: { status: 201, message: 'No user found with the provided API key.' },
  InvalidParameters: { status: 400, message: 'The provided parameters are invalid.' },
  Unauthorized: { status: 401, message: 'Invalid API key or token.' },
  Forbidden: { status: 403, message: 'You do not have permission to access this resource.' },
  NotFound: { status: 404, message: 'Invalid link ID' },
  TooManyRequests: { status: 429, message: 'Too many requests, retry after the window resets.' },
  // Outside the API's documented statuses (DECISIONS.md D-OUTSIDE): a method other than POST.
  MethodNotAllowed: { status: 405, message: 'Use POST.' },
  // The control API's only (spec/sandbox.yaml): paying a link that is not Unused, redelivering one never sent.
  Conflict: { status: 409, message: 'The state of what the request names does not allow it.' },
  InternalServerError: { status: 500, message: 'An unexpected error occurred. Please try again later.' },
} as const;

export type ErrorCode = keyof typeof errorCatalogue;

export class ApiError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    detail?: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(detail ?? errorCatalogue[code].message);
    this.status = errorCatalogue[code].status;
  }
}

export const invalid = (detail: string): ApiError => new ApiError('InvalidParameters', detail);

export function errorCodeForStatus(status: number): ErrorCode {
  const found = (Object.keys(errorCatalogue) as ErrorCode[]).find(
    (code) => errorCatalogue[code].status === status,
  );
  if (!found) throw new Error(`no documented error has status ${status}`);
  return found;
}

export function errorBody(error: ApiError, serverTime: string): Record<string, unknown> {
  return {
    error: error.code,
    errorMessage: error.message,
    ResponseCode: 0,
    ResponseMsg: error.message,
    Result: 'False',
    ServerTime: serverTime,
  };
}
