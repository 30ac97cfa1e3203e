/**
 * Turns raw bytes into the object a schema validates, by content type: form-urlencoded (decoded by
 * the schema, see core/formBody.ts) or JSON (must be an object). Anything else is a clear 400.
 */
import { decodeForm } from '../../core/formBody.ts';
import type { JsonSchema } from '../../core/spec.ts';
import { invalid } from '../errors.ts';

export const FORM = 'application/x-www-form-urlencoded';
export const JSON_TYPE = 'application/json';

export function mediaTypeOf(header: string | undefined): string | undefined {
  if (!header) return undefined;
  if (header === FORM || header === JSON_TYPE) return header;
  return header.split(';', 1)[0]!.trim().toLowerCase();
}

export function parseBody(
  raw: Buffer,
  mediaType: string | undefined,
  schema: JsonSchema,
  jsonFields: readonly string[],
): Record<string, unknown> {
  if (raw.length === 0) return {};
  if (mediaType === FORM) {
    const decoded = decodeForm(new URLSearchParams(raw.toString('utf8')), schema, jsonFields);
    if (!decoded.ok) throw invalid(decoded.message);
    return decoded.value;
  }
  if (mediaType === JSON_TYPE) {
    let value: unknown;
    try {
      value = JSON.parse(raw.toString('utf8'));
    } catch {
      throw invalid('the body is not valid JSON');
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      throw invalid('the JSON body must be an object');
    return value as Record<string, unknown>;
  }
  throw invalid(`Content-Type ${mediaType ?? '(none)'} is not accepted: send ${FORM} or ${JSON_TYPE}`);
}
