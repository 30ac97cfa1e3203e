/**
 * For tests: a hostile target. Every request to `target` is answered with a redirect (307 by
 * default: method and body are kept) to the same path on `elsewhere`, another host (127.0.0.2),
 * which records whatever reaches it. A harness that follows redirects sends its API keys there;
 * `leaked()` lists the requests that arrived, with the keys they carried.
 */
import { startRecordingServer } from './recordingServer.ts';

export async function startRedirectTrap(status = 307) {
  const elsewhere = await startRecordingServer({ host: '127.0.0.2' });
  // A followed health probe would find "a control API" there: the answer a real sandbox gives.
  elsewhere.setReply({
    status: 200,
    body: JSON.stringify({ status: 'ok' }),
    headers: { 'content-type': 'application/json' },
  });
  const target = await startRecordingServer();
  target.setReply((request) => ({
    status,
    body: 'moved',
    headers: { location: `${elsewhere.url}${request.url}` },
  }));
  return {
    url: target.url,
    target,
    elsewhere,
    /** What reached the other host: method, path and the `token` header (undefined when none). */
    leaked: () => elsewhere.received.map((r) => ({ method: r.method, url: r.url, token: r.headers.token })),
    async close(): Promise<void> {
      await Promise.all([target.close(), elsewhere.close()]);
    },
  };
}
