/**
 * Facts of one documented response that core/spec.ts does not expose: its media types, its
 * headers, and the `error` name its examples carry (201 → UserNotFound, 404 → NotFound, ...).
 * Read from the bundled spec, so a change of the spec changes what the checks demand.
 */
import { apiDocument, type JsonSchema, type OperationId, operations } from '../../core/spec.ts';

type DocumentedResponse = {
  content?: Record<string, { examples?: Record<string, { value?: unknown }> }>;
  headers?: Record<string, { required?: boolean; schema?: JsonSchema }>;
};

function documentedResponse(operationId: OperationId, status: number): DocumentedResponse | undefined {
  const item = apiDocument.paths[operations[operationId].path]?.post as unknown as
    | { responses: Record<string, DocumentedResponse> }
    | undefined;
  return item?.responses[String(status)];
}

export function documentedMediaTypes(operationId: OperationId, status: number): string[] {
  return Object.keys(documentedResponse(operationId, status)?.content ?? {});
}

export function documentedHeaders(
  operationId: OperationId,
  status: number,
): Record<string, { required?: boolean; schema?: JsonSchema }> {
  return documentedResponse(operationId, status)?.headers ?? {};
}

/** The `error` values the examples of this response show; empty for success responses. */
export function documentedErrorNames(operationId: OperationId, status: number): string[] {
  const names = new Set<string>();
  for (const media of Object.values(documentedResponse(operationId, status)?.content ?? {})) {
    for (const example of Object.values(media.examples ?? {})) {
      const error = (example.value as { error?: unknown } | undefined)?.error;
      if (typeof error === 'string') names.add(error);
    }
  }
  return [...names];
}
