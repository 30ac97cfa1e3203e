/**
 * Seeding and cleanup steps shared by the scenarios, as generator plans (see types.ts): the sandbox
 * control API makes tenants, pays links and runs payouts; the API itself creates and deletes links.
 */
import { dataObject, expectOk, type Json } from './envelope.ts';
import { apiRequest, controlRequest } from './form.ts';
import type { Plan } from './types.ts';

export interface Tenant {
  token: string;
  recipientToken: string;
}

export function* createTenant(): Plan<Tenant> {
  const body = expectOk(yield controlRequest('POST', '/sandbox/tenants', 'createTenant'), 'create a tenant');
  const data = dataObject(body, 'create a tenant', ['token', 'recipient_token']);
  return { token: String(data.token), recipientToken: String(data.recipient_token) };
}

/** Creates a basic link and answers its id. */
export function* createLink(token: string, amount: string, note: string): Plan<number> {
  const request = apiRequest('createLink', token, { amount, recipient_note: note });
  request.tags.name = 'seed:createLink';
  const body = expectOk(yield request, 'createLink');
  return Number(dataObject(body, 'createLink', ['id']).id);
}

export function* payLink(linkId: number): Plan<void> {
  expectOk(yield controlRequest('POST', `/sandbox/links/${linkId}/pay`, 'payLink'), `pay link ${linkId}`);
}

export function* runPayouts(): Plan<number> {
  const body = expectOk(yield controlRequest('POST', '/sandbox/payouts/run', 'runPayouts'), 'run payouts');
  const payouts = dataObject(body, 'run payouts', ['payouts']).payouts;
  return Array.isArray(payouts) ? payouts.length : 0;
}

/** At most this many list rounds of 1000 links: cleanup is bounded even if the list never empties. */
const maxCleanupRounds = 200;

/**
 * Deletes the caller's unused links whose note contains `runTag` (everything the run created that can
 * still be deleted; paid links cannot be). Answers how many were deleted. Any answer but 200 (after
 * the drivers' 429 retries) is an error naming how far cleanup got: links left behind must be reported.
 */
export function* deleteTaggedLinks(token: string, runTag: string): Plan<number> {
  let deleted = 0;
  const failed = (error: unknown) =>
    new Error(`${(error as Error).message}; ${deleted} links of this run were deleted before`);
  for (let round = 0; round < maxCleanupRounds; round++) {
    const list = apiRequest('getMyUnusedLinks', token, { limit: '1000', search: runTag });
    list.tags.name = 'cleanup:getMyUnusedLinks';
    const listed = yield list;
    let items: unknown;
    try {
      items = expectOk(listed, 'getMyUnusedLinks', 'cleanup').data;
    } catch (error) {
      throw failed(error);
    }
    if (!Array.isArray(items) || items.length === 0) return deleted;
    for (const item of items as Json[]) {
      const remove = apiRequest('deleteLink', token, { link_id: String(item.linktopay_id) });
      remove.tags.name = 'cleanup:deleteLink';
      const reply = yield remove;
      try {
        expectOk(reply, `deleteLink ${String(item.linktopay_id)}`, 'cleanup');
      } catch (error) {
        throw failed(error);
      }
      deleted++;
    }
  }
  return deleted;
}
