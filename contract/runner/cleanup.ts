/**
 * After every run, failed or not: delete each link the suite processes recorded as made and not
 * deleted (by id: a note too short for the tag hides a link from the search), then each still-unused
 * link of the run's accounts whose note carries the run's tag. On a real server that is what keeps
 * the suite from leaving links behind.
 * Bounded (a few list pages per account, a retry budget for 429s, and a breaker of its own that
 * stops it after 5 answers in a row cut as too slow or endless: core/targetBreaker.ts), and it
 * never fails the run: problems are reported, and a real account's links that may be left behind
 * always are.
 */
import { createSecPaidClient, type SecPaidClient, type SecPaidResult } from '../../client/secpaidClient.ts';
import type { BodyLimits } from '../../core/boundedBody.ts';
import { redactedMarker } from '../../core/redact.ts';
import { TargetBreaker } from '../../core/targetBreaker.ts';
import { redirectNote } from '../../core/targetFetch.ts';
import { exchangeRecord } from '../harness/exchangeRecord.ts';
import type { LinkRecord, RequestRecord } from '../reporting/observations.ts';
import { defaultRetryBudget, type RetryBudget, waitToRetry } from './cleanupRetry.ts';

export interface CleanupResult {
  deleted: number;
  problems: string[];
}

export interface CleanupAccount {
  token: string;
  /** How reports name it (never the key): `SECPAID_TOKEN`, `test account #3`. */
  label: string;
  /**
   * A key from the environment: a real account, whose 429 is waited out and whose every failure
   * is reported. Otherwise a disposable tenant of the control API, which may be suspended or
   * rate-limited on purpose.
   */
  fromEnvironment: boolean;
}

const maxRounds = 5;

/**
 * `why` explains a status that is not what it seems (a redirect, a retry budget spent); `cut` says
 * why `text` is only the start of the body (core/boundedBody.ts), which then cannot be read.
 */
type Answer = { status: number; retryAfter: string | null; text: string; why?: string; cut?: string };

/** One listing or deletion; a call without an answer throws (SecPaidRequestError), and cleanup reports it. */
async function post(
  client: SecPaidClient,
  call: (client: SecPaidClient) => Promise<SecPaidResult<'deleteLink'> | SecPaidResult<'getMyUnusedLinks'>>,
): Promise<Answer> {
  const result = await call(client);
  const why = redirectNote(result.status, result.headers.get('location'), client.baseUrl);
  const cut = result.documented ? undefined : result.bodyCut;
  return {
    status: result.status,
    retryAfter: result.headers.get('retry-after'),
    text: result.bodyText,
    ...(why ? { why } : {}),
    ...(cut ? { cut } : {}),
  };
}

/** The ids each account still holds by the suite processes' records (made, and not deleted since). */
export function aliveLinks(records: readonly LinkRecord[]): Map<string, number[]> {
  const alive = new Map<string, Set<number>>();
  for (const record of records) {
    const ids = alive.get(record.token) ?? new Set<number>();
    if (record.alive) ids.add(record.id);
    else ids.delete(record.id);
    alive.set(record.token, ids);
  }
  return new Map([...alive].map(([token, ids]) => [token, [...ids]]));
}

type ListedLink = { linktopay_id: string; recipient_note: string };

/** The links of a listing's answer, or what is wrong with it (a target under test may answer anything). */
function listedLinks(text: string): ListedLink[] | string {
  let data: unknown;
  try {
    data = (JSON.parse(text) as { data?: unknown } | null)?.data;
  } catch {
    return 'a body that is not JSON';
  }
  if (!Array.isArray(data)) return 'data that is not a list';
  return data
    .filter((l): l is Record<string, unknown> => typeof l === 'object' && l !== null)
    .map((l) => ({ linktopay_id: String(l.linktopay_id), recipient_note: String(l.recipient_note ?? '') }));
}

/** A disposable test tenant suspended (403) or rate-limited (429) on purpose by a test is not worth a problem. */
const worthAProblem = (account: { fromEnvironment?: boolean }, status: number) =>
  account.fromEnvironment === true || (status !== 403 && status !== 429);

