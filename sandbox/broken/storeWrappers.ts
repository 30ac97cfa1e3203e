/** Broken modes that wrap the faithful stores instead of living in them (BrokenOverrides.state). */
import type { SandboxState } from '../state.ts';

/**
 * `unused-list-cached`: each unused-list answer is kept until the owner makes a new link, as a cache
 * invalidated on create but not on delete, pay or cancel would: the list then shows links that are gone.
 */
export function cacheUnusedLists(state: SandboxState): void {
  const links = state.links;
  const cache = new Map<string, ReturnType<typeof links.newestUnused>>();
  const newestUnused = links.newestUnused.bind(links);
  const add = links.add.bind(links);
  links.newestUnused = (owner, limit, search) => {
    const key = `${owner.userId} ${limit} ${search ?? ''}`;
    let page = cache.get(key);
    if (!page) {
      page = newestUnused(owner, limit, search);
      cache.set(key, page);
    }
    return page;
  };
  links.add = (fields) => {
    for (const key of cache.keys()) if (key.startsWith(`${fields.owner.userId} `)) cache.delete(key);
    return add(fields);
  };
}

/** `paid-link-still-unused`: paying records when, but the link never leaves the unused state. */
export function paidLinksStayUnused(state: SandboxState): void {
  const links = state.links;
  const leaveUnused = links.leaveUnused.bind(links);
  links.leaveUnused = (link, status, at) => {
    if (status === 'Used') link.paidAt = at;
    else leaveUnused(link, status, at);
  };
}
