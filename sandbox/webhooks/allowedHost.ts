/**
 * Where the sandbox may send a notification: loopback (core/loopbackHost.ts), or a host its operator
 * allowed, but never the sandbox itself. A sandbox that POSTed wherever a link says would let anyone
 * who can create a link make it send requests to other machines; one that POSTed to itself would
 * call its own control API (pay other links, notify again, without end).
 */
import { isIPv6 } from 'node:net';
import { isLoopbackHost, unbracketed } from '../../core/loopbackHost.ts';
import { redactedMarker } from '../../core/redact.ts';
import { isHttpUrl } from './endpoints.ts';

const hostName = /^[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?$/i;

/** An allowed host as URL.hostname would write it, so the two compare as text; throws when none. */
export function normalAllowHost(host: string): string {
  const bare = unbracketed(host.trim());
  return new URL(`http://${isIPv6(bare) ? `[${bare}]` : bare}/`).hostname;
}

/** Why `host` cannot be an allowed host (a name or an IP literal, no scheme, port or path), or undefined. */
export function allowHostProblem(host: string): string | undefined {
  const bare = unbracketed(host.trim());
  const problem = `${JSON.stringify(host)} is not a host name or IP address (give no scheme, port or path)`;
  if (!isIPv6(bare) && !hostName.test(bare)) return problem;
  // Some pass the pattern and still name no host a URL can hold: 256.1.1.1, fe80::1%eth0.
  if (!URL.canParse(`http://${isIPv6(bare) ? `[${bare}]` : bare}/`)) return problem;
  return undefined;
}

/** An address the sandbox answers on: a host as URL.hostname writes it, and a port. */
export interface OwnAddress {
  hostname: string;
  port: number;
}

/** The port a URL connects to: its own, else its scheme's. */
const portOf = (url: URL) => Number(url.port || (url.protocol === 'https:' ? 443 : 80));

/** The addresses of the base URLs the sandbox answers at (its socket's, its public one); unparsable ones skipped. */
export function ownAddressesOf(baseUrls: readonly string[]): OwnAddress[] {
  return baseUrls
    .filter((base) => URL.canParse(base))
    .map((base) => {
      const parsed = new URL(base);
      return { hostname: parsed.hostname, port: portOf(parsed) };
    });
}

/**
 * Whether `url` reaches the sandbox: a host it listens on, or any loopback spelling (127.0.0.0/8,
 * localhost, [::1]), on its port. A loopback address on that port is refused whichever the sandbox
 * is bound to: wildcard and loopback bindings both answer there.
 */
function isOwnAddress(url: URL, own: readonly OwnAddress[]): boolean {
  const port = portOf(url);
  return own.some(
    (address) => address.port === port && (address.hostname === url.hostname || isLoopbackHost(url.hostname)),
  );
}

/**
 * Why the sandbox will not send to `url`, or undefined when it will: not an http(s) URL, port 0,
 * a user name or password, the sandbox's own address (`own`), or a host neither loopback nor in
 * `allowHosts` (normalAllowHost'd).
 */
export function unsendableReason(
  url: string,
  allowHosts: readonly string[],
  own: readonly OwnAddress[] = [],
): string | undefined {
  if (!isHttpUrl(url)) return 'not an http(s) URL';
  const parsed = new URL(url);
  // Node connects to port 80 (443) for port 0: the URL would reach another endpoint than it names.
  if (parsed.port === '0') return 'port 0 names no endpoint';
  // A password in it would show in the delivery log; SecPaid's endpoints take none either.
  if (parsed.username !== '' || parsed.password !== '')
    return 'a URL with a user name or password is not sent (the log shows it redacted)';
  if (isOwnAddress(parsed, own)) return "the sandbox's own address: it does not notify itself";
  if (isLoopbackHost(parsed.hostname) || allowHosts.includes(parsed.hostname)) return undefined;
  return `host ${parsed.hostname} is neither loopback nor allowed (startSandbox webhooks.allowHosts, --webhook-allow-host)`;
}

/** `url` as the delivery log shows it: a user name and password in it become the redaction marker. */
export function urlForLog(url: string): string {
  if (!URL.canParse(url)) return url;
  const { protocol, username, password, host, pathname, search, hash } = new URL(url);
  if (username === '' && password === '') return url;
  return `${protocol}//${redactedMarker}@${host}${pathname}${search}${hash}`;
}
