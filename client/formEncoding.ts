/**
 * Writes a request body as `application/x-www-form-urlencoded`, the way core/formBody.ts reads it
 * back: numbers as plain decimal text, booleans as `true`/`false`, and the fields the spec's
 * `encoding` marks `application/json` (createSplitLink's `recipients`) as ONE field of JSON text.
 */

/** Plain decimal text: `String(1e-7)` would be "1e-7", which the API rejects as an exponent. */
export function decimalText(value: number): string {
  const text = String(value);
  if (!Number.isFinite(value) || !/e/i.test(text)) return text;
  return value.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 20 });
}

function fieldText(value: unknown, asJson: boolean): string {
  if (asJson) return JSON.stringify(value);
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
      return decimalText(value);
    case 'boolean':
    case 'bigint':
      return String(value);
    default:
      // A form cannot say null, and the spec has no object fields outside `encoding`: such values
      // only appear in deliberately wrong bodies, so send them visibly rather than as "[object Object]".
      return value === null ? '' : JSON.stringify(value);
  }
}

/**
 * Encodes `body` in its own key order; `undefined` fields are left out (as JSON.stringify does).
 * `jsonFields` are the spec's JSON-encoded form fields for the operation.
 */
export function encodeFormBody(body: Record<string, unknown>, jsonFields: readonly string[]): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(body)) {
    if (value === undefined) continue;
    params.append(name, fieldText(value, jsonFields.includes(name)));
  }
  return params.toString();
}
