/**
 * Broken modes in how a request is read (AppParts.readRequest): a check missing, narrower than the
 * spec, a crash on bad input, or a validated field quietly changed before the handler sees it.
 */
import type { OperationId } from '../../core/spec.ts';
import { invalid } from '../errors.ts';
import type { ApiBody } from '../handlers/types.ts';
import { assertUtf8Charset, JSON_TYPE, mediaTypeOf } from '../http/parseBody.ts';
import {
  parseApiRequest,
  type ReadApiRequest,
  readApiRequest,
  validateApiRequest,
} from '../http/readRequest.ts';

/** Reads as the faithful app does, then passes the validated bodies of `operations` through `change`. */
function changeValidBodies<K extends OperationId>(
  operations: readonly K[],
  change: (body: ApiBody<K>) => ApiBody<K>,
): ReadApiRequest {
  const changed: readonly OperationId[] = operations;
  return (operationId, contentType, raw) => {
    const body = readApiRequest(operationId, contentType, raw);
    if (!changed.includes(operationId)) return body;
    // operationId is one of K here; TypeScript cannot carry that from the value to the type.
    return change(body as ApiBody<K>) as typeof body;
  };
}

/** `note-truncated`: a 20-character column. */
export const noteCutTo20 = changeValidBodies(['createLink'], (body) =>
  body.recipient_note === undefined ? body : { ...body, recipient_note: body.recipient_note.slice(0, 20) },
);

/** `limit-ignored`: every page as long as a forgotten constant. */
export const limitIgnored = changeValidBodies(['getMyUnusedLinks', 'getMyUsedLinks'], (body) => ({
  ...body,
  limit: 1000,
}));

/** `search-ignored` */
export const searchIgnored = changeValidBodies(
  ['getMyUnusedLinks', 'getMyUsedLinks', 'getPayInTransactions'],
  (body) => ({ ...body, search: undefined }),
);

/** `note-bytes-limit`: a 500-byte column; a 500-character note of `€` is 1500 bytes. */
export const noteBytesLimit = changeValidBodies(['createLink', 'createSplitLink'], (body) => {
  if (body.recipient_note !== undefined && Buffer.byteLength(body.recipient_note, 'utf8') > 500)
    throw invalid('recipient_note is too long');
  return body;
});

/** `amount-max-exclusive`: `<` where the spec says `<=`. */
export const amountMaxExclusive = changeValidBodies(['createLink', 'createSplitLink'], (body) => {
  if (body.amount >= 999999.99) throw invalid('amount must be less than 999999.99');
  return body;
});

/** `crash-on-bad-json`: a JSON body parsed before anything guards it; a plain Error is a 500. */
export const crashOnBadJson: ReadApiRequest = (operationId, contentType, raw) => {
  if (mediaTypeOf(contentType) === JSON_TYPE && raw.length > 0) {
    assertUtf8Charset(contentType);
    JSON.parse(raw.toString('utf8'));
  }
  return readApiRequest(operationId, contentType, raw);
};

/** `validation-off`: createLink's amount is never checked; every other field still is. */
export const amountUnchecked: ReadApiRequest = (operationId, contentType, raw) => {
  const parsed = parseApiRequest(operationId, contentType, raw);
  try {
    return validateApiRequest(operationId, parsed);
  } catch (error) {
    const amount = parsed.body.amount;
    if (operationId !== 'createLink' || typeof amount !== 'number') throw error;
    // Held to the schema with a harmless amount, then given back the one sent.
    return { ...validateApiRequest(operationId, { ...parsed, body: { ...parsed.body, amount: 1 } }), amount };
  }
};
