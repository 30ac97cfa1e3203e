/**
 * The bundled, dereferenced spec (generated/openapi.json) and what the rest of the harness asks of
 * it: which operations exist, where they live, which status codes each documents, and what SecPaid
 * sends to an integrator (the `webhooks:`). Everything that needs a fact about the API reads it
 * here, so the spec stays the single source of truth.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export type JsonSchema = { [key: string]: unknown };

type MediaTypes = Record<
  string,
  { schema?: JsonSchema; encoding?: Record<string, { contentType?: string }> }
>;
type Operation = {
  operationId: string;
  requestBody?: { required?: boolean; content: MediaTypes };
  responses: Record<string, { description: string; content?: MediaTypes }>;
};
type OpenApiDocument = {
  paths: Record<string, Record<string, Operation>>;
  webhooks: Record<string, Record<string, Operation>>;
};

function loadDocument(file: string): OpenApiDocument {
  return JSON.parse(readFileSync(fileURLToPath(new URL(`../generated/${file}`, import.meta.url)), 'utf8'));
}

export const apiDocument = loadDocument('openapi.json');
export const sandboxDocument = loadDocument('sandbox.json');

export const operationIds = [
  'createLink',
  'createSplitLink',
  'getPayInTransactions',
  'getPayOutTransactions',
  'getMyUnusedLinks',
  'getMyUsedLinks',
  'deleteLink',
] as const;
export type OperationId = (typeof operationIds)[number];

export interface OperationInfo {
  operationId: OperationId;
  method: 'POST';
  path: string;
  requestRequired: boolean;
  /** Request schema per media type (form and JSON share one schema in this spec). */
  requestSchemas: Record<string, JsonSchema>;
  /** Properties a form body carries as JSON text (`encoding.<prop>.contentType: application/json`). */
  jsonEncodedFormFields: string[];
  /** Documented status codes, ascending. */
  statuses: number[];
  responseSchema(status: number, mediaType?: string): JsonSchema | undefined;
}

function describe(path: string, operation: Operation): OperationInfo {
  const content = operation.requestBody?.content ?? {};
  const requestSchemas: Record<string, JsonSchema> = {};
  for (const [mediaType, media] of Object.entries(content))
    if (media.schema) requestSchemas[mediaType] = media.schema;
  const encoding = content['application/x-www-form-urlencoded']?.encoding ?? {};
  return {
    operationId: operation.operationId as OperationId,
    method: 'POST',
    path,
    requestRequired: operation.requestBody?.required === true,
    requestSchemas,
    jsonEncodedFormFields: Object.entries(encoding)
      .filter(([, e]) => e.contentType === 'application/json')
      .map(([name]) => name),
    statuses: Object.keys(operation.responses)
      .map(Number)
      .sort((a, b) => a - b),
    responseSchema: (status, mediaType = 'application/json') =>
      operation.responses[String(status)]?.content?.[mediaType]?.schema,
  };
}

export const operations: Record<OperationId, OperationInfo> = Object.fromEntries(
  Object.entries(apiDocument.paths).map(([path, item]) => {
    const operation = item.post;
    if (!operation) throw new Error(`spec: ${path} has no POST operation`);
    return [operation.operationId, describe(path, operation)];
  }),
) as Record<OperationId, OperationInfo>;

for (const id of operationIds) if (!operations[id]) throw new Error(`spec: operation ${id} is missing`);

const operationsByPath = new Map(Object.values(operations).map((info) => [info.path, info]));

export function operationByPath(path: string): OperationInfo | undefined {
  return operationsByPath.get(path);
}

/** What SecPaid sends to an integrator (the spec's `webhooks:`), each named by its operationId. */
export const webhookNames = ['paymentNotification', 'paymentCallback'] as const;
export type WebhookName = (typeof webhookNames)[number];

function webhookOperation(name: WebhookName): Operation {
  const item = apiDocument.webhooks?.[name];
  const operation = item && (item.post ?? item.get);
  if (!operation) throw new Error(`spec: webhook ${name} is missing`);
  return operation;
}

for (const name of webhookNames) webhookOperation(name);

/**
 * The schema a webhook's body has in one media type (without parameters: `application/json`), or
 * undefined when the spec documents no such body (the callback redirect has none).
 */
export function webhookRequestSchema(name: WebhookName, mediaType: string): JsonSchema | undefined {
  return webhookOperation(name).requestBody?.content[mediaType]?.schema;
}
