/**
 * Broken modes that wrap the faithful store instead of living in it. `unused-list-cached` keeps each
 * unused-list answer until the owner makes a new link, as a cache invalidated on create but not on
 * delete, pay or cancel would: the list then shows links that are gone.
 */
import type { SandboxState } from '../state.ts';

export function withBrokenStore(state: SandboxState): void {
  if (state.broken !== 'unused-list-cached') return;
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
