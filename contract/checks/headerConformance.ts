/**
 * Response headers the spec documents for the status (429's `Retry-After`): a required one must be
 * sent, and any that is sent must match its schema.
 */
import type { JsonSchema } from '../../core/spec.ts';
import { schemaValidator } from '../../core/validators.ts';
import { documentedHeaders } from './documented.ts';
import { type Check, type Exchange, excerpt, headerValue, valueChars } from './types.ts';

export type DocumentedHeaders = Record<string, { required?: boolean; schema?: JsonSchema }>;

const integerText = /^-?[0-9]+$/;

/** The failures of `headers` against the documented ones (a spec's, or one a test constructs). */
export function headerFailures(documented: DocumentedHeaders, headers: Exchange['headers'], status: number) {
  const failures: string[] = [];
  for (const [name, header] of Object.entries(documented)) {
    const text = headerValue(headers, name);
    if (text === undefined) {
      if (header.required) failures.push(`received no ${name} header / documented: required with ${status}`);
      continue;
    }
    if (!header.schema) continue;
    // Header values are text; read integers as numbers the way the schema means them.
    const type = header.schema.type;
    const value = (type === 'integer' || type === 'number') && integerText.test(text) ? Number(text) : text;
    const validate = schemaValidator(header.schema);
    if (!validate(value)) {
      failures.push(
        `received ${name}: ${excerpt(text, valueChars)} / documented: ${JSON.stringify(header.schema)}`,
      );
    }
  }
  return failures;
}

export const headerConformance: Check = {
  name: 'headerConformance',
  run: (ex) => headerFailures(documentedHeaders(ex.operationId, ex.status), ex.headers, ex.status),
};
