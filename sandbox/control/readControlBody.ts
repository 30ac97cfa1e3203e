/**
 * Bodies of control requests, validated against spec/sandbox.yaml like API bodies are, and typed
 * from the same spec (generated/sandbox.d.ts).
 */
import type { ValidateFunction } from 'ajv';
import { type JsonSchema, sandboxDocument } from '../../core/spec.ts';
import { describeErrors, schemaValidator } from '../../core/validators.ts';
import type { paths } from '../../generated/sandbox.d.ts';
import { invalid } from '../errors.ts';
import { assertUtf8Charset, FORM, mediaTypeOf, parseBody } from '../http/parseBody.ts';

type ControlDocument = {
  paths: Record<
    string,
    Record<string, { requestBody?: { content: Record<string, { schema: JsonSchema }> } }>
  >;
};

/** The control paths whose POST takes a body. */
export type ControlBodyPath = '/sandbox/tenants' | '/sandbox/payouts/run' | '/sandbox/faults';

/** A control body as the spec documents it (form and JSON share one schema). */
export type ControlBody<P extends ControlBodyPath> = NonNullable<
  paths[P]['post']['requestBody']
>['content']['application/json'];

const validators = new Map<string, ValidateFunction>();

export function readControlBody<P extends ControlBodyPath>(
  path: P,
  contentType: string | undefined,
  raw: Buffer,
): ControlBody<P> {
  const content = (sandboxDocument as unknown as ControlDocument).paths[path]?.post?.requestBody?.content;
  const schema = content?.[FORM]?.schema;
  if (!schema) throw new Error(`spec/sandbox.yaml documents no body for POST ${path}`);
  assertUtf8Charset(contentType);
  const body = parseBody(raw, mediaTypeOf(contentType), schema, []);
  let validate = validators.get(path);
  if (!validate) {
    validate = schemaValidator(schema);
    validators.set(path, validate);
  }
  // Compiled from the schema the generated types come from: passing it makes the body a ControlBody.
  if ((validate as ValidateFunction<ControlBody<P>>)(body)) return body;
  throw invalid(describeErrors(validate.errors));
}
