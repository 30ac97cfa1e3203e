/**
 * Where a failed expectation lives in the spec, and why the spec expects it. A pointer names the
 * rule in the bundled spec (generated/openapi.json, dereferenced, so a schema's rules sit under the
 * operation's response); the decision is the spec/DECISIONS.md entry that the nearest description
 * on the way from that rule up to the response cites ("DECISIONS.md, D-AUTH"), where the spec chose
 * between the seed and the public docs.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { apiDocument, type OperationId, operations } from '../../core/spec.ts';
import type { DecisionRef } from './reportModel.ts';

const escapePointer = (segment: string) => segment.replace(/~/g, '~0').replace(/\//g, '~1');

/** The response object of an operation and status in the bundled spec. */
export function responsePointer(operationId: OperationId, status: number): string {
  const responses = `/paths/${escapePointer(operations[operationId].path)}/post/responses`;
  // A status the operation does not document has no place: its responses say which ones it does.
  return operations[operationId].statuses.includes(status) ? `${responses}/${status}` : responses;
}

/** A rule of the response schema, from ajv's schemaPath (`#/allOf/1/properties/data/required`). */
export function schemaRulePointer(operationId: OperationId, status: number, schemaPath: string): string {
  const inSchema = schemaPath.replace(/^#/, '');
  return `${responsePointer(operationId, status)}/content/application~1json/schema${inSchema}`;
}

function nodeAt(pointer: string): unknown {
  let node: unknown = apiDocument;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

function decisionTitles(): Map<string, string> {
  const file = fileURLToPath(new URL('../../spec/DECISIONS.md', import.meta.url));
  const titles = new Map<string, string>();
  for (const match of readFileSync(file, 'utf8').matchAll(/^## (D-[A-Z]+) — (.+)$/gm))
    titles.set(match[1]!, match[2]!.trim());
  return titles;
}

let titles: Map<string, string> | undefined;

/**
 * The decision behind the rule at `pointer`: the first description citing one, from the rule up to
 * `stopAt` (the response object), both included. Undefined when none does.
 */
export function decisionFor(pointer: string, stopAt: string): DecisionRef | undefined {
  titles ??= decisionTitles();
  for (let at = pointer; at.length >= stopAt.length; at = at.slice(0, at.lastIndexOf('/'))) {
    const node = nodeAt(at);
    const description =
      typeof node === 'object' && node !== null ? (node as { description?: unknown }).description : undefined;
    if (typeof description !== 'string') continue;
    for (const [, id] of description.matchAll(/\b(D-[A-Z]+)\b/g)) {
      const title = titles.get(id!);
      if (title) return { id: id!, title };
    }
  }
  return undefined;
}

/** The payment notification in the bundled spec (`webhooks:`), as a pointer. */
export const notificationPointer = '/webhooks/paymentNotification/post';

/**
 * Where a notification's failed rule is, and the decision behind it: a rule of the request schema
 * of the media type it was sent as (ajv's schemaPath), that schema, or the notification itself
 * (a count, or a media type the spec does not document).
 */
export function locateNotification(
  mediaType: string | undefined,
  schemaPath: string | undefined,
): { specPointer: string; decision?: DecisionRef } {
  const content = `${notificationPointer}/requestBody/content`;
  const documented =
    mediaType !== undefined && nodeAt(`${content}/${escapePointer(mediaType)}`) !== undefined;
  const schema = `${content}/${escapePointer(mediaType ?? '')}/schema`;
  const specPointer = documented ? `${schema}${(schemaPath ?? '').replace(/^#/, '')}` : notificationPointer;
  const decision = decisionFor(specPointer, notificationPointer);
  return { specPointer, ...(decision ? { decision } : {}) };
}

/** Where a failure's rule is, and the decision behind it, from its check's schemaPath or its status. */
export function locate(
  operationId: OperationId,
  status: number,
  schemaPath: string | undefined,
): { specPointer: string; decision?: DecisionRef } {
  const response = responsePointer(operationId, status);
  const specPointer = schemaPath ? schemaRulePointer(operationId, status, schemaPath) : response;
  const decision = decisionFor(specPointer, response);
  return { specPointer, ...(decision ? { decision } : {}) };
}
