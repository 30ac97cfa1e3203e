/** The bad filters both link lists share (limit bounds and type, search length), plus the common ones. */
import type { BadInput } from './badInputs.ts';
import { commonBadInputs } from './badInputs.ts';

export function linkListBadInputs(operationId: 'getMyUnusedLinks' | 'getMyUsedLinks'): BadInput[] {
  return [
    { when: 'limit is 0', request: { form: { limit: 0 } } },
    { when: 'limit is above 1000', request: { form: { limit: 1001 } } },
    { when: 'limit is not a number', request: { form: { limit: 'ten' } } },
    { when: 'limit is a fraction', request: { form: { limit: 2.5 } } },
    { when: 'limit is a string in a JSON body', request: { json: { limit: '5' } } },
    { when: 'search is longer than 200 characters', request: { form: { search: 's'.repeat(201) } } },
    { when: 'a paging field the link lists do not have is sent', request: { form: { page: 2 } } },
    ...commonBadInputs(operationId, { limit: 5 }),
  ];
}
