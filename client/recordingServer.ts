/**
 * For tests: a local HTTP server on loopback (127.0.0.1 unless told another loopback address;
 * free port) that records every request exactly as received and answers with whatever the test
 * set (a fixed reply, or one made from the request), so the client's wire format can be checked.
 * It also counts the answers whose connection closed before their body was all sent (`abandoned`):
 * what a client that cuts a transfer leaves behind (hostileBodies.ts), and the connections made to
 * it (`connections`): a test that something was never sent counts none.
 */
import { EventEmitter } from 'node:events';
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface Reply {
  status: number;
  body: string;
  headers?: Record<string, string>;
  /** Wait this long before answering (bounded: the server's close() ends hanging connections). */
  delayMs?: number;
  /** Writes the body instead of `body`, after the head (hostileBodies.ts); must stop on 'close'. */
  writeBody?: (res: ServerResponse) => void;
}

export function jsonReply(status: number, value: unknown): Reply {
  return { status, body: JSON.stringify(value), headers: { 'content-type': 'application/json' } };
}

export type ReplyFor = Reply | ((request: ReceivedRequest) => Reply);

export async function startRecordingServer(options: { host?: string } = {}) {
  const host = options.host ?? '127.0.0.1';
  const received: ReceivedRequest[] = [];
  let reply: ReplyFor = jsonReply(200, {});
  const timers = new Set<NodeJS.Timeout>();
  const events = new EventEmitter();
  let abandoned = 0;
  let connections = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      received.push(request);
      events.emit('received');
      const answer = typeof reply === 'function' ? reply(request) : reply;
      res.once('close', () => {
        if (res.writableFinished) return;
        abandoned += 1;
        events.emit('abandoned');
      });
      const send = () => {
        res.writeHead(answer.status, answer.headers ?? {});
        if (answer.writeBody) answer.writeBody(res);
        else res.end(answer.body);
      };
      if (!answer.delayMs) return send();
      const timer = setTimeout(() => {
        timers.delete(timer);
        send();
      }, answer.delayMs);
      timers.add(timer);
    });
  });
  server.on('connection', () => {
    connections += 1;
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    port,
    received,
    /** The last request received; fails loudly when there was none. */
    last(): ReceivedRequest {
      const request = received.at(-1);
      if (!request) throw new Error('the recording server received no request');
      return request;
    },
    setReply(next: ReplyFor): void {
      reply = next;
    },
    /** Resolves once `count` requests in all were received whole (a condition, not a timer). */
    async whenReceived(count: number): Promise<void> {
      while (received.length < count) await new Promise((resolve) => events.once('received', resolve));
    },
    /** Connections made to it so far, whether or not a request came on them. */
    connections: () => connections,
    /** Answers whose connection closed before the whole body was sent. */
    abandoned: () => abandoned,
    /** Resolves once `count` answers in all were abandoned (a condition, not a timer). */
    async whenAbandoned(count: number): Promise<void> {
      while (abandoned < count) await new Promise((resolve) => events.once('abandoned', resolve));
    },
    async close(): Promise<void> {
      for (const timer of timers) clearTimeout(timer);
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
}

/** A port that was free a moment ago and has nothing listening now: connecting is refused. */
export async function closedPort(): Promise<number> {
  const server = await startRecordingServer();
  await server.close();
  return server.port;
}
