/**
 * The three request headers the sandbox reads, found in `rawHeaders` directly: touching
 * `req.headers` makes Node build a whole lowercase header object per request, a measurable cost on
 * the hot path for three values.
 */
import type { IncomingMessage } from 'node:http';

export interface RequestHeaders {
  token: string | undefined;
  /** A second `token` header: ambiguous, so treated as a malformed key. */
  tokenRepeated: boolean;
  contentType: string | undefined;
  /** Two `Content-Type` headers: which one wins is undefined, so the request is refused. */
  contentTypeRepeated: boolean;
  /** NaN when absent (chunked bodies). */
  contentLength: number;
}

export function requestHeaders(req: IncomingMessage): RequestHeaders {
  const raw = req.rawHeaders;
  const found: RequestHeaders = {
    token: undefined,
    tokenRepeated: false,
    contentType: undefined,
    contentTypeRepeated: false,
    contentLength: Number.NaN,
  };
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!;
    // The length check first: most headers are skipped without lowercasing them.
    if (name.length === 5 && name.toLowerCase() === 'token') {
      if (found.token !== undefined) found.tokenRepeated = true;
      found.token = raw[i + 1];
    } else if (name.length === 12 && name.toLowerCase() === 'content-type') {
      if (found.contentType !== undefined) found.contentTypeRepeated = true;
      found.contentType = raw[i + 1];
    } else if (name.length === 14 && name.toLowerCase() === 'content-length')
      found.contentLength = Number(raw[i + 1]);
  }
  return found;
}
