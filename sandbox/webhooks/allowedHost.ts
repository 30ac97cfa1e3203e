/**
 * Where the sandbox may send a notification: loopback (core/loopbackHost.ts), or a host its operator
 * allowed. A sandbox that POSTed wherever a link says would let anyone who can create a link make it
 * send requests to other machines.
 */
import { isIPv6 } from 'node:net';
import { isLoopbackHost, unbracketed } from '../../core/loopbackHost.ts';
import { isHttpUrl } from './endpoints.ts';

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
