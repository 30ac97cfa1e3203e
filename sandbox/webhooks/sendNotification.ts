/**
 * One attempt to deliver a notification: a POST of the encoded body, bounded in time and in what is
 * read back. The attempt counts as answered at the status line (its latency is measured to there);
 * the answer's body is read only to free the connection, at most 64 KiB, and within the same
 * deadline, after which the connection is cut. A redirect is never followed: SecPaid's notification
 * goes to the endpoint it names, and a 3xx is an answer that failed. No connection is reused
 * (`agent: false`), so a closed sandbox leaves no socket behind.
 */
import http from 'node:http';
import https from 'node:https';
import { performance } from 'node:perf_hooks';
import type { WebhookRequestBody } from '../../core/webhooks/notification.ts';

export interface SendOutcome {
  /** The endpoint's HTTP status; undefined when no answer came. */
  status: number | undefined;
  latencyMs: number;
  /** Why no answer came, or that a redirect was not followed. */
  error: string | undefined;
}

export type SendNotification = (
  url: string,
  request: WebhookRequestBody,
  options: { timeoutMs: number; signal: AbortSignal },
) => Promise<SendOutcome>;

const webhookUserAgent = 'SecPaid-Sandbox-Webhooks/1';

const maxAnswerBytes = 64 * 1024;

/** Never rejects: every way an attempt can end is an outcome. */
export const sendNotification: SendNotification = (url, request, { timeoutMs, signal }) =>
  new Promise((resolve) => {
    const started = performance.now();
    let settled = false;
    const settle = (status: number | undefined, error: string | undefined) => {
      if (settled) return;
      settled = true;
      resolve({ status, error, latencyMs: Math.round(performance.now() - started) });
    };
    const target = new URL(url);
    const body = Buffer.from(request.body, 'utf8');
    const req = (target.protocol === 'https:' ? https : http).request(target, {
      method: 'POST',
      agent: false,
      headers: {
        'content-type': request.contentType,
        'content-length': body.length,
        accept: 'application/json',
        'user-agent': webhookUserAgent,
      },
    });
    const timer = setTimeout(
      () => req.destroy(new Error(`timed out: no answer within ${timeoutMs} ms`)),
      timeoutMs,
    );
    const abort = () => req.destroy(new Error('the sandbox closed before an answer came'));
    signal.addEventListener('abort', abort, { once: true });
    req.on('response', (res) => {
      const status = res.statusCode ?? 0;
      settle(status, status >= 300 && status < 400 ? `a redirect (${status}) is not followed` : undefined);
      let received = 0;
      res.on('data', (chunk: Buffer) => {
        received += chunk.length;
        if (received > maxAnswerBytes) res.destroy();
      });
      // A body cut by the deadline or the cap ends the exchange; the attempt was already answered.
      res.on('error', () => {});
    });
    req.on('error', (error) => settle(undefined, error.message));
    req.on('close', () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', abort);
      settle(undefined, 'the connection closed without an answer');
    });
    if (signal.aborted) abort();
    else req.end(body);
  });
