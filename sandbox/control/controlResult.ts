/** What a control route answers: a status and a JSON body (`{ data }`, or the API's error body). */
export type ControlResult = { status: number; body: unknown; headers?: Record<string, string> };

/** 409: the request is understood, but the state of what it names does not allow it. */
export function conflict(message: string): ControlResult {
  return { status: 409, body: { error: 'Conflict', errorMessage: message } };
}
