/**
 * The thread that does a VU's HTTP while the VU's thread waits on `Atomics.wait`: k6's http calls
 * are synchronous for the script, so the VU blocks and this thread sends, on its own event loop.
 * One message is one call or one `http.batch` (sent at once); the answers come back on the port,
 * then the shared flag is raised and notified.
 */
import { Agent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { performance } from 'node:perf_hooks';
import { type MessagePort, workerData } from 'node:worker_threads';
import type { WireRequest, WireResponse } from './wire.ts';

const { port, flag } = workerData as { port: MessagePort; flag: SharedArrayBuffer };
const signal = new Int32Array(flag);
// A VU keeps its connections open between requests, as k6 does.
const agents = { http: new Agent({ keepAlive: true }), https: new HttpsAgent({ keepAlive: true }) };

/** Go's textproto.CanonicalMIMEHeaderKey: `retry-after` becomes `Retry-After`. */
function canonicalHeader(name: string): string {
  return name
    .toLowerCase()
    .replace(/(^|-)([a-z])/g, (_m, dash: string, letter: string) => dash + letter.toUpperCase());
}

function failed(error: NodeJS.ErrnoException, started: number, timedOut: boolean): WireResponse {
  const errorCode = timedOut ? 1050 : error.code === 'ECONNREFUSED' ? 1212 : 1000;
  const message = timedOut ? 'request timeout' : error.message;
  return {
    status: 0,
    headers: {},
    body: '',
    error: message,
    errorCode,
    durationMs: performance.now() - started,
    waitingMs: 0,
  };
}

function send(wire: WireRequest): Promise<WireResponse> {
  return new Promise((resolve) => {
    const started = performance.now();
    let timedOut = false;
    const url = new URL(wire.url);
    const secure = url.protocol === 'https:';
    const options = {
      method: wire.method,
      headers: wire.headers,
      agent: secure ? agents.https : agents.http,
    };
    const req = (secure ? httpsRequest : httpRequest)(url, options, (res) => {
      const firstByte = performance.now();
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', (error) => resolve(failed(error, started, timedOut)));
      res.on('end', () => {
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(res.headers)) {
          if (value !== undefined)
            headers[canonicalHeader(name)] = Array.isArray(value) ? value.join(', ') : value;
        }
        resolve({
          status: res.statusCode ?? 0,
          headers,
          body: Buffer.concat(chunks).toString('utf8'),
          error: '',
          errorCode: 0,
          durationMs: performance.now() - started,
          waitingMs: firstByte - started,
        });
      });
    });
    req.setTimeout(wire.timeoutMs, () => {
      timedOut = true;
      req.destroy(new Error('request timeout'));
    });
    req.on('error', (error) => resolve(failed(error, started, timedOut)));
    req.end(wire.body ?? undefined);
  });
}

port.on('message', async (requests: WireRequest[]) => {
  const responses = await Promise.all(requests.map(send));
  port.postMessage(responses);
  Atomics.store(signal, 0, 1);
  Atomics.notify(signal, 0);
});