export async function cleanupRun(
  baseUrl: string,
  accounts: CleanupAccount[],
  runId: string,
  log: RequestRecord[],
  budget: RetryBudget = defaultRetryBudget(),
  recorded: readonly LinkRecord[] = [],
  limits?: BodyLimits,
): Promise<CleanupResult> {
  const byToken = aliveLinks(recorded);
  const tag = `[run:${runId}]`;
  const result: CleanupResult = { deleted: 0, problems: [] };
  const leftBehind = `links of this run (note tag ${tag}) may be left behind`;
  const breaker = new TargetBreaker();
  for (const account of accounts) {
    const client = createSecPaidClient({
      baseUrl,
      token: account.token,
      timeoutMs: 10_000,
      ...(limits ? { bodyLimits: limits } : {}),
      breaker,
      describeToken: () => redactedMarker,
      onExchange: (exchange) => void log.push({ ...exchangeRecord(exchange), test: 'cleanup' }),
    });
    /** A request of this account; a real account's 429 is retried within the budget. */
    const call = async (send: Parameters<typeof post>[1]): Promise<Answer> => {
      for (;;) {
        const answer = await post(client, send);
        if (answer.status !== 429 || !account.fromEnvironment) return answer;
        const wait = await waitToRetry(answer.retryAfter, budget);
        if (!wait.retry) return { ...answer, why: wait.why };
      }
    };
    const attempted = new Set<string>();
    /** Links a disposable tenant could not delete for a reason a test gave it on purpose. */
    const excused = new Set<string>();
    const deleteAnswered = (id: string, answer: Answer) => {
      if (answer.status === 200) result.deleted += 1;
      else if (!worthAProblem(account, answer.status)) excused.add(id);
      else
        result.problems.push(
          `${account.label}: link ${id}: deleteLink answered ${answer.status}${answer.why ? ` (${answer.why})` : ''}: left behind`,
        );
    };
    try {
      for (const id of byToken.get(account.token) ?? []) {
        attempted.add(String(id));
        const answer = await call((c) => c.deleteLink({ link_id: id }));
        // 404: already gone (a test deleted it, or its answer was lost); 400: paid, which stays.
        if (answer.status !== 404 && answer.status !== 400) deleteAnswered(String(id), answer);
      }
      let finished = false;
      for (let round = 0; round < maxRounds && !finished; round++) {
        const list = await call((c) => c.getMyUnusedLinks({ search: tag, limit: 1000 }));
        if (list.status === 200 && list.cut) {
          result.problems.push(`${account.label}: listing answered a body ${list.cut}: ${leftBehind}`);
          finished = true;
          break;
        }
        if (list.status !== 200) {
          if (worthAProblem(account, list.status)) {
            const why = list.why ? ` (${list.why})` : '';
            result.problems.push(`${account.label}: listing answered ${list.status}${why}: ${leftBehind}`);
          }
          finished = true;
          break;
        }
        const listed = listedLinks(list.text);
        if (typeof listed === 'string') {
          result.problems.push(`${account.label}: listing answered ${listed}: ${leftBehind}`);
          finished = true;
          break;
        }
        const ours = listed.filter((l) => l.recipient_note.includes(tag));
        const fresh = ours.filter((l) => !attempted.has(l.linktopay_id));
        const stuck = ours.filter((l) => attempted.has(l.linktopay_id) && !excused.has(l.linktopay_id));
        if (stuck.length > 0)
          result.problems.push(
            `${account.label}: ${stuck.length} links still listed after deleteLink: left behind`,
          );
        if (fresh.length === 0) finished = true;
        for (const link of fresh) {
          attempted.add(link.linktopay_id);
          const answer = await call((c) => c.deleteLink({ link_id: Number(link.linktopay_id) }));
          deleteAnswered(link.linktopay_id, answer);
        }
      }
      if (!finished)
        result.problems.push(`${account.label}: still deleting after ${maxRounds} rounds: ${leftBehind}`);
    } catch (error) {
      result.problems.push(`${account.label}: ${String(error)}: ${leftBehind}`);
    }
  }
  return result;
}
