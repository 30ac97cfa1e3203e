/**
 * Validates k6-operator TestRun manifests against the CRD schema committed in schema/ (its header
 * names the release). A CRD's openAPIV3Schema is an OpenAPI v3 structural schema, which ajv reads as
 * JSON Schema once two things are said:
 * - the `x-kubernetes-*` keywords steer the API server (list merging, int-or-string), not validation
 *   of a manifest's shape: they are accepted and ignored;
 * - an object with `properties` is closed: `kubectl apply` validates fields strictly by default and
 *   refuses a field the schema does not name, unless the schema allows more (additionalProperties or
 *   x-kubernetes-preserve-unknown-fields). A misspelled `paralelism` then fails here as it would there.
 * Formats int32 and int64 are checked as ranges; date-time comes from ajv-formats.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { type ErrorObject } from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';

export const crdSchemaFile = join(import.meta.dirname, 'schema', 'testrun-k6-operator-v1.6.0.yaml');

const kubernetesKeywords = [
  'x-kubernetes-embedded-resource',
  'x-kubernetes-int-or-string',
  'x-kubernetes-list-map-keys',
  'x-kubernetes-list-type',
  'x-kubernetes-map-type',
  'x-kubernetes-preserve-unknown-fields',
  'x-kubernetes-validations',
];

type SchemaNode = { [keyword: string]: unknown };

const isNode = (value: unknown): value is SchemaNode =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The schema with every object that names its properties closed, as strict field validation reads it. */
export function closeObjects(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(closeObjects);
  if (!isNode(node)) return node;
  const copy: SchemaNode = {};
  for (const [key, value] of Object.entries(node)) {
    copy[key] =
      key === 'properties' && isNode(value)
        ? Object.fromEntries(Object.entries(value).map(([name, child]) => [name, closeObjects(child)]))
        : closeObjects(value);
  }
  const open = 'additionalProperties' in node || node['x-kubernetes-preserve-unknown-fields'] === true;
  if (isNode(node.properties) && !open) copy.additionalProperties = false;
  return copy;
}

function integerFormat(bits: 32 | 64) {
  const limit = 2 ** (bits - 1);
  return {
    type: 'number' as const,
    validate: (n: number) => Number.isInteger(n) && n >= -limit && n < limit,
  };
}

export function testRunValidator() {
  const ajv = new Ajv.default({ strict: true, strictTypes: false, allErrors: true });
  addFormats.default(ajv, ['date-time']);
  ajv.addFormat('int32', integerFormat(32));
  ajv.addFormat('int64', integerFormat(64));
  ajv.addVocabulary(kubernetesKeywords);
  return ajv.compile(closeObjects(parse(readFileSync(crdSchemaFile, 'utf8'))) as SchemaNode);
}

/** "/spec/parallelism must be integer; /spec: must NOT have additional property paralelism". */
export function describeSchemaErrors(errors: ErrorObject[] | null | undefined): string {
  return (errors ?? [])
    .map((e) =>
      e.keyword === 'additionalProperties'
        ? `${e.instancePath || '/'}: must NOT have additional property ${String(e.params.additionalProperty)}`
        : `${e.instancePath || '/'} ${e.message ?? e.keyword}`,
    )
    .join('; ');
}
