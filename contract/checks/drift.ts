/**
 * Drift: fields a response carries that its schema does not name. The spec lets extra fields
 * through (a server may grow), so they are warnings, not failures; listing them lets a team see an
 * undocumented change before its users do. The walk follows allOf/oneOf/anyOf (their properties
 * together are what the spec knows) and array items; paths read `data[].x_debug`.
 */
import type { JsonSchema } from '../../core/spec.ts';
import { isRecord } from './types.ts';

const maxDepth = 24;

function flatten(schema: unknown, depth = 0): JsonSchema[] {
  if (!isRecord(schema) || depth > maxDepth) return [];
  const found: JsonSchema[] = [schema];
  for (const keyword of ['allOf', 'oneOf', 'anyOf']) {
    const branches = schema[keyword];
    if (Array.isArray(branches)) for (const branch of branches) found.push(...flatten(branch, depth + 1));
  }
  return found;
}

function opensAnyKey(schemas: JsonSchema[]): boolean {
  // A map-like schema (`additionalProperties: {…}` or patternProperties) documents every key.
  return schemas.some((s) => isRecord(s.additionalProperties) || isRecord(s.patternProperties));
}

function walk(schema: unknown, value: unknown, path: string, out: Set<string>, depth: number): void {
  if (depth > maxDepth) return;
  const schemas = flatten(schema);
  if (Array.isArray(value)) {
    const items = schemas.map((s) => s.items).filter((s) => s !== undefined);
    if (items.length === 0) return;
    for (const element of value) walk({ allOf: items }, element, `${path}[]`, out, depth + 1);
    return;
  }
  if (!isRecord(value) || opensAnyKey(schemas)) return;
  for (const [key, child] of Object.entries(value)) {
    const subschemas = schemas
      .map((s) => (isRecord(s.properties) ? s.properties[key] : undefined))
      .filter((s) => s !== undefined);
    const childPath = path ? `${path}.${key}` : key;
    if (subschemas.length === 0) out.add(childPath);
    else walk({ allOf: subschemas }, child, childPath, out, depth + 1);
  }
}

/** The property paths of `value` that `schema` does not know, sorted. */
export function unknownFields(schema: JsonSchema | undefined, value: unknown): string[] {
  if (!schema) return [];
  const out = new Set<string>();
  walk(schema, value, '', out, 0);
  return [...out].sort();
}
