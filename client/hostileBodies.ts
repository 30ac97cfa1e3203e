/**
 * For tests: answers for startRecordingServer (recordingServer.ts) whose bodies no client should
 * read whole: huge with a Content-Length, endless, and dripping a byte at a time. Each starts as
 * the JSON envelope of the API (`{"ResponseCode":1,"Result":"True","data":"xxx…`), so only its size
 * or its pace is wrong; a huge body is even valid JSON. Endless and dripping bodies stop writing when
 * the client closes the connection (the server's `abandoned` count then says so).
 */
import type { ServerResponse } from 'node:http';
import type { Reply } from './recordingServer.ts';

const json = { 'content-type': 'application/json' };
const opening = '{"ResponseCode":1,"Result":"True","data":"';
const closing = '"}';

export const hugeBodyBytes = 50 * 1024 * 1024;

const huge = new Map<number, Buffer>();

/** A whole JSON envelope of exactly `bytes` bytes (made once per size and shared). */
function hugeEnvelope(bytes: number): Buffer {
  let body = huge.get(bytes);
  if (!body) {
    body = Buffer.alloc(bytes, 'x');
    body.write(opening, 0);
    body.write(closing, bytes - closing.length);
    huge.set(bytes, body);
  }
  return body;
}

const chunkBytes = 64 * 1024;

/**
 * Writes `next()` chunk after chunk as fast as the client reads (until it gives none), so a client
 * that cuts the transfer closes a connection with the body still unsent.
 */
function pump(res: ServerResponse, next: () => Buffer | undefined): void {
  const write = () => {
    for (let chunk = next(); chunk; chunk = next()) {
      if (res.destroyed) return;
      if (!res.write(chunk)) return void res.once('drain', write);
    }
    res.end();
  };
  write();
}

/** `bytes` (default 50 MiB) of valid JSON, announced by Content-Length, sent as fast as read. */
export function hugeReply(bytes = hugeBodyBytes, status = 200): Reply {
  const body = hugeEnvelope(bytes);
  return {
    status,
    body: '',
    headers: { ...json, 'content-length': String(bytes) },
    writeBody: (res) => {
      let sent = 0;
      pump(res, () => {
        if (sent >= bytes) return undefined;
        const chunk = body.subarray(sent, sent + chunkBytes);
        sent += chunk.length;
        return chunk;
      });
    },
  };
}

const endlessChunk = Buffer.alloc(chunkBytes, 'x');

/** A chunked body that never ends, written as fast as the client reads it. */
export function endlessReply(status = 200): Reply {
  return {
    status,
    body: '',
    headers: json,
    writeBody: (res: ServerResponse) => {
      res.write(opening);
      pump(res, () => endlessChunk);
    },
  };
}

/** A chunked body of one byte every `everyMs` (default 100 ms), forever. */
export function drippingReply(everyMs = 100, status = 200): Reply {
  return {
    status,
    body: '',
    headers: json,
    writeBody: (res: ServerResponse) => {
      res.write(opening.slice(0, 1));
      const drip = setInterval(() => res.write('x'), everyMs);
      res.once('close', () => clearInterval(drip));
    },
  };
}
