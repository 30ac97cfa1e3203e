/**
 * Reads a request body up to a limit. A larger body is refused (400) without buffering the rest,
 * and the connection is closed after the answer so the unread bytes cannot be taken for a request.
 */
import type { IncomingMessage } from 'node:http';

export const BODY_LIMIT_BYTES = 64 * 1024;

export type BodyRead = { ok: true; raw: Buffer } | { ok: false; reason: 'too-large' | 'aborted' };

export function readBody(req: IncomingMessage, limit = BODY_LIMIT_BYTES): Promise<BodyRead> {
  const declared = Number(req.headers['content-length']);
  if (declared > limit) return Promise.resolve({ ok: false, reason: 'too-large' });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (result: BodyRead) => {
      if (done) return;
      done = true;
      req.removeAllListeners('data');
      resolve(result);
    };
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.resume();
        finish({ ok: false, reason: 'too-large' });
      } else chunks.push(chunk);
    });
    req.on('end', () => finish({ ok: true, raw: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks) }));
    req.on('error', () => finish({ ok: false, reason: 'aborted' }));
    req.on('aborted', () => finish({ ok: false, reason: 'aborted' }));
  });
}
