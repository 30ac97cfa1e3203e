/**
 * Container logs are printed when a test fails and may carry API keys or secrets a backend
 * logged. Values we passed in as secrets (--image-env KEY=... whose key sounds secret, SECPAID_*
 * tokens) are masked, and so is anything a line presents as a token: `token <value>`,
 * `token: <value>`, `token="<value>"`, and a labelled form such as the sandbox's
 * `demo recipient token (for createSplitLink): rcpt-…`. The redactor and its marker are the one
 * every report uses (core/redact.ts).
 */
import { makeRedactor, secretName } from '../../core/redact.ts';

export function secretValues(env: Record<string, string | undefined>): string[] {
  return Object.entries(env)
    .filter(([name, value]) => secretName.test(name) && value !== undefined && value.length >= 4)
    .map(([, value]) => value as string);
}

/**
 * The last `max` characters of a log, from a line start: a line cut in its middle could begin with
 * the tail of a token, which no pattern would recognise once the word `token` is cut away.
 */
export function logTail(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(-max);
  return cut.slice(cut.indexOf('\n') + 1);
}

/** A container log with the given secrets (4 characters or more: we passed them in) and token-shaped values masked. */
export function redact(text: string, secrets: string[]): string {
  return makeRedactor(secrets, { minSecretLength: 4, freeText: true })(text);
}
