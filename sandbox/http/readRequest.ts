/**
 * Reads and validates an API request body against the operation's schema from the spec, with the
 * schema's defaults applied. What a handler receives has already passed the spec. Parsing and
 * validating are separate steps so a variant of the app can put something between them.
 */

import type { ValidateFunction } from 'ajv';
import { type OperationId, operations } from '../../core/spec.ts';
import { describeErrors, requestValidator } from '../../core/validators.ts';
import { invalid } from '../errors.ts';
import type { ApiBody } from '../handlers/types.ts';
import { assertUtf8Charset, FORM, JSON_TYPE, mediaTypeOf, parseBody } from './parseBody.ts';

/** A body as parsed from its media type, not yet held to the schema. */
export interface ParsedRequest {
  /** The media type whose schema applies (an empty body is read as an empty form). */
  mediaType: string;
  body: Record<string, unknown>;
}

export function parseApiRequest(
  operationId: OperationId,
  contentType: string | undefined,
  raw: Buffer,
): ParsedRequest {
  const operation = operations[operationId];
  assertUtf8Charset(contentType);
  const mediaType = mediaTypeOf(contentType);
  const schemaMediaType = raw.length === 0 ? FORM : mediaType;
  const schema = schemaMediaType ? operation.requestSchemas[schemaMediaType] : undefined;
  if (!schemaMediaType || !schema)
    throw invalid(`Content-Type ${mediaType ?? '(none)'} is not accepted: send ${FORM} or ${JSON_TYPE}`);
  return {
    mediaType: schemaMediaType,
    body: parseBody(raw, mediaType, schema, operation.jsonEncodedFormFields),
  };
}

/** The body as the handler gets it, or a 400 naming the first rule it breaks. */
export function validateApiRequest<Op extends OperationId>(
  operationId: Op,
  { mediaType, body }: ParsedRequest,
): ApiBody<Op> {
  // The validator is compiled from the schema the generated types come from: passing it is
  // what makes the body an ApiBody (handlers/types.ts).
  const validate = requestValidator(operationId, mediaType) as ValidateFunction<ApiBody<Op>> | undefined;
  if (!validate) throw invalid(`Content-Type ${mediaType} is not accepted: send ${FORM} or ${JSON_TYPE}`);
  if (validate(body)) return body;
  throw invalid(describeErrors(validate.errors));
}

export function readApiRequest<Op extends OperationId>(
  operationId: Op,
  contentType: string | undefined,
  raw: Buffer,
): ApiBody<Op> {
  return validateApiRequest(operationId, parseApiRequest(operationId, contentType, raw));
}

export type ReadApiRequest = typeof readApiRequest;
