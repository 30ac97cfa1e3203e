/**
 * One place that turns spec schemas into ajv validators, cached per (operation or webhook, status,
 * media type). Requests are validated with defaults applied (the sandbox then sees `limit: 10` when
 * none was sent); responses and webhooks without, and with every error listed, because a contract
 * failure should say everything that is wrong at once.
 */
import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { useDecimalMultipleOf } from './decimalMultipleOf.ts';
import {
  type JsonSchema,
  type OperationId,
  operations,
  type WebhookName,
  webhookRequestSchema,
} from './spec.ts';

function makeAjv(options: { useDefaults: boolean; allErrors: boolean }) {
  const ajv = new Ajv2020.default({ strict: false, ...options });
  addFormats.default(ajv);
  useDecimalMultipleOf(ajv);
  return ajv;
}

const requestAjv = makeAjv({ useDefaults: true, allErrors: false });
const responseAjv = makeAjv({ useDefaults: false, allErrors: true });

const requestCache = new Map<string, ValidateFunction>();
const responseCache = new Map<string, ValidateFunction | null>();

export function requestValidator(operationId: OperationId, mediaType: string): ValidateFunction | undefined {
  const key = `${operationId} ${mediaType}`;
  let validate = requestCache.get(key);
  if (!validate) {
    const schema = operations[operationId].requestSchemas[mediaType];
    if (!schema) return undefined;
    validate = requestAjv.compile(schema);
    requestCache.set(key, validate);
  }
  return validate;
}

export function responseValidator(
  operationId: OperationId,
  status: number,
  mediaType = 'application/json',
): ValidateFunction | undefined {
  const key = `${operationId} ${status} ${mediaType}`;
  let validate = responseCache.get(key);
  if (validate === undefined) {
    const schema = operations[operationId].responseSchema(status, mediaType);
    validate = schema ? responseAjv.compile(schema) : null;
    responseCache.set(key, validate);
  }
  return validate ?? undefined;
}

const webhookCache = new Map<string, ValidateFunction | null>();

/**
 * A webhook body's validator (what SecPaid sends is checked like a response: every error listed,
 * no defaults filled in), or undefined when the spec documents no body in that media type.
 */
export function webhookValidator(name: WebhookName, mediaType: string): ValidateFunction | undefined {
  const key = `${name} ${mediaType}`;
  let validate = webhookCache.get(key);
  if (validate === undefined) {
    const schema = webhookRequestSchema(name, mediaType);
    validate = schema ? responseAjv.compile(schema) : null;
    webhookCache.set(key, validate);
  }
  return validate ?? undefined;
}

/** Compiles any schema (e.g. a component or the sandbox control API's) with the response settings. */
export function schemaValidator(schema: JsonSchema): ValidateFunction {
  return responseAjv.compile(schema);
}

/** "amount must be > 0; recipients/0/token is required": short enough for an error message. */
export function describeErrors(errors: ErrorObject[] | null | undefined): string {
  if (!errors?.length) return 'no errors';
  return errors
    .map((e) => {
      const where = e.instancePath ? e.instancePath.slice(1) : '(body)';
      if (e.keyword === 'required')
        return `${where === '(body)' ? '' : `${where}/`}${e.params.missingProperty} is required`;
      if (e.keyword === 'additionalProperties')
        return `${where} has unknown field ${e.params.additionalProperty}`;
      return `${where} ${e.message}`;
    })
    .join('; ');
}
