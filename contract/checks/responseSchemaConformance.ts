/**
 * The body must be JSON and valid against the schema of the operation and status (ajv 2020 with
 * formats, every error listed). Each error names the place, what was received there and what the
 * spec documents, so one run says everything that is wrong with a body.
 */
import type { ErrorObject } from 'ajv/dist/2020.js';
import { responseValidator } from '../../core/validators.ts';
import { type Check, type CheckMessage, excerpt, kindOf, quoted, valueChars } from './types.ts';

const maxMessages = 12;

function valueAt(body: unknown, pointer: string): unknown {
  let value = body;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

function documented(error: ErrorObject): string {
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return 'required';
    case 'const':
      return JSON.stringify(p.allowedValue);
    case 'enum':
      return `one of ${JSON.stringify(p.allowedValues)}`;
    case 'type':
      return `type ${String(p.type)}`;
    case 'pattern':
      return `text matching ${String(p.pattern)}`;
    case 'format':
      return `format ${String(p.format)}`;
    default:
      return error.message ?? error.keyword;
  }
}

export function describeSchemaError(error: ErrorObject, body: unknown): string {
  // A path may hold keys of the answer (a map's): quoted like any received value.
  const where = error.instancePath ? excerpt(error.instancePath.slice(1), valueChars) : '(body)';
  if (error.keyword === 'required') {
    const missing = String((error.params as { missingProperty?: unknown }).missingProperty);
    return `${where === '(body)' ? missing : `${where}/${missing}`}: received nothing / documented: required`;
  }
  const value = valueAt(body, error.instancePath);
  return `${where}: received ${value === undefined ? 'nothing' : quoted(value)} / documented: ${documented(error)}`;
}

/**
 * The same error in any answer: the place with item numbers as `*`, the kind of value received,
 * and the rule: "data/amount: received an integer / documented: type string".
 */
export function schemaErrorSignature(error: ErrorObject, body: unknown): string {
  const place = (path: string) => path.replace(/\/\d+(?=\/|$)/g, '/*');
  const where = place(error.instancePath.slice(1));
  if (error.keyword === 'required') {
    const missing = String((error.params as { missingProperty?: unknown }).missingProperty);
    return `${where ? `${where}/` : ''}${missing}: missing / documented: required`;
  }
  const received = kindOf(valueAt(body, error.instancePath));
  return `${where || '(body)'}: received ${received} / documented: ${error.keyword === 'format' || error.keyword === 'type' || error.keyword === 'enum' || error.keyword === 'const' ? documented(error) : error.keyword}`;
}

export const responseSchemaConformance: Check<CheckMessage> = {
  name: 'responseSchemaConformance',
  run: (ex) => {
    const validate = responseValidator(ex.operationId, ex.status);
    // An undocumented status has no schema: statusCodeConformance reports it.
    if (!validate) return [];
    if (!ex.bodyIsJson)
      return [
        {
          message: `received a body that is not JSON: ${excerpt(ex.bodyText)} / documented: a JSON body`,
          signature: 'received a body that is not JSON / documented: a JSON body',
        },
      ];
    if (validate(ex.body)) return [];
    const seen = new Set<string>();
    const failures: CheckMessage[] = [];
    for (const error of validate.errors ?? []) {
      const message = `${ex.operationId} ${ex.status} schema: ${describeSchemaError(error, ex.body)}`;
      if (seen.has(message)) continue;
      seen.add(message);
      failures.push({
        message,
        signature: schemaErrorSignature(error, ex.body),
        schemaPath: error.schemaPath,
      });
    }
    const shown = failures.slice(0, maxMessages);
    if (failures.length > shown.length)
      shown.push({ message: `… and ${failures.length - shown.length} more schema errors`, rollup: true });
    return shown;
  },
};
