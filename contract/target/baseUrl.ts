/**
 * What a `--base-url` must look like: a scheme and a host, and no API path of its own. The usual
 * slips are caught before any request, each with the URL that was probably meant:
 * - no scheme (`127.0.0.1:4010`): `URL` either refuses it or, worse, reads `localhost:4010` as the
 *   scheme `localhost:`, which fails later as an odd fetch error;
 * - the API's path pasted with the host (`…/api/v2`): every request appends `/api/v2/<operation>`
 *   itself, so the server would see `/api/v2/api/v2/createLink` and answer 404 to every test.
 */

/** Hosts where a plain http:// server is the norm (a local sandbox); elsewhere https:// is suggested. */
export function isLocalHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    host === '::1' ||
    host === '0.0.0.0' ||
    /^127\.\d+\.\d+\.\d+$/.test(host)
  );
}

function withScheme(text: string): string {
  const bare = text.replace(/^\/\//, '');
  const host = URL.canParse(`http://${bare}`) ? new URL(`http://${bare}`).hostname : '';
  return `${isLocalHost(host) ? 'http' : 'https'}://${bare}`;
}

/** The API's own path at the end of a base URL: `/api`, `/api/v2`, or a whole operation's path. */
const apiPath = /\/api(\/v2(\/[A-Za-z]+)?)?\/*$/i;

/** Why `text` cannot be a base URL, with the URL meant, or undefined when it can be one. */
export function baseUrlProblem(text: string): string | undefined {
  // `http:host` is read as http://host by URL (special schemes), so only a missing `scheme:` counts.
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text) && !/^https?:/i.test(text))
    return `--base-url needs a scheme: ${withScheme(text)}, not ${text}`;
  if (!URL.canParse(text)) return `--base-url needs a URL such as http://127.0.0.1:4010, not ${text}`;
  const url = new URL(text);
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return `--base-url needs an http:// or https:// URL, not ${text}`;
  const found = apiPath.exec(url.pathname);
  if (found) {
    url.pathname = url.pathname.slice(0, found.index);
    const meant = url.toString().replace(/\/+$/, '');
    return `--base-url ends in ${found[0].replace(/\/+$/, '')}, but the harness appends the operation paths (/api/v2/createLink) itself: give ${meant}`;
  }
  return undefined;
}
