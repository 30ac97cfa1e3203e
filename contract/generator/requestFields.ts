/**
 * The fields of an operation's request body, read from the bundled spec's request schema alone:
 * every property, and inside an array of objects every property of its items (at index 0). Each
 * field keeps its own schema, so a constraint added in `spec/` is exercised without new code.
 */
import { type JsonSchema, type OperationId, operations } from '../../core/spec.ts';

export type FieldPath = readonly (string | number)[];

export interface RequestField {
  /** Where the value sits in a body: `['recipients', 0, 'share']`. */
  path: FieldPath;
  /** How reports name it: `recipients[].share`. */
  name: string;
  schema: JsonSchema;
  /** Required by the object that holds it. */
  required: boolean;
}

export function fieldName(path: FieldPath): string {
  return path
    .map((part) => (typeof part === 'number' ? '[]' : part))
    .join('.')
    .replace(/\.\[\]/g, '[]');
}

function objectFields(schema: JsonSchema, prefix: FieldPath): RequestField[] {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((schema.required ?? []) as string[]);
  const fields: RequestField[] = [];
  for (const [name, property] of Object.entries(properties)) {
    const path = [...prefix, name];
    fields.push({ path, name: fieldName(path), schema: property, required: required.has(name) });
    const items = property.items as JsonSchema | undefined;
    if (property.type === 'array' && items?.type === 'object')
      fields.push(...objectFields(items, [...path, 0]));
  }
  return fields;
}

/** The request schema of an operation (form and JSON share one in this spec). */
export function requestSchema(operationId: OperationId): JsonSchema {
  const schemas = operations[operationId].requestSchemas;
  const schema = schemas['application/x-www-form-urlencoded'] ?? schemas['application/json'];
  if (!schema) throw new Error(`spec: ${operationId} documents no request body schema`);
  return schema;
}

export function requestFields(operationId: OperationId): RequestField[] {
  return objectFields(requestSchema(operationId), []);
}

/** A copy of `body` with the value at `path` replaced (or removed, for `undefined`). */
export function withValue(
  body: Record<string, unknown>,
  path: FieldPath,
  value: unknown,
): Record<string, unknown> {
  const copy = structuredClone(body);
  let holder: Record<string | number, unknown> = copy;
  for (const part of path.slice(0, -1)) holder = holder[part] as Record<string | number, unknown>;
  const last = path.at(-1)!;
  if (value === undefined) delete holder[last];
  else holder[last] = value;
  return copy;
}
