/**
 * deleteLink: only the caller's own Unused links. Another tenant's link answers exactly like a link
 * that does not exist (404), so ids reveal nothing; a paid or cancelled link is 400.
 */
import { ApiError, invalid } from '../errors.ts';
import type { Handler } from './types.ts';

export const LINK_DELETED = 'Link has been deleted successfully';

export const deleteLink: Handler<'deleteLink'> = ({ state, tenant, body }) => {
  const link = state.links.getOwned(body.link_id, tenant);
  if (!link) throw new ApiError('NotFound');
  if (link.status === 'Used') throw invalid('This link is already used');
  if (link.status === 'Cancelled') throw invalid('This link is cancelled');
  state.links.leaveUnused(link, 'Deleted', state.now());
  return { message: LINK_DELETED };
};
