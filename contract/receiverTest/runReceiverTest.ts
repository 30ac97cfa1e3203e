/**
 * Sends a receiver every variant (variants.ts), one request each, in order, and judges each answer
 * (judge.ts). After the notification delivered again, the receiver's fulfilments of that pay_id are
 * read from the --fulfilments URL when one is given. Nothing answering the first request at all is
 * no finding but a run that could not start: the caller says how to start a receiver.
 */
import { performance } from 'node:perf_hooks';
import type { Redactor } from '../../core/redact.ts';
import type { PaymentNotification } from '../../core/webhooks/notification.ts';
import { notificationHeaders } from '../../core/webhooks/notification.ts';
import { type Exchange, exchange, receiverFetch, unreachableCodes } from './exchange.ts';
import { type Finding, judgeAnswer, judgeFulfilments } from './judge.ts';
import { docs, type Expectation, type Variant, variantsFor } from './variants.ts';

interface ReceiverTestOptions {
  /** The receiver's notification URL, already vetted (options.ts). */
  to: string;
  /** GET `<fulfilments>?pay_id=N` answers `{"count": n}`; vetted too. */
  fulfilments?: string;
  encryptionKey?: string;
  /** The paid notification; the cancelled one differs in its event only. */
  notification: PaymentNotification;
  timeoutMs: number;
  signal: AbortSignal;
  /** Hides the key in whatever a receiver answers, before any of it is kept. */
  redact: Redactor;
  /** Called as each variant is judged, in order. */
  onVariant?: (result: VariantResult) => void;
}

export interface VariantResult {
  id: string;
  title: string;
  expects: Expectation;
  verdict: 'passed' | 'failed' | 'not run';
  /** Why it was not run. */
  reason?: string;
  exchanges: Exchange[];
  findings: Finding[];
  seconds: number;
}

export type ReceiverTestResult =
  | { kind: 'unreachable'; to: string; code: string; message: string }
  | { kind: 'done'; startedAt: string; variants: VariantResult[]; interrupted: boolean };

function notRun(variant: Variant, reason: string, exchanges: Exchange[] = []): VariantResult {
  const { id, title, expects } = variant;
  return { id, title, expects, verdict: 'not run', reason, exchanges, findings: [], seconds: 0 };
}

/** A variant the interruption caught after it was sent: not judged, but what went out is kept. */
const cutShort = (variant: Variant, exchanges: Exchange[]) =>
  notRun(variant, 'interrupted after it was sent: its answer was not judged', exchanges);

function fulfilmentsUrl(base: string, payId: number): string {
  const url = new URL(base);
  url.searchParams.set('pay_id', String(payId));
  return url.toString();
}

export async function runReceiverTest(options: ReceiverTestOptions): Promise<ReceiverTestResult> {
  const { signal } = options;
  const startedAt = new Date().toISOString();
  const toReceiver = receiverFetch(options.to, options.timeoutMs);
  const toFulfilments = options.fulfilments
    ? receiverFetch(options.fulfilments, options.timeoutMs)
    : undefined;
  const results: VariantResult[] = [];
  const report = (result: VariantResult) => {
    results.push(result);
    options.onVariant?.(result);
  };
  for (const variant of variantsFor(options.notification, options.encryptionKey)) {
    if (signal.aborted) {
      report(notRun(variant, 'interrupted'));
      continue;
    }
    if ('notRun' in variant.send) {
      report(notRun(variant, variant.send.notRun));
      continue;
    }
    const began = performance.now();
    const headers = { 'Content-Type': variant.send.contentType, ...notificationHeaders };
    const request = { method: 'POST' as const, url: options.to, headers, body: variant.send.body };
    const sent = (await exchange(toReceiver, request, signal, options.redact)).exchange;
    if (signal.aborted) {
      report(cutShort(variant, [sent]));
      continue;
    }
    if (results.every((r) => r.exchanges.length === 0) && sent.error && unreachableCodes.has(sent.error.code))
      return { kind: 'unreachable', to: options.to, ...sent.error };
    const exchanges = [sent];
    const findings = judgeAnswer(variant, sent);
    if (variant.countsFulfilments && toFulfilments && options.fulfilments) {
      const url = fulfilmentsUrl(options.fulfilments, options.notification.payId);
      const read = { method: 'GET' as const, url, headers: { Accept: 'application/json' } };
      const counted = await exchange(toFulfilments, read, signal, options.redact);
      exchanges.push(counted.exchange);
      findings.push(...judgeFulfilments(counted.exchange, counted.wholeBody, 1, docs.duplicate));
      if (signal.aborted) {
        report(cutShort(variant, exchanges));
        continue;
      }
    }
    report({
      id: variant.id,
      title: variant.title,
      expects: variant.expects,
      verdict: findings.length === 0 ? 'passed' : 'failed',
      exchanges,
      findings,
      seconds: (performance.now() - began) / 1000,
    });
  }
  return { kind: 'done', startedAt, variants: results, interrupted: signal.aborted };
}
