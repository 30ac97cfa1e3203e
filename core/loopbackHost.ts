/**
 * Whether a URL's host is this machine's loopback, read from the text alone: a name is never looked
 * up, so a name that happens to resolve to 127.0.0.1 (or is made to, later) does not count. Only
 * literal loopback addresses (127.0.0.0/8, ::1, ::ffff:127.0.0.0/104) and the name `localhost` do.
 * The one check of every place that sends only to loopback unless told otherwise: the load runner's
 * targets, the sandbox's notifications, the receiver tester's `--to`.
 */
import { isIPv4, isIPv6 } from 'node:net';

/** `[::1]` → `::1`: URL.hostname keeps an IPv6 literal's brackets. */
export const unbracketed = (host: string) =>
  host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;

/** IPv4-mapped loopback as the URL parser writes it: `::ffff:127.0.0.1` becomes `::ffff:7f00:1`. */
const mappedLoopback = /^::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}$/;

/** `hostname` as URL.hostname gives it (lowercase, IPv4 in dotted decimal, IPv6 compressed). */
export function isLoopbackHost(hostname: string): boolean {
  const host = unbracketed(hostname).toLowerCase();
  if (host === 'localhost') return true;
  if (isIPv4(host)) return host.startsWith('127.');
  if (isIPv6(host)) return host === '::1' || mappedLoopback.test(host);
  return false;
}
