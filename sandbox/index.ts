/**
 * Starts the sandbox on a socket: `startSandbox({ port: 0 })` for in-process tests (a free port),
 * `npm run sandbox` for people (sandbox/main.ts). Returns the URL and a close() that ends idle
 * keep-alive connections too, and cancels the payment notifications' due retries and attempts under
 * way, so a test run never hangs on shutdown.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from './app.ts';
import { brokenApp } from './broken/brokenApp.ts';
import { limitConnections } from './http/connectionLimit.ts';
import { createState, type SandboxState } from './state.ts';
import { ownAddressesOf } from './webhooks/allowedHost.ts';
import type { WebhookOptions } from './webhooks/settings.ts';

export interface SandboxOptions {
  port?: number;
  host?: string;
  /** A deliberately broken variant for the contract self-test, by name (broken/modes.ts). */
  brokenMode?: string;
  /** Base URL for pay_link; defaults to the sandbox's own URL. */
  publicBaseUrl?: string;
  /** Open connections at most; the longest idle one makes room for a new one (http/connectionLimit.ts). */
  maxConnections?: number;
  /** A request must arrive whole within this (headers and body), else 408 and the connection closes. */
  requestDeadlineMs?: number;
  /** How payment notifications are sent: timeout, retries, their delay, hosts allowed besides loopback. */
  webhooks?: WebhookOptions;
}

export const defaultMaxConnections = 512;
export const defaultRequestDeadlineMs = 30_000;

export interface RunningSandbox {
  url: string;
  state: SandboxState;
  /** The broken variant it runs, or undefined for the faithful sandbox. */
  brokenMode: string | undefined;
  close(): Promise<void>;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const host = options.host ?? '127.0.0.1';
  const state = createState({ publicBaseUrl: options.publicBaseUrl ?? '', webhooks: options.webhooks });
  const brokenMode = options.brokenMode || undefined;
  const app = brokenMode ? brokenApp(brokenMode, state) : createApp(state);
  const deadline = options.requestDeadlineMs ?? defaultRequestDeadlineMs;
  const server = createServer(
    {
      keepAliveTimeout: 5_000,
      // Node's defaults give a request five minutes to arrive; a dripping body would hold a slot that long.
      requestTimeout: deadline,
      headersTimeout: Math.min(deadline, 10_000),
      connectionsCheckingInterval: Math.min(1_000, deadline),
    },
    app,
  );
  limitConnections(server, options.maxConnections ?? defaultMaxConnections);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 4010, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  if (!options.publicBaseUrl) state.publicBaseUrl = url;
  state.notifier.listeningAt(ownAddressesOf([url, options.publicBaseUrl ?? '']));
  return {
    url,
    state,
    brokenMode,
    close: () =>
      new Promise<void>((resolve, reject) => {
        // Due retries are timers and attempts under way are sockets: neither may outlive the server.
        state.notifier.close();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeIdleConnections();
      }),
  };
}
