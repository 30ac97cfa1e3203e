/**
 * SecPaid's production host is never a load target, whichever engine runs. Both engines ask this
 * module: the runner with the host that WHATWG `URL` parsed, k6 (which has no `URL`) with the hosts
 * `urlHosts` reads out of the text. Engine-neutral: no Node or k6 imports.
 */

export const productionHosts = ['app.secpaid.com'];

/** DNS treats `app.secpaid.com.` (fully qualified) and `APP.SecPaid.com` as the same host. */
export function normalHost(host: string): string {
  let text = host;
  try {
    // URL parsers decode %-escapes in the host (`app%2Esecpaid.com`); so must the check.
    text = decodeURIComponent(host);
  } catch {
    text = host;
  }
  return text.toLowerCase().replace(/\.+$/, '');
}

export function isProductionHost(host: string): boolean {
  const name = normalHost(host);
  return productionHosts.some((p) => name === p || name.endsWith(`.${p}`));
}

function hostAfter(authority: string): string {
  // The host follows the last '@' (user:password@host), and ends at the port (':') or an IPv6 ']'.
  const hostPort = authority.slice(authority.lastIndexOf('@') + 1);
  if (hostPort.startsWith('[')) return hostPort.slice(0, hostPort.indexOf(']') + 1);
  const colon = hostPort.indexOf(':');
  return colon === -1 ? hostPort : hostPort.slice(0, colon);
}

/**
 * The host(s) a URL's text may name, for engines without a URL parser. Parsers disagree on whether
 * `\` ends the authority (WHATWG: yes, Go's net/url that k6 uses: no), so both readings are given and
 * the caller refuses the URL if either is a forbidden host. Undefined when it has no `scheme://`.
 */
export function urlHosts(url: string): string[] | undefined {
  const match = /^\s*[a-z][a-z0-9+.-]*:\/\/([\s\S]*)$/i.exec(url);
  if (!match) return undefined;
  const rest = match[1] ?? '';
  const readings = [/[/?#]/, /[/?#\\]/].map((end) => {
    const cut = rest.search(end);
    return hostAfter(cut === -1 ? rest : rest.slice(0, cut));
  });
  return [...new Set(readings)];
}

/** Why a load target's URL text is refused (production, or no host at all), or undefined. */
export function productionUrlProblem(url: string): string | undefined {
  const hosts = urlHosts(url);
  if (!hosts || hosts.every((h) => h === '')) return `${url} is not an http(s) URL with a host`;
  const production = hosts.find(isProductionHost);
  return production === undefined
    ? undefined
    : `${normalHost(production)} is SecPaid's production host: load tests never run there`;
}
