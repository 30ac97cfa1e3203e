/**
 * Two questions about the HTTP status: did the request get the status the test provoked on purpose
 * (a 200 where a 400 was due means the server accepted bad input), and is the status one the spec
 * documents for the operation at all.
 */
import { operations } from '../../core/spec.ts';
import { redirectNote } from '../../core/targetFetch.ts';
import { type Check, excerpt, headerValue, valueChars } from './types.ts';

export const statusAsIntended: Check = {
  name: 'statusAsIntended',
  run: (ex) =>
    ex.expectedStatus === undefined || ex.status === ex.expectedStatus
      ? []
      : [
          `received HTTP ${ex.status} / expected ${ex.expectedStatus} for this request; body: ${excerpt(ex.bodyText)}`,
        ],
};

export const statusCodeConformance: Check = {
  name: 'statusCodeConformance',
  run: (ex) => {
    const documented = operations[ex.operationId].statuses;
    if (documented.includes(ex.status)) return [];
    const location = headerValue(ex.headers, 'location');
    const redirect = redirectNote(
      ex.status,
      location === undefined ? undefined : excerpt(location, valueChars),
    );
    return [
      `received HTTP ${ex.status}${redirect ? ` (${redirect})` : ''} / documented for ${ex.operationId}: ${documented.join(', ')}`,
    ];
  },
};
