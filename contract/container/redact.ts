/**
 * Container logs are printed when a test fails and may carry API keys or secrets a backend
 * logged. Values we passed in as secrets (--image-env KEY=... whose key sounds secret, SECPAID_*
 * tokens) are masked, and so is anything a line presents as a token: `token <value>`,
 * `token: <value>`, `token="<value>"`, and a labelled form such as the sandbox's
 * `demo recipient token (for createSplitLink): rcpt-…`.
 */
const secretKey = /token|secret|password|passwd|key|credential/i;
/** `token`, optionally quoted and followed by `:` or `=`, then a key-shaped value (16+ letters/digits). */
const tokenThenKey = /(\btoken["']?\s*[:=]?\s*["']?)[A-Za-z0-9][A-Za-z0-9_-]{15,}/gi;
/** `token <a short label>: <value>`: whatever follows the colon up to a space, quote or `&`. */
const labelledToken = /(\btoken\b[^:=\n]{0,60}[:=]\s*["']?)(?!<redacted>)[^\s"',;&]{8,}/gi;

export function secretValues(env: Record<string, string | undefined>): string[] {
  return Object.entries(env)
    .filter(([name, value]) => secretKey.test(name) && value !== undefined && value.length >= 4)
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

export function redact(text: string, secrets: string[]): string {
  let result = text;
  // Known secrets first, longest first, so a secret containing another is replaced whole.
  for (const secret of [...secrets].sort((a, b) => b.length - a.length))
    result = result.split(secret).join('<redacted>');
  return result.replace(tokenThenKey, '$1<redacted>').replace(labelledToken, '$1<redacted>');
}
