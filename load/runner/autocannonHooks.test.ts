/**
 * The runner replaces private members of autocannon's clients (autocannonHooks.ts), so autocannon is
 * pinned to one exact version and these tests pin what the hooks rely on, on real clients against a
 * loopback server: the members exist with their arity, `setupClient` runs before the first write,
 * the bytes the runner supplies are what goes out, each answer's status and body reach it through
 * `recordBody`/`addBody`, the quota ends a client after its answer, and a refused connection or a
 * timeout loses the flight. A new autocannon that moves any of this fails here, by name.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import autocannon from 'autocannon';
import type { LoadRequest } from '../scenarios/types.ts';
import {
  type ClientHooks,
  type Flight,
  type HookedClient,
  hook,
  requestBytes,
  stopSending,
} from './autocannonHooks.ts';

let onRequest: (req: IncomingMessage, body: string, res: ServerResponse) => void = (_req, _body, res) =>
  res.end();
const server = createServer((req, res) => {
  let body = '';
  req.on('data', (chunk: Buffer) => (body += chunk));
  req.on('end', () => onRequest(req, body, res));
});
let url = '';
let host = '';
before(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  url = `http://${host}`;
});
after(() => {
  server.closeAllConnections();
  server.close();
});

type Member = ((...args: never[]) => unknown) | undefined;
/** The private members the hooks use, as optional: the test reports what a client lacks. */
interface Internals {
  getRequestBuffer?: Member;
  requestIterator?: { recordBody?: Member; nextRequest?: Member; currentRequest?: unknown };
  pipelinedRequests?: { addBody?: Member; peek?: Member };
  destroy?: Member;
  reqsMade?: number;
  responseMax?: number;
  destroyed?: boolean;
}
const shape = (member: Member) => [typeof member, member?.length];

const post = (k: number): LoadRequest => ({
  method: 'POST',
  path: `/r/${k}`,
  headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  body: `k=${k}`,
  tags: { name: 'createLink' },
  fields: { k: String(k) },
});

/** Hooks that build request `k` on the k-th send and record what the client reports. */
function recorder(maxBodyBytes = 1 << 16) {
  const seen = {
    answers: [] as { k: number; status: number; body: string; cut: boolean }[],
    lost: [] as number[],
    gone: 0,
  };
  let k = 0;
  const hooks: ClientHooks = {
    nextRequest(client) {
      const request = post(k);
      client.flight = { k: k++, op: 0, intended: 0, sent: 0, request };
      return requestBytes(host, request);
    },
    onAnswer: (flight: Flight, status, body, cut) => seen.answers.push({ k: flight.k, status, body, cut }),
    onLost: (flight) => seen.lost.push(flight.k),
    onGone: () => seen.gone++,
    maxBodyBytes,
  };
  return { hooks, seen };
}

