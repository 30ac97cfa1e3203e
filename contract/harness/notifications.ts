/**
 * The webhooks suite's side of a link's notifications: one receiver per suite process (closed when
 * the file's tests are done), endpoints that belong to the test that asked for them (what arrives
 * there is recorded as that test's exchange, so a failure shows the notification as received), and
 * the expectations: one notification per event per endpoint, judged (webhooks/judgeNotification.ts),
 * or none at all. Every expectation is recorded as a `notification` observation of its coverage
 * cell, valid or with its failures, before a failure is thrown.
 *
 * Waiting only makes a test slower. Where the server's delivery log (control API) can be read, a
 * count is taken once it has nothing pending for the link, however quickly the first arrival came;
 * without it, a wait ends as soon as what it waits for has arrived, or at a generous bound, and the
 * receiver keeps listening for a settle period before the count. The suite's last test counts every
 * endpoint again.
 */
import { AssertionError } from 'node:assert';
import { after } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { CheckFailure } from '../checks/types.ts';
import { type ExpectedNotification, judgeNotification } from '../webhooks/judgeNotification.ts';
import type { NotificationCell } from '../webhooks/notificationCells.ts';
import { notificationRecord } from '../webhooks/notificationRecord.ts';
import {
  type NotificationReceiver,
  type ReceivedRequest,
  ReceiverWaitEnded,
  startReceiver,
} from '../webhooks/receiver.ts';
import { currentTest, type RunningTest } from './currentTest.ts';
import { deliveriesDone, type LinkLog, logSummary, resentAfterFailure } from './deliveryLog.ts';
import { recordObservation, recordRequest } from './recorder.ts';

/**
 * How long a server may take to deliver: the sandbox sends within milliseconds, and a server that
 * retries a failed delivery (1, 2, 4 s apart) is still well within it. Only a wait that failed
 * anyway runs to it.
 */
const deliveryBoundMs = 30_000;

/** How long the receiver keeps listening for one more notification before a count is taken. */
const settleMs = 1_000;

export interface Endpoint {
  path: string;
  url: string;
  /** The test it belongs to: what arrives here is its exchange. */
  owner: RunningTest | undefined;
  /** Notifications due here so far (one per event of its link). */
  due: number;
  /** Arrivals already judged by an expectation. */
  judged: number;
  /** The link it was given to, once an expectation named it: whose delivery log speaks of it. */
  linkId?: number;
}

/** A failed expectation about notifications; `exchangeId` is the evidence its first failure cites. */
export class NotificationsNotAsExpected extends AssertionError {
  constructor(
    message: string,
    readonly exchangeId: string | undefined,
  ) {
    super({ message });
  }
}

let receiver: NotificationReceiver | undefined;
const endpoints = new Map<string, Endpoint>();
const exchanges = new Map<ReceivedRequest, string>();

/**
 * Starts this process's receiver (once) and closes it when the file's tests are done. Called at the
 * top of the suite file, where node:test's `after` belongs to the file.
 */
export async function startNotificationReceiver(): Promise<void> {
  if (receiver) return;
  const started = await startReceiver({
    onRequest: (request) => {
      const record = notificationRecord(request, started.origin);
      const owner = endpoints.get(request.path)?.owner;
      const id = owner ? currentTest.run(owner, () => recordRequest(record)) : recordRequest(record);
      exchanges.set(request, id);
    },
  });
  receiver = started;
  after(() => started.close());
}

function theReceiver(): NotificationReceiver {
  if (!receiver) throw new Error('startNotificationReceiver() was not called by the suite file');
  return receiver;
}

/** A fresh endpoint of the running test. */
export function anEndpoint(): Endpoint {
  const { path, url } = theReceiver().endpoint();
  const endpoint: Endpoint = { path, url, owner: currentTest.getStore(), due: 0, judged: 0 };
  endpoints.set(path, endpoint);
  return endpoint;
}

function record(
  cell: NotificationCell,
  failures: CheckFailure[],
  exchangeId: string | undefined,
  mediaType?: string,
): void {
  const test = currentTest.getStore()?.title ?? '(outside any test)';
  recordObservation({
    kind: 'notification',
    cell,
    test,
    ...(exchangeId ? { exchangeId } : {}),
    ...(mediaType ? { mediaType } : {}),
    failures,
  });
}

/** What arrived elsewhere, for a message about an endpoint that got nothing. */
function elsewhere(path: string): string {
  const others = theReceiver()
    .received()
    .filter((r) => !endpoints.has(r.path) && r.path !== path);
  if (others.length === 0) return '';
  const paths = [...new Set(others.map((r) => `${r.method} ${r.path}`))].slice(0, 3).join(', ');
  return ` (the receiver got ${others.length} request(s) on paths it never handed out: ${paths})`;
}

function extraFailure(endpoint: Endpoint, nth: number, when: string): CheckFailure {
  return {
    check: 'notificationCount',
    message: `received notification #${nth} on ${endpoint.url} ${when} / expected ${endpoint.due} (one per event per endpoint)`,
    signature: 'received more notifications than events / expected one per event per endpoint',
  };
}

function failIf(failures: { failure: CheckFailure; exchangeId: string | undefined }[]): void {
  const first = failures[0];
  if (!first) return;
  const more = failures.length > 1 ? ` (and ${failures.length - 1} more failures)` : '';
  throw new NotificationsNotAsExpected(
    `${first.failure.check}: ${first.failure.message}${more}`,
    first.exchangeId,
  );
}

/**
 * Waits until the server has sent what it will for `linkId` and the receiver holds it: where the
 * control API's delivery log can be read, until it has nothing pending (the deterministic signal;
 * counting earlier would miss a second notification still on its way); without it, until every
 * endpoint holds `due` arrivals or the bound passed, then the settle period.
 */
