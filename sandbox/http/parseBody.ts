/**
 * Turns raw bytes into the object a schema validates, by content type: form-urlencoded (decoded by
 * the schema, see core/formBody.ts) or JSON (must be an object). Anything else is a clear 400.
 */
import { decodeForm } from '../../core/formBody.ts';
import { mediaTypeOf as coreMediaTypeOf } from '../../core/mediaType.ts';
import type { JsonSchema } from '../../core/spec.ts';
import { invalid } from '../errors.ts';

export const FORM = 'application/x-www-form-urlencoded';
export const JSON_TYPE = 'application/json';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Bodies are UTF-8 (JSON requires it; forms are sent so by every client the docs show). Another
 * declared charset, or bytes that are not UTF-8, would turn a note into mojibake with a 200.
 */
export function assertUtf8Charset(header: string | undefined): void {
  if (!header || header === FORM || header === JSON_TYPE) return;
  const match = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(header);
  const charset = match?.[1]?.toLowerCase();
  if (charset && charset !== 'utf-8' && charset !== 'utf8')
    throw invalid(`charset ${match![1]} is not accepted: send UTF-8`);
}

function decodeUtf8(raw: Buffer): string {
  try {
    return utf8.decode(raw);
  } catch {
    throw invalid('the body is not valid UTF-8');
  }
}

/** core/mediaType.ts's reading, undefined without a header; the two usual headers skip the parsing (hot path). */
export function mediaTypeOf(header: string | undefined): string | undefined {
  if (!header) return undefined;
  if (header === FORM || header === JSON_TYPE) return header;
  return coreMediaTypeOf(header);
}

export function parseBody(
  raw: Buffer,
  mediaType: string | undefined,
  schema: JsonSchema,
  jsonFields: readonly string[],
): Record<string, unknown> {
  if (raw.length === 0) return {};
  if (mediaType === FORM) {
    const decoded = decodeForm(new URLSearchParams(decodeUtf8(raw)), schema, jsonFields);
    if (!decoded.ok) throw invalid(decoded.message);
    return decoded.value;
  }
  if (mediaType === JSON_TYPE) {
    let value: unknown;
    try {
      value = JSON.parse(decodeUtf8(raw));
    } catch {
      throw invalid('the body is not valid JSON');
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      throw invalid('the JSON body must be an object');
    return value as Record<string, unknown>;
  }
  throw invalid(`Content-Type ${mediaType ?? '(none)'} is not accepted: send ${FORM} or ${JSON_TYPE}`);
}
