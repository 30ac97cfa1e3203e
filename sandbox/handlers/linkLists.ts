/** getMyUnusedLinks and getMyUsedLinks: the caller's links in one state, newest first. */
import { renderUnusedLink, renderUsedLink } from '../render.ts';
import type { Handler } from './types.ts';

export const LIST_RETRIEVED = 'List retrieved successfully';

export const getMyUnusedLinks: Handler<'getMyUnusedLinks'> = ({ state, tenant, body }) => {
  const page = state.links.newestUnused(tenant, body.limit, body.search || undefined);
  return {
    message: LIST_RETRIEVED,
    data: page.items.map((link) => renderUnusedLink(state.publicBaseUrl, link)),
    totalRecords: page.total,
  };
};

export const getMyUsedLinks: Handler<'getMyUsedLinks'> = ({ state, tenant, body }) => {
  const page = state.links.newestUsed(tenant, body.limit, body.search || undefined);
  return { message: LIST_RETRIEVED, data: page.items.map(renderUsedLink), totalRecords: page.total };
};