describe('autocannon, as the runner hooks it', () => {
  it('is pinned to one exact version, the one installed', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    const lock = JSON.parse(readFileSync(new URL('../../package-lock.json', import.meta.url), 'utf8'));
    const installed = createRequire(import.meta.url)('autocannon/package.json').version;
    assert.match(pkg.dependencies.autocannon, /^\d+\.\d+\.\d+$/, 'package.json must pin autocannon exactly');
    assert.equal(lock.packages[''].dependencies.autocannon, pkg.dependencies.autocannon);
    assert.equal(installed, pkg.dependencies.autocannon);
  });

  it('gives setupClient a client with the members the hooks replace, before its first request', async () => {
    const members: Record<string, unknown> = {};
    onRequest = (_req, _body, res) => res.end('ok');
    await autocannon({
      url,
      connections: 1,
      amount: 1,
      setupClient: (client) => {
        const c = client as unknown as Internals;
        Object.assign(members, {
          getRequestBuffer: shape(c.getRequestBuffer),
          recordBody: shape(c.requestIterator?.recordBody),
          nextRequest: shape(c.requestIterator?.nextRequest),
          currentRequest: typeof c.requestIterator?.currentRequest,
          addBody: shape(c.pipelinedRequests?.addBody),
          peek: shape(c.pipelinedRequests?.peek),
          destroy: shape(c.destroy),
          reqsMade: c.reqsMade,
          responseMax: c.responseMax,
          destroyed: c.destroyed,
        });
      },
    });
    assert.deepEqual(members, {
      getRequestBuffer: ['function', 0],
      recordBody: ['function', 4],
      nextRequest: ['function', 0],
      currentRequest: 'object',
      addBody: ['function', 1],
      peek: ['function', 0],
      destroy: ['function', 0],
      reqsMade: 0,
      responseMax: 1,
      destroyed: false,
    });
  });

  it('sends the bytes the runner builds and hands it each answer, status and body', async () => {
    const received: string[] = [];
    onRequest = (req, body, res) => {
      received.push(`${req.method} ${req.url} ${body}`);
      res.statusCode = req.url === '/r/2' ? 404 : 200;
      res.end(`answer to ${body}`);
    };
    const { hooks, seen } = recorder();
    await autocannon({ url, connections: 1, amount: 4, setupClient: (client) => hook(client, hooks) });
    assert.deepEqual(received, ['POST /r/0 k=0', 'POST /r/1 k=1', 'POST /r/2 k=2', 'POST /r/3 k=3']);
    assert.deepEqual(
      seen.answers.map((a) => [a.k, a.status, a.body, a.cut]),
      [
        [0, 200, 'answer to k=0', false],
        [1, 200, 'answer to k=1', false],
        [2, 404, 'answer to k=2', false],
        [3, 200, 'answer to k=3', false],
      ],
    );
    assert.deepEqual(seen.lost, []);
    assert.equal(seen.gone, 1);
  });

  it('keeps only maxBodyBytes of a long body and says it was cut', async () => {
    onRequest = (_req, _body, res) => res.end('x'.repeat(50_000));
    const { hooks, seen } = recorder(100);
    await autocannon({ url, connections: 1, amount: 1, setupClient: (client) => hook(client, hooks) });
    assert.deepEqual(
      seen.answers.map((a) => [a.body.length, a.cut]),
      [[100, true]],
    );
  });

  it('ends a client after the answer in flight when the runner stops it', async () => {
    let client: HookedClient | undefined;
    let requests = 0;
    onRequest = (_req, _body, res) => {
      requests++;
      // The first request is in flight: stopping now must let its answer in, then end the client.
      stopSending(client!);
      res.end('last');
    };
    const { hooks, seen } = recorder();
    await autocannon({ url, connections: 1, amount: 50, setupClient: (raw) => (client = hook(raw, hooks)) });
    assert.equal(requests, 1);
    assert.deepEqual(
      seen.answers.map((a) => a.body),
      ['last'],
    );
    assert.equal(seen.gone, 1);
  });

  it('loses the flight when the connection is refused', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const { hooks, seen } = recorder();
    await autocannon({
      url: `http://127.0.0.1:${port}`,
      connections: 1,
      amount: 5,
      bailout: 1,
      setupClient: (client) => hook(client, hooks),
    });
    assert.deepEqual(seen.answers, []);
    assert.equal(seen.lost[0], 0);
  });

  it('loses the flight at the timeout when the quota is used up', async () => {
    onRequest = () => {}; // never answers
    const { hooks, seen } = recorder();
    await autocannon({
      url,
      connections: 1,
      amount: 1,
      timeout: 1,
      setupClient: (client) => hook(client, hooks),
    });
    assert.deepEqual(seen.answers, []);
    assert.deepEqual(seen.lost, [0]);
    assert.equal(seen.gone, 1);
  });

  it('refuses a client without the members it replaces', () => {
    const { hooks } = recorder();
    assert.throws(
      () => hook({} as autocannon.Client, hooks),
      /has no getRequestBuffer, requestIterator\.recordBody, .*pinned in package\.json/,
    );
    const partial = {
      getRequestBuffer() {},
      requestIterator: { nextRequest() {} },
      pipelinedRequests: { peek() {}, addBody() {} },
      destroy() {},
      reqsMade: 0,
    };
    assert.throws(
      () => hook(partial as unknown as autocannon.Client, hooks),
      /has no requestIterator\.recordBody: /,
    );
  });
});
