/**
 * The replay of a notification the server sent: the steps that make the server send it again, as
 * curl lines in order — the createLink request whose payment_endpoint named the receiver's endpoint,
 * then the control API call that paid or cancelled that link. Sending the notification itself to
 * the receiver again would reproduce nothing: the receiver's port is gone after the run, and the
 * server is what is under test. A step not in the run's records says so in one line.
 */
import { operationByPath } from '../../core/spec.ts';
import { bodyFields } from '../oracle/processOracle.ts';
import { curlOfRecord } from './curl.ts';
import type { RequestRecord } from './observations.ts';

const linkAction = /^\/sandbox\/links\/(\d+)\/(pay|cancel)$/;

function pathOf(url: string): string | undefined {
  try {
    return new URL(url).pathname;
  } catch {
    return undefined;
  }
}

/** Origin and path: a notification's URL may carry a query its endpoint was given without. */
function endpointOf(url: string): string | undefined {
  try {
    const parsed = new URL(url.trim());
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return undefined;
  }
}

const sameTest = (a: RequestRecord, b: RequestRecord) => a.suite === b.suite && a.test === b.test;

/** The createLink request whose payment_endpoint (comma-separated URLs) named where `received` came. */
function creationOf(received: RequestRecord, records: readonly RequestRecord[]): RequestRecord | undefined {
  const endpoint = endpointOf(received.url);
  if (!endpoint) return undefined;
  return records.find((r) => {
    if (r.received || operationByPath(pathOf(r.url) ?? '')?.operationId !== 'createLink') return false;
    const named = bodyFields(r.requestBody)?.payment_endpoint;
    return typeof named === 'string' && named.split(',').some((url) => endpointOf(url) === endpoint);
  });
}

/** The link id createLink answered (`data.id`), when its answer can be read. */
function linkIdOf(creation: RequestRecord): string | undefined {
  try {
    const id = (JSON.parse(creation.responseBody ?? '') as { data?: { id?: unknown } }).data?.id;
    return typeof id === 'number' || typeof id === 'string' ? String(id) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The control call that paid or cancelled the link: of that id when createLink's answer gave one,
 * else the first one its test made after creating it.
 */
function eventOf(
  scope: RequestRecord,
  after: number,
  linkId: string | undefined,
  records: readonly RequestRecord[],
): { record: RequestRecord; action: string } | undefined {
  for (const record of records.slice(after)) {
    if (record.received || !sameTest(record, scope)) continue;
    const match = linkAction.exec(pathOf(record.url) ?? '');
    if (match && (linkId === undefined || match[1] === linkId)) return { record, action: match[2]! };
  }
  return undefined;
}

/** The steps, one curl line each under a comment that numbers it, for the evidence's `curl`. */
export function notificationReplay(received: RequestRecord, records: readonly RequestRecord[]): string {
  const creation = creationOf(received, records);
  const lines = creation
    ? ['# 1 create the link', curlOfRecord(creation)]
    : [
        '# 1 create the link: not in the run’s records (no createLink request named this endpoint in its payment_endpoint)',
      ];
  const linkId = creation ? linkIdOf(creation) : undefined;
  const event = eventOf(creation ?? received, creation ? records.indexOf(creation) : 0, linkId, records);
  if (event) lines.push(`# 2 ${event.action} it (control API)`, curlOfRecord(event.record));
  else
    lines.push(
      `# 2 pay or cancel it: not in the run’s records (no control call paid or cancelled link ${linkId ?? 'it'} in its test)`,
    );
  return lines.join('\n');
}
