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
    Record<
      string,
      {
        requestBody?: {
          content: Record<
            string,
            { schema: JsonSchema; encoding?: Record<string, { contentType?: string }> }
          >;
        };
      }
    >
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
  const form = content?.[FORM];
  if (!form) throw new Error(`spec/sandbox.yaml documents no body for POST ${path}`);
  assertUtf8Charset(contentType);
  // A form carries an array (createTenant's payment_endpoints) as one field of JSON text, as its `encoding` says.
  const jsonFields = Object.entries(form.encoding ?? {})
    .filter(([, encoding]) => encoding.contentType === 'application/json')
    .map(([name]) => name);
  const schema = form.schema;
  const body = parseBody(raw, mediaTypeOf(contentType), schema, jsonFields);
  let validate = validators.get(path);
  if (!validate) {
    validate = schemaValidator(schema);
    validators.set(path, validate);
  }
  // Compiled from the schema the generated types come from: passing it makes the body a ControlBody.
  if ((validate as ValidateFunction<ControlBody<P>>)(body)) return body;
  throw invalid(describeErrors(validate.errors));
}
