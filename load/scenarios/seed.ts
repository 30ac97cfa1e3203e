/**
 * Seeding and cleanup steps shared by the scenarios, as generator plans (see types.ts): the sandbox
 * control API makes tenants, pays links and runs payouts; the API itself creates and deletes links.
 */
import { bodyOf, dataObject, expectOk, type Json } from './envelope.ts';
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

/** At most this many list rounds of 1000 links: cleanup is bounded even if deletes keep failing. */
const maxCleanupRounds = 200;

/**
 * Deletes the caller's unused links whose note contains `runTag` (everything the run created that can
 * still be deleted; paid links cannot be). Answers how many were deleted.
 */
export function* deleteTaggedLinks(token: string, runTag: string): Plan<number> {
  let deleted = 0;
  for (let round = 0; round < maxCleanupRounds; round++) {
    const list = apiRequest('getMyUnusedLinks', token, { limit: '1000', search: runTag });
    list.tags.name = 'cleanup:getMyUnusedLinks';
    const reply = yield list;
    if (reply.status !== 200) return deleted;
    const items = bodyOf(reply)?.data;
    if (!Array.isArray(items) || items.length === 0) return deleted;
    let deletedThisRound = 0;
    for (const item of items as Json[]) {
      const remove = apiRequest('deleteLink', token, { link_id: String(item.linktopay_id) });
      remove.tags.name = 'cleanup:deleteLink';
      if ((yield remove).status === 200) deletedThisRound++;
    }
    deleted += deletedThisRound;
    // Nothing could be deleted: another round would list the same links again.
    if (deletedThisRound === 0) return deleted;
  }
  return deleted;
}
