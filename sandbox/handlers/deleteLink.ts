/**
 * deleteLink: only the caller's own Unused links. Another tenant's link answers exactly like a link
 * that does not exist (404), so ids reveal nothing; a paid or cancelled link is 400.
 */
import { ApiError, invalid } from '../errors.ts';
import type { Handler } from './types.ts';

export const LINK_DELETED = 'Link has been deleted successfully';

export const deleteLink: Handler = ({ state, tenant, body }) => {
  const id: number = body.link_id;
  const link =
    state.broken === 'cross-tenant-delete' ? state.links.get(id) : state.links.getOwned(id, tenant);
  if (!link || link.status === 'Deleted') throw new ApiError('NotFound');
  if (state.broken === 'delete-noop') return { message: LINK_DELETED };
  if (link.status === 'Used' && state.broken !== 'used-link-deletable')
    throw invalid('This link is already used');
  if (link.status === 'Cancelled') throw invalid('This link is cancelled');
  if (link.status === 'Used') {
    link.status = 'Deleted';
    return { message: LINK_DELETED };
  }
  state.links.leaveUnused(link, 'Deleted', state.now());
  return { message: LINK_DELETED };
};
