/**
 * Reads and validates an API request body against the operation's schema from the spec, with the
 * schema's defaults applied. What a handler receives has already passed the spec.
 */
import { type OperationId, operations } from '../../core/spec.ts';
import { describeErrors, requestValidator } from '../../core/validators.ts';
import { refuseByBrokenRules } from '../broken/requestRules.ts';
import { invalid } from '../errors.ts';
import type { SandboxState } from '../state.ts';
import { assertUtf8Charset, FORM, JSON_TYPE, mediaTypeOf, parseBody } from './parseBody.ts';

export function readApiRequest(
  state: SandboxState,
  operationId: OperationId,
  contentType: string | undefined,
  raw: Buffer,
): Record<string, unknown> {
  const operation = operations[operationId];
  assertUtf8Charset(contentType);
  const mediaType = mediaTypeOf(contentType);
  const schemaMediaType = raw.length === 0 ? FORM : mediaType;
  const schema = schemaMediaType ? operation.requestSchemas[schemaMediaType] : undefined;
  if (raw.length > 0 && !schema)
    throw invalid(`Content-Type ${mediaType ?? '(none)'} is not accepted: send ${FORM} or ${JSON_TYPE}`);
  if (state.broken === 'crash-on-bad-json' && mediaType === JSON_TYPE && raw.length > 0) {
    JSON.parse(raw.toString('utf8')); // deliberately unguarded: throws a plain Error, answered 500
  }
  const body = parseBody(raw, mediaType, schema ?? {}, operation.jsonEncodedFormFields);
  const validate = requestValidator(operationId, schemaMediaType ?? FORM)!;
  if (validate(body) as boolean) {
    if (state.broken) refuseByBrokenRules(state.broken, body);
    return body;
  }
  if (state.broken === 'validation-off' && operationId === 'createLink' && typeof body.amount === 'number') {
    const amount = body.amount;
    if (validate({ ...body, amount: 1 })) return { ...body, amount };
  }
  throw invalid(describeErrors(validate.errors));
}
