/**
 * Response headers the spec documents for the status (429's `Retry-After`): when sent, or when
 * required, they must match their schema.
 */
import { schemaValidator } from '../../core/validators.ts';
import { documentedHeaders } from './documented.ts';
import { type Check, headerValue } from './types.ts';

const integerText = /^-?[0-9]+$/;

export const headerConformance: Check = {
  name: 'headerConformance',
  run: (ex) => {
    const failures: string[] = [];
    for (const [name, header] of Object.entries(documentedHeaders(ex.operationId, ex.status))) {
      const text = headerValue(ex.headers, name);
      if (text === undefined) {
        if (header.required)
          failures.push(`received no ${name} header / documented: required with ${ex.status}`);
        continue;
      }
      if (!header.schema) continue;
      // Header values are text; read integers as numbers the way the schema means them.
      const type = header.schema.type;
      const value = (type === 'integer' || type === 'number') && integerText.test(text) ? Number(text) : text;
      const validate = schemaValidator(header.schema);
      if (!validate(value)) {
        failures.push(`received ${name}: ${text} / documented: ${JSON.stringify(header.schema)}`);
      }
    }
    return failures;
  },
};
