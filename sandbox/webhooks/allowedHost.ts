/**
 * Where the sandbox may send a notification: loopback, or a host its operator allowed. A sandbox
 * that POSTed wherever a link says would let anyone who can create a link make it send requests to
 * other machines. The check reads the URL alone and never resolves a name: only literal loopback
 * addresses (127.0.0.0/8, ::1, ::ffff:127.0.0.0/104) and the name `localhost` count as loopback, so
 * a name that happens to resolve to 127.0.0.1 must be allowed by name.
 */
import { isIPv4, isIPv6 } from 'node:net';
import { isHttpUrl } from './endpoints.ts';

/** `[::1]` → `::1`: URL.hostname keeps an IPv6 literal's brackets. */
const unbracketed = (host: string) => (host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host);

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

const hostName = /^[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?$/i;

/** Why `host` cannot be an allowed host (a name or an IP literal, no scheme, port or path), or undefined. */
export function allowHostProblem(host: string): string | undefined {
  const bare = unbracketed(host.trim());
  if (isIPv6(bare) || hostName.test(bare)) return undefined;
  return `${JSON.stringify(host)} is not a host name or IP address (give no scheme, port or path)`;
}

/** An allowed host as URL.hostname would write it, so the two compare as text. */
export function normalAllowHost(host: string): string {
  const bare = unbracketed(host.trim());
  return new URL(`http://${isIPv6(bare) ? `[${bare}]` : bare}/`).hostname;
}

/**
 * Why the sandbox will not send to `url`, or undefined when it will: not an http(s) URL, or a host
 * neither loopback nor in `allowHosts` (normalAllowHost'd).
 */
export function unsendableReason(url: string, allowHosts: readonly string[]): string | undefined {
  if (!isHttpUrl(url)) return 'not an http(s) URL';
  const parsed = new URL(url);
  if (isLoopbackHost(parsed.hostname) || allowHosts.includes(parsed.hostname)) return undefined;
  return `host ${parsed.hostname} is neither loopback nor allowed (startSandbox webhooks.allowHosts, --webhook-allow-host)`;
}
