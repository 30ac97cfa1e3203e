/** getMyUnusedLinks and getMyUsedLinks: the caller's links in one state, newest first. */
import { renderUnusedLink, renderUsedLink } from '../render.ts';
import type { Link } from '../store/links.ts';
import type { Handler, HandlerContext } from './types.ts';

export const LIST_RETRIEVED = 'List retrieved successfully';
const IGNORED_LIMIT = 1000;

function filters({ state, body }: HandlerContext): { limit: number; search: string | undefined } {
  return {
    limit: state.broken === 'limit-ignored' ? IGNORED_LIMIT : body.limit,
    search: state.broken === 'search-ignored' ? undefined : body.search || undefined,
  };
}

function everyonesUnused(ctx: HandlerContext, limit: number): { items: Link[]; total: number } {
  const items = ctx.state.tenants.all.flatMap((t) => ctx.state.links.newestUnused(t, limit, undefined).items);
  return { items: items.sort((a, b) => b.id - a.id).slice(0, limit), total: items.length };
}

export const getMyUnusedLinks: Handler = (ctx) => {
  const { limit, search } = filters(ctx);
  const page =
    ctx.state.broken === 'tenant-leak'
      ? everyonesUnused(ctx, limit)
      : ctx.state.links.newestUnused(ctx.tenant, limit, search);
  return {
    message: LIST_RETRIEVED,
    data: page.items.map((link) => renderUnusedLink(ctx.state, link)),
    totalRecords: page.total,
  };
};

export const getMyUsedLinks: Handler = (ctx) => {
  const { limit, search } = filters(ctx);
  const page = ctx.state.links.newestUsed(ctx.tenant, limit, search);
  return { message: LIST_RETRIEVED, data: page.items.map(renderUsedLink), totalRecords: page.total };
};
