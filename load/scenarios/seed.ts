/**
 * Seeding and cleanup steps shared by the scenarios, as generator plans (see types.ts): the sandbox
 * control API makes tenants, pays links and runs payouts; the API itself creates and deletes links.
 */
import { dataObject, expectOk, type Json } from './envelope.ts';
import { apiRequest, controlRequest } from './form.ts';
import { call, callAll } from './plans.ts';
import type { Plan } from './types.ts';

export interface Tenant {
  token: string;
  recipientToken: string;
}

export function* createTenant(): Plan<Tenant> {
  const body = expectOk(
    yield* call(controlRequest('POST', '/sandbox/tenants', 'createTenant')),
    'create a tenant',
  );
  const data = dataObject(body, 'create a tenant', ['token', 'recipient_token']);
  return { token: String(data.token), recipientToken: String(data.recipient_token) };
}

/** Creates a basic link and answers its id. */
export function* createLink(token: string, amount: string, note: string): Plan<number> {
  const request = apiRequest('createLink', token, { amount, recipient_note: note });
  request.tags.name = 'seed:createLink';
  const body = expectOk(yield* call(request), 'createLink');
  return Number(dataObject(body, 'createLink', ['id']).id);
}

export function* payLink(linkId: number): Plan<void> {
  expectOk(
    yield* call(controlRequest('POST', `/sandbox/links/${linkId}/pay`, 'payLink')),
    `pay link ${linkId}`,
  );
}

export function* runPayouts(): Plan<number> {
  const body = expectOk(
    yield* call(controlRequest('POST', '/sandbox/payouts/run', 'runPayouts')),
    'run payouts',
  );
  const payouts = dataObject(body, 'run payouts', ['payouts']).payouts;
  return Array.isArray(payouts) ? payouts.length : 0;
}

/** Deletes sent at once: a run of 10,000 req/s leaves hundreds of thousands of links to remove. */
const deleteBatch = 32;

/**
 * Deletes the caller's unused links whose note contains `runTag` (everything the run created that can
 * still be deleted; paid links cannot be), a page of 1000 at a time until the list is empty, however
 * many there are. Answers how many were deleted. Any answer but 200 (after the drivers' 429 retries)
 * is an error naming how far cleanup got: links left behind must be reported. A link listed again
 * after its deletion was answered 200 stops it too, or a target that never forgets would keep it
 * going for ever.
 */
export function* deleteTaggedLinks(token: string, runTag: string): Plan<number> {
  let deleted = 0;
  let lastPage = new Set<string>();
  const failed = (error: unknown) =>
    new Error(`${(error as Error).message}; ${deleted} links of this run were deleted before`);
  for (;;) {
    const list = apiRequest('getMyUnusedLinks', token, { limit: '1000', search: runTag });
    list.tags.name = 'cleanup:getMyUnusedLinks';
    const listed = yield* call(list);
    let items: unknown;
    try {
      items = expectOk(listed, 'getMyUnusedLinks', 'cleanup').data;
    } catch (error) {
      throw failed(error);
    }
    if (!Array.isArray(items))
      throw failed(
        new Error(`getMyUnusedLinks answered data that is not a list: links of this run may be left behind`),
      );
    if (items.length === 0) return deleted;
    // Only the run's own links, whatever the search answered: a target that ignores `search` must
    // not make cleanup delete the other links of a real account.
    const ours = (items as Json[]).filter((item) => String(item.recipient_note ?? '').includes(runTag));
    if (ours.length === 0) {
      throw failed(
        new Error(
          `the list answered ${items.length} links without this run's tag ${runTag} (is search ignored?)`,
        ),
      );
    }
    const page = new Set(ours.map((item) => String(item.linktopay_id)));
    const again = [...page].find((id) => lastPage.has(id));
    if (again !== undefined) throw failed(new Error(`link ${again} is still listed after it was deleted`));
    const ids = [...page];
    for (let from = 0; from < ids.length; from += deleteBatch) {
      const batch = ids.slice(from, from + deleteBatch);
      const replies = yield* callAll(
        batch.map((id) => {
          const remove = apiRequest('deleteLink', token, { link_id: id });
          remove.tags.name = 'cleanup:deleteLink';
          return remove;
        }),
      );
      // The batch went at once: every delete that succeeded counts, then the first failure stops it.
      let firstFailure: unknown;
      replies.forEach((reply, i) => {
        try {
          expectOk(reply, `deleteLink ${batch[i]}`, 'cleanup');
          deleted++;
        } catch (error) {
          firstFailure ??= error;
        }
      });
      if (firstFailure !== undefined) throw failed(firstFailure);
    }
    lastPage = page;
  }
}
