/**
 * Container logs are printed when a test fails and may carry API keys or secrets a backend
 * logged. Values we passed in as secrets (--image-env KEY=... whose key sounds secret, SECPAID_*
 * tokens) and anything shaped like `token: <16-64 letters/digits>` are masked before printing.
 */
const secretKey = /token|secret|password|passwd|key|credential/i;
const tokenAssignment = /(\btoken["']?\s*[:=]?\s*["']?)[A-Za-z0-9]{16,64}/gi;

export function secretValues(env: Record<string, string | undefined>): string[] {
  return Object.entries(env)
    .filter(([name, value]) => secretKey.test(name) && value !== undefined && value.length >= 4)
    .map(([, value]) => value as string);
}

export function redact(text: string, secrets: string[]): string {
  let result = text.replace(tokenAssignment, '$1<redacted>');
  for (const secret of secrets) result = result.split(secret).join('<redacted>');
  return result;
}
