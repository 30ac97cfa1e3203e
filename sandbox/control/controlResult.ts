/** What a control route answers: a status and a JSON body (`{ data }`); errors are thrown as ApiError. */
import { ApiError } from '../errors.ts';

export type ControlResult = { status: number; body: unknown; headers?: Record<string, string> };

/** 409, to throw: the request is understood, but the state of what it names does not allow it. */
export function conflict(message: string): ApiError {
  return new ApiError('Conflict', message);
}
