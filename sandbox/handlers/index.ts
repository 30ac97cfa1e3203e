/** The operation table: operationId → handler. The spec's operationIds name everything. */
import { createLink } from './createLink.ts';
import { createSplitLink } from './createSplitLink.ts';
import { deleteLink } from './deleteLink.ts';
import { getPayInTransactions } from './getPayInTransactions.ts';
import { getPayOutTransactions } from './getPayOutTransactions.ts';
import { getMyUnusedLinks, getMyUsedLinks } from './linkLists.ts';
import type { HandlerTable } from './types.ts';

export const handlers: HandlerTable = {
  createLink,
  createSplitLink,
  getPayInTransactions,
  getPayOutTransactions,
  getMyUnusedLinks,
  getMyUsedLinks,
  deleteLink,
};
