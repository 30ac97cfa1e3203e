/**
 * Which endpoints a link notifies (public docs §6.1): its `payment_endpoint` is a URL, a 0-based
 * index into the account's saved endpoints, or a comma-separated mix of both, each item trimmed;
 * a link without one notifies every saved endpoint. An item that names no endpoint is kept with the
 * reason, so the delivery log can say why nothing was sent for it. A link notifies at most
 * `maxEndpointsPerLink` endpoints, and each URL once: a 2000-character `payment_endpoint` such as
 * `0,0,0,…` would otherwise open a thousand connections at once.
 */

type EndpointTarget = { url: string } | { item: string; reason: string };

/** The most endpoints one link notifies; the items past them are not sent. */
export const maxEndpointsPerLink = 20;

const index = /^(?:0|[1-9][0-9]*)$/;

/** An absolute http: or https: URL: the only endpoints a notification can go to. */
export function isHttpUrl(text: string): boolean {
  if (!URL.canParse(text)) return false;
  const { protocol } = new URL(text);
  return protocol === 'http:' || protocol === 'https:';
}

function resolveItem(item: string, saved: readonly string[]): EndpointTarget {
  if (item === '') return { item, reason: 'an empty item of payment_endpoint' };
  if (index.test(item)) {
    const url = saved[Number(item)];
    if (url !== undefined) return { url };
    const count = saved.length === 1 ? '1 saved payment endpoint' : `${saved.length} saved payment endpoints`;
    return { item, reason: `index ${item} names none of the account's ${count} (0-based)` };
  }
  if (isHttpUrl(item)) return { url: item };
  return { item, reason: 'neither an http(s) URL nor an index of a saved payment endpoint' };
}

/** The URL as the parser writes it, so `HTTP://Host:80/x` and `http://host/x` are one endpoint. */
const sameUrlKey = (url: string) => (URL.canParse(url) ? new URL(url).href : url);

/**
 * The endpoints of `paymentEndpoint` (as the link was created with it) in its order: a URL already
 * named by an earlier item, and every endpoint past the first `maxEndpointsPerLink`, is not sent.
 * Items are counted from 1 in the reasons, as a person reads the list.
 */
export function resolveEndpoints(paymentEndpoint: string, saved: readonly string[]): EndpointTarget[] {
  const targets =
    paymentEndpoint.trim() === ''
      ? saved.map((url): EndpointTarget => ({ url }))
      : paymentEndpoint.split(',').map((item) => resolveItem(item.trim(), saved));
  const itemOfUrl = new Map<string, number>();
  return targets.map((target, position) => {
    if (!('url' in target)) return target;
    const key = sameUrlKey(target.url);
    const earlier = itemOfUrl.get(key);
    if (earlier !== undefined) return { item: target.url, reason: `the same URL as item ${earlier}` };
    if (itemOfUrl.size >= maxEndpointsPerLink)
      return {
        item: target.url,
        reason: `past the ${maxEndpointsPerLink} endpoints a link notifies at most (the sandbox's limit)`,
      };
    itemOfUrl.set(key, position + 1);
    return target;
  });
}
