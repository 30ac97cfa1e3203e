/**
 * Before a run on keys from the environment: does the server take each key? A key it refuses would
 * turn every test into the same authentication failure, a hundred of them, none saying "wrong key".
 * So each key gets one read-only call first (getMyUnusedLinks, limit 1), and the answers that mean
 * "not this key" (D-AUTH) stop the run: 201 UserNotFound (well-formed, no account has it), 401
 * (malformed) and 403 (the account may not use the API). Any other answer, or none, is left to the
 * run itself, whose tests judge it.
 *
 * Messages name the variable, never the key, and quote the server's error name only when it is
 * one the spec documents, so nothing the server sends (it may echo the key) reaches the console.
 */
import { bodyLimits } from '../../core/boundedBody.ts';
import { apiDocument, operations } from '../../core/spec.ts';
import { targetFetch } from '../../core/targetFetch.ts';

export interface KeyToCheck {
  /** The environment variable the key came from: all a message may say about it. */
  variable: string;
  token: string;
}

/** What each refusing status means for the person who set the key (D-AUTH). */
const meaning: Record<number, string> = {
  201: 'no account has this key',
  401: 'not a valid key (malformed, or cut short)',
  403: "the key's account may not use the API (suspended?)",
};

const documentedErrors = new Set(
  (
    apiDocument as unknown as {
      components: { schemas: { ErrorResponse: { properties: { error: { enum: string[] } } } } };
    }
  ).components.schemas.ErrorResponse.properties.error.enum,
);

/** A small error body is all a refusal needs; a probe must not wait on a slow server for long. */
const probeLimits = bodyLimits({ capBytes: 64 * 1024, deadlineMs: 10_000, headDeadlineMs: 10_000 });

/** The error name of a refusal's body, when it is a documented one. */
async function errorName(response: Response): Promise<string | undefined> {
  const body = (await response.json().catch(() => undefined)) as { error?: unknown } | undefined;
  const name = body?.error;
  return typeof name === 'string' && documentedErrors.has(name) ? name : undefined;
}

/** "HTTP 201 UserNotFound: no account has this key", or undefined when the key was not refused. */
async function refusal(baseUrl: string, token: string): Promise<string | undefined> {
  const { path } = operations.getMyUnusedLinks;
  let response: Response;
  try {
    response = await targetFetch(
      baseUrl,
      undefined,
      probeLimits,
    )(`${baseUrl}${path}`, {
      method: 'POST',
      headers: { token, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'limit=1',
    });
  } catch {
    return undefined;
  }
  const means = meaning[response.status];
  if (!means) {
    await response.body?.cancel().catch(() => {});
    return undefined;
  }
  const name = await errorName(response);
  return `HTTP ${response.status}${name ? ` ${name}` : ''}: ${means}`;
}

/**
 * The keys the server refuses, each as "VARIABLE (HTTP 201 UserNotFound: …)", checked at once; an
 * empty list when it takes them all.
 */
export async function refusedKeys(baseUrl: string, keys: KeyToCheck[]): Promise<string[]> {
  const answers = await Promise.all(keys.map((key) => refusal(baseUrl, key.token)));
  return keys.flatMap((key, i) => (answers[i] ? [`${key.variable} (${answers[i]})`] : []));
}
