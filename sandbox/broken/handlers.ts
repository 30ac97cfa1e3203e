/**
 * Broken modes that replace an operation's handler (AppParts.handlers). Each reuses the faithful
 * pieces it can, so the one wrong rule is what stands out.
 */
import { readRecipients } from '../domain/splitShares.ts';
import { ApiError, invalid } from '../errors.ts';
import { addSplitLink } from '../handlers/createSplitLink.ts';
import { deleteLink, LINK_DELETED } from '../handlers/deleteLink.ts';
import { LIST_RETRIEVED } from '../handlers/linkLists.ts';
import type { Handler } from '../handlers/types.ts';
import { renderUnusedLink } from '../render.ts';

/** `delete-noop`: the caller's link is found and the answer says deleted; nothing changes. */
export const deleteNothing: Handler<'deleteLink'> = ({ state, tenant, body }) => {
  if (!state.links.getOwned(body.link_id, tenant)) throw new ApiError('NotFound');
  return { message: LINK_DELETED };
};

/** `cross-tenant-delete`: the link is deleted as its owner would, whoever asks. */
export const deleteAsOwner: Handler<'deleteLink'> = (ctx) => {
  const link = ctx.state.links.get(ctx.body.link_id);
  return deleteLink(link && link.status !== 'Deleted' ? { ...ctx, tenant: link.owner } : ctx);
};

/** `used-link-deletable`: a paid link is marked deleted instead of refused. */
export const deleteUsedToo: Handler<'deleteLink'> = (ctx) => {
  const link = ctx.state.links.getOwned(ctx.body.link_id, ctx.tenant);
  if (link?.status !== 'Used') return deleteLink(ctx);
  link.status = 'Deleted';
  return { message: LINK_DELETED };
};

/** `tenant-leak`: the newest unused links of every account, search ignored. */
export const everyonesUnusedLinks: Handler<'getMyUnusedLinks'> = ({ state, body }) => {
  const items = state.tenants.all.flatMap((t) => state.links.newestUnused(t, body.limit, undefined).items);
  const page = items.sort((a, b) => b.id - a.id).slice(0, body.limit);
  return {
    message: LIST_RETRIEVED,
    data: page.map((link) => renderUnusedLink(state.publicBaseUrl, link)),
    totalRecords: items.length,
  };
};

/** `split-shares-unchecked`: the recipients are checked, what their shares add up to is not. */
export const sharesUnchecked: Handler<'createSplitLink'> = (ctx) => {
  const { state, tenant, body } = ctx;
  const read = readRecipients(
    body.recipients,
    (token) => state.tenants.findByRecipientToken(token) !== undefined,
    tenant.recipientToken,
  );
  if (!read.ok) throw invalid(read.message);
  return addSplitLink(ctx, read.shares);
};