async function deliveredTo(linkId: number, targets: Endpoint[]): Promise<LinkLog | undefined> {
  for (const endpoint of targets) endpoint.linkId = linkId;
  const logged = deliveriesDone(linkId, AbortSignal.timeout(deliveryBoundMs));
  const logSpoke = new AbortController();
  const all = theReceiver();
  const waits = targets.map((endpoint) =>
    all
      .waitFor(endpoint.path, endpoint.due, { withinMs: deliveryBoundMs, signal: logSpoke.signal })
      .catch((error: unknown) => {
        if (error instanceof ReceiverWaitEnded) return error.arrived;
        throw error;
      }),
  );
  // With the log readable, the count waits for its word however early the arrivals came.
  const log = await Promise.race([logged, Promise.all(waits).then(() => logged)]);
  if (log) {
    logSpoke.abort();
    return log;
  }
  await Promise.all(waits);
  await sleep(settleMs);
  return undefined;
}

/**
 * One event happened to the link of `targets` (paid, cancelled): each endpoint must receive exactly
 * one notification for it, as `expected` says (a resend the delivery log shows after a failed
 * attempt is the same notification, judged as such). `evidence` is the exchange that set the link
 * up, cited when nothing arrived.
 */
export async function expectNotified(
  cell: NotificationCell,
  targets: Endpoint[],
  expected: ExpectedNotification,
  evidence: string | undefined,
): Promise<void> {
  const all = theReceiver();
  for (const endpoint of targets) endpoint.due += 1;
  const log = await deliveredTo(expected.payId, targets);
  const failed: { failure: CheckFailure; exchangeId: string | undefined }[] = [];
  for (const endpoint of targets) {
    const arrived = all.received(endpoint.path);
    const allowed = endpoint.due + resentAfterFailure(log, endpoint.url);
    if (arrived.length < endpoint.due) {
      const failure: CheckFailure = {
        check: 'notificationCount',
        message: `received ${arrived.length} notification(s) on ${endpoint.url} ${log && !log.pending ? 'after' : `within ${deliveryBoundMs / 1000} s of`} the ${expected.event} event of link ${expected.payId} / expected ${endpoint.due} (one per event per endpoint)${elsewhere(endpoint.path)}${logSummary(expected.payId, log)}`,
        signature: 'received no notification for an event / expected one per event per endpoint',
      };
      record(cell, [failure], evidence);
      failed.push({ failure, exchangeId: evidence });
    }
    for (const [index, request] of arrived.entries()) {
      if (index < endpoint.judged) continue;
      const exchangeId = exchanges.get(request);
      if (index >= allowed) {
        const failure = extraFailure(endpoint, index + 1, `for ${endpoint.due} event(s)`);
        record(cell, [failure], exchangeId);
        failed.push({ failure, exchangeId });
        continue;
      }
      const verdict = judgeNotification(request, expected);
      record(cell, verdict.failures, exchangeId, verdict.mediaType);
      failed.push(...verdict.failures.map((failure) => ({ failure, exchangeId })));
    }
    endpoint.judged = arrived.length;
  }
  failIf(failed);
}

/**
 * Nothing may arrive on `endpoint` for what the test did to link `linkId` (`because`: "deleting
 * the link"): once the delivery log has nothing pending for it (or, without the log, after the
 * settle period), every arrival is a failure.
 */
export async function expectNone(
  cell: NotificationCell,
  endpoint: Endpoint,
  linkId: number,
  because: string,
  evidence: string | undefined,
): Promise<void> {
  await deliveredTo(linkId, [endpoint]);
  const arrived = theReceiver().received(endpoint.path);
  endpoint.judged = arrived.length;
  if (arrived.length === 0) {
    record(cell, [], evidence);
    return;
  }
  const failed = arrived.map((request) => {
    const failure: CheckFailure = {
      check: 'notificationUnexpected',
      message: `received a notification on ${endpoint.url} / expected none (${because})`,
      signature: `received a notification / expected none (${because})`,
    };
    const exchangeId = exchanges.get(request);
    record(cell, [failure], exchangeId);
    return { failure, exchangeId };
  });
  failIf(failed);
}

/** The delivery log of each link the suite's endpoints belong to, where it can be read. */
async function linkLogs(): Promise<Map<number, LinkLog | undefined>> {
  const ids = new Set([...endpoints.values()].flatMap((e) => (e.linkId === undefined ? [] : [e.linkId])));
  const logs = new Map<number, LinkLog | undefined>();
  const now = AbortSignal.abort();
  for (const id of ids) logs.set(id, await deliveriesDone(id, now));
  return logs;
}

/**
 * The suite's last word: after one more settle period, no endpoint handed out in this process may
 * hold more notifications than its link's events (and the resends its delivery log shows), however
 * late they came.
 */
export async function expectNoneLate(cell: NotificationCell): Promise<void> {
  await sleep(settleMs);
  const all = theReceiver();
  const logs = await linkLogs();
  const failed: { failure: CheckFailure; exchangeId: string | undefined }[] = [];
  for (const endpoint of endpoints.values()) {
    const arrived = all.received(endpoint.path);
    const log = endpoint.linkId === undefined ? undefined : logs.get(endpoint.linkId);
    const allowed = endpoint.due + resentAfterFailure(log, endpoint.url);
    for (const [index, request] of arrived.entries()) {
      if (index < allowed) continue;
      const failure = extraFailure(
        endpoint,
        index + 1,
        `by the end of the suite, for ${endpoint.due} event(s)`,
      );
      const exchangeId = exchanges.get(request);
      record(cell, [failure], exchangeId);
      failed.push({ failure, exchangeId });
    }
  }
  if (failed.length === 0) record(cell, [], undefined);
  failIf(failed);
}
