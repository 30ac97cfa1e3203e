/**
 * Reads a request body up to a limit. A larger body is refused (400) without buffering the rest,
 * and the connection is closed after the answer; nothing that follows on it runs (app.ts), so the
 * unread bytes can never be taken for a request that gets no answer.
 * A callback, not a promise: this runs on every request, and the promise chain cost more than the read.
 */
import type { IncomingMessage } from 'node:http';

export const BODY_LIMIT_BYTES = 64 * 1024;

export type BodyRead = { ok: true; raw: Buffer } | { ok: false; reason: 'too-large' | 'aborted' };

const EMPTY = Buffer.alloc(0);

export function readBody(
  req: IncomingMessage,
  declaredLength: number,
  done: (read: BodyRead) => void,
  limit = BODY_LIMIT_BYTES,
): void {
  if (declaredLength > limit) {
    req.resume();
    done({ ok: false, reason: 'too-large' });
    return;
  }
  let first: Buffer | undefined;
  let more: Buffer[] | undefined;
  let size = 0;
  let finished = false;
  const finish = (read: BodyRead) => {
    if (finished) return;
    finished = true;
    done(read);
  };
  req.on('data', (chunk: Buffer) => {
    if (finished) return;
    size += chunk.length;
    if (size > limit) {
      req.resume();
      finish({ ok: false, reason: 'too-large' });
    } else if (!first) first = chunk;
    else {
      more ??= [first];
      more.push(chunk);
    }
  });
  req.on('end', () => finish({ ok: true, raw: more ? Buffer.concat(more) : (first ?? EMPTY) }));
  req.on('error', () => finish({ ok: false, reason: 'aborted' }));
}
