/** Bodies of control requests, validated against spec/sandbox.yaml like API bodies are. */
import { type JsonSchema, sandboxDocument } from '../../core/spec.ts';
import { describeErrors, schemaValidator } from '../../core/validators.ts';
import { invalid } from '../errors.ts';
import { assertUtf8Charset, FORM, mediaTypeOf, parseBody } from '../http/parseBody.ts';

type ControlDocument = {
  paths: Record<
    string,
    Record<string, { requestBody?: { content: Record<string, { schema: JsonSchema }> } }>
  >;
};
const validators = new Map<string, ReturnType<typeof schemaValidator>>();

export function readControlBody(
  path: string,
  contentType: string | undefined,
  raw: Buffer,
): Record<string, unknown> {
  const content = (sandboxDocument as unknown as ControlDocument).paths[path]?.post?.requestBody?.content;
  const schema = content?.[FORM]?.schema;
  if (!schema) return {};
  assertUtf8Charset(contentType);
  const body = parseBody(raw, mediaTypeOf(contentType), schema, []);
  let validate = validators.get(path);
  if (!validate) {
    validate = schemaValidator(schema);
    validators.set(path, validate);
  }
  if (!validate(body)) throw invalid(describeErrors(validate.errors));
  return body;
}
