/**
 * Which endpoints a link notifies (public docs §6.1): its `payment_endpoint` is a URL, a 0-based
 * index into the account's saved endpoints, or a comma-separated mix of both, each item trimmed;
 * a link without one notifies every saved endpoint. An item that names no endpoint is kept with the
 * reason, so the delivery log can say why nothing was sent for it.
 */

type EndpointTarget = { url: string } | { item: string; reason: string };

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

/** The endpoints of `paymentEndpoint` (as the link was created with it) in its order. */
export function resolveEndpoints(paymentEndpoint: string, saved: readonly string[]): EndpointTarget[] {
  if (paymentEndpoint.trim() === '') return saved.map((url) => ({ url }));
  return paymentEndpoint.split(',').map((item) => resolveItem(item.trim(), saved));
}
