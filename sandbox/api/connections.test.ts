/**
 * The sandbox under connections that misbehave: a request pipelined behind a refused oversized
 * body never runs, idle connections cannot crowd out real requests, and a request that never
 * finishes arriving is cut off (408) well before Node's five-minute default.
 */
import assert from 'node:assert/strict';
import { connect, type Socket } from 'node:net';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { startSandbox } from '../index.ts';
import { createTenant } from '../testing/control.ts';

let sandbox: Awaited<ReturnType<typeof startSandbox>>;
const port = () => Number(new URL(sandbox.url).port);

before(async () => {
  sandbox = await startSandbox({ port: 0, maxConnections: 10, requestDeadlineMs: 500 });
});
after(() => sandbox.close());

/** Writes `bytes` in one go and collects everything until the server closes the connection. */
function exchange(bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port(), '127.0.0.1', () => socket.write(bytes));
    let text = '';
    socket.on('data', (chunk) => (text += chunk.toString('latin1')));
    socket.on('close', () => resolve(text));
    socket.on('error', reject);
  });
}

const post = (path: string, token: string, body: string) =>
  `POST ${path} HTTP/1.1\r\nHost: x\r\ntoken: ${token}\r\ncontent-type: application/x-www-form-urlencoded\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;

test('a request pipelined behind a refused oversized body is never run, and gets no answer', async () => {
  const tenant = await createTenant(sandbox.url);
  const oversized = `amount=1&recipient_note=${'x'.repeat(70 * 1024)}`;
  for (const declared of [true, false]) {
    // Declared too large up front, or only found too large while reading (chunked).
    const first = declared
      ? post('/api/v2/createLink', tenant.token, oversized)
      : `POST /api/v2/createLink HTTP/1.1\r\nHost: x\r\ntoken: ${tenant.token}\r\ncontent-type: application/x-www-form-urlencoded\r\ntransfer-encoding: chunked\r\n\r\n${oversized.length.toString(16)}\r\n${oversized}\r\n0\r\n\r\n`;
    const text = await exchange(
      first + post('/api/v2/createLink', tenant.token, 'amount=2&recipient_note=pipelined'),
    );
    assert.equal(text.match(/HTTP\/1\.1 /g)?.length, 1, text.slice(0, 300));
    assert.match(text, /^HTTP\/1\.1 400 /);
    assert.match(text, /connection: close/i);
  }
  const links = await tenant.call('getMyUnusedLinks', {});
  assert.equal(links.body.totalRecords, 0, 'the pipelined createLink ran');
});

test('idle connections past the limit make room for a real request, which is answered', async () => {
  const idle: Socket[] = [];
  const closed: boolean[] = [];
  for (let i = 0; i < 30; i++) {
    const socket = connect(port(), '127.0.0.1');
    const index = i;
    closed[index] = false;
    socket.on('close', () => (closed[index] = true));
    socket.on('error', () => {});
    idle.push(socket);
    await new Promise((resolve) => socket.once('connect', resolve));
  }
  try {
    const tenant = await createTenant(sandbox.url);
    const answer = await tenant.call('getMyUnusedLinks', {});
    assert.equal(answer.status, 200);
    for (let i = 0; i < 100 && closed.filter(Boolean).length < 20; i++) await sleep(20);
    assert.ok(
      closed.filter(Boolean).length >= 20,
      `only ${closed.filter(Boolean).length} of 30 idle connections were closed`,
    );
    assert.ok(!closed.at(-1), 'the newest idle connection was closed before older ones');
  } finally {
    for (const socket of idle) socket.destroy();
  }
});

test('a body that never finishes arriving is answered 408 and the connection closed', async () => {
  const text = await new Promise<string>((resolve, reject) => {
    const socket = connect(port(), '127.0.0.1', () =>
      socket.write('POST /api/v2/createLink HTTP/1.1\r\nHost: x\r\ncontent-length: 100\r\n\r\namount=1'),
    );
    let received = '';
    socket.on('data', (chunk) => (received += chunk.toString('latin1')));
    socket.on('close', () => resolve(received));
    socket.on('error', reject);
  });
  assert.match(text, /^HTTP\/1\.1 408 /);
});
