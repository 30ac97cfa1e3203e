/**
 * Reading answers: the JSON envelope of a response (parsed once per response, since several checks
 * read it) and the checks every successful answer must pass.
 */
import type { Check, PlanReply, ResponseLike } from './types.ts';

export type Json = Record<string, unknown>;

let lastResponse: ResponseLike | undefined;
let lastBody: Json | undefined;

/** The body as a JSON object, or undefined. Checks of one response run one after another, so a one-entry cache suffices. */
export function bodyOf(response: ResponseLike): Json | undefined {
  if (response === lastResponse) return lastBody;
  lastResponse = response;
  lastBody = undefined;
  if (typeof response.body === 'string' && response.body !== '') {
    try {
      const parsed: unknown = JSON.parse(response.body);
      if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) lastBody = parsed as Json;
    } catch {
      lastBody = undefined;
    }
  }
  return lastBody;
}

export function dataOf(response: ResponseLike): unknown {
  return bodyOf(response)?.data;
}

/** The checks of every success: status 200 and the success envelope (ResponseCode 1, Result "True"). */
export function successChecks(operation: string): Check<unknown>[] {
  return [
    { name: `${operation} status is 200`, test: (r) => r.status === 200 },
    {
      name: `${operation} envelope is a success`,
      test: (r) => {
        const body = bodyOf(r);
        return body?.ResponseCode === 1 && body.Result === 'True';
      },
    },
  ];
}

/** Check lists per operation, for `Scenario.checksFor`; an operation the scenario never calls has none. */
export function checkTable<Seed>(
  operations: readonly string[],
  make: (operation: string) => Check<Seed>[],
): (operation: string) => readonly Check<Seed>[] {
  const table: Record<string, readonly Check<Seed>[]> = {};
  for (const operation of operations) table[operation] = [...successChecks(operation), ...make(operation)];
  return (operation) => table[operation] ?? [];
}

/**
 * Seeding and cleanup must not go on after a failed call: the answer would not mean what the plan
 * assumes, and a cleanup that silently skips links leaves them behind unreported.
 */
export function expectOk(reply: PlanReply, what: string, stage: 'seeding' | 'cleanup' = 'seeding'): Json {
  let body: Json | undefined;
  try {
    body = JSON.parse(reply.body) as Json;
  } catch {
    body = undefined;
  }
  if (reply.status !== 200 || body === undefined) {
    const reason =
      typeof body?.error === 'string' ? `${body.error}: ${String(body.errorMessage)}` : 'no JSON';
    throw new Error(`${stage}: ${what} answered ${reply.status} (${reason})`);
  }
  return body;
}

/** `body.data` as an object with the given keys, or an error naming what was missing. */
export function dataObject(body: Json, what: string, keys: readonly string[]): Json {
  const data = body.data as Json | undefined;
  for (const key of keys) {
    if (data === undefined || data === null || data[key] === undefined) {
      throw new Error(`seeding: ${what} answered without data.${key}`);
    }
  }
  return data as Json;
}
