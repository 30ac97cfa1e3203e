/**
 * A notification the suite's receiver got, as a record of the run (requests.log, run.har, the
 * evidence of a failure): what the server sent, with secret-named headers masked, and the receiver's
 * answer.
 */
import { redactedMarker, secretName } from '../../core/redact.ts';
import type { RequestRecord } from '../reporting/observations.ts';
import type { ReceivedRequest } from './receiver.ts';

/** Header values a receiver's log must not keep (a server may authenticate its notifications). */
const secretHeader = new RegExp(`authorization|cookie|${secretName.source}`, 'i');

export function notificationRecord(
  request: ReceivedRequest,
  origin: string,
): Omit<RequestRecord, 'id' | 'suite' | 'test'> {
  const headers = Object.fromEntries(
    Object.entries(request.headers).map(([name, value]) => [
      name,
      secretHeader.test(name) ? redactedMarker : value,
    ]),
  );
  return {
    at: request.at,
    received: true,
    method: request.method,
    url: `${origin}${request.target}`,
    requestHeaders: headers,
    requestBody: request.body,
    status: request.answered,
    responseHeaders: { 'content-type': 'text/plain' },
    responseBody: request.answered === 200 ? 'ok' : '',
    ms: 0,
  };
}
