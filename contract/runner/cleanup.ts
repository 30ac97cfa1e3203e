/**
 * After every run, failed or not: delete each still-unused link of the run's accounts whose note
 * carries the run's tag. On a real server that is what keeps the suite from leaving links behind.
 * Bounded (a few list pages per account), and it never fails the run: problems are reported.
 */
import { operations } from '../../core/spec.ts';
import type { RequestRecord } from '../reporting/observations.ts';

export interface CleanupResult {
  deleted: number;
  problems: string[];
}

const maxRounds = 5;

async function post(
  baseUrl: string,
  token: string,
  path: string,
  form: Record<string, string>,
  log: RequestRecord[],
) {
  const started = Date.now();
  const url = new URL(path, baseUrl).toString();
  const requestBody = new URLSearchParams(form).toString();
  const response = await fetch(url, {
    method: 'POST',
    headers: { token, 'content-type': 'application/x-www-form-urlencoded' },
    body: requestBody,
    signal: AbortSignal.timeout(10_000),
  });
  const text = await response.text();
  log.push({
    at: new Date().toISOString(),
    test: 'cleanup',
    method: 'POST',
    url,
    requestHeaders: { token: '«redacted»', 'content-type': 'application/x-www-form-urlencoded' },
    requestBody,
    status: response.status,
    responseBody: text,
    ms: Date.now() - started,
  });
  return {
    status: response.status,
    body: JSON.parse(text) as { data?: { linktopay_id: string; recipient_note: string }[] },
  };
}

export async function cleanupRun(
  baseUrl: string,
  tokens: string[],
  runId: string,
  log: RequestRecord[],
): Promise<CleanupResult> {
  const tag = `[run:${runId}]`;
  const result: CleanupResult = { deleted: 0, problems: [] };
  for (const [index, token] of [...new Set(tokens)].entries()) {
    const attempted = new Set<string>();
    try {
      for (let round = 0; round < maxRounds; round++) {
        const list = await post(
          baseUrl,
          token,
          operations.getMyUnusedLinks.path,
          { search: tag, limit: '1000' },
          log,
        );
        if (list.status !== 200) {
          // Suspended and rate-limited test accounts cannot list; they created nothing to clean.
          if (list.status !== 403 && list.status !== 429)
            result.problems.push(`account #${index + 1}: listing answered ${list.status}`);
          break;
        }
        const ours = (list.body.data ?? []).filter((l) => l.recipient_note.includes(tag));
        const fresh = ours.filter((l) => !attempted.has(l.linktopay_id));
        if (fresh.length < ours.length) {
          result.problems.push(
            `account #${index + 1}: ${ours.length - fresh.length} links still listed after deleteLink`,
          );
        }
        if (fresh.length === 0) break;
        for (const link of fresh) {
          attempted.add(link.linktopay_id);
          const answer = await post(
            baseUrl,
            token,
            operations.deleteLink.path,
            { link_id: link.linktopay_id },
            log,
          );
          if (answer.status === 200) result.deleted += 1;
          else result.problems.push(`link ${link.linktopay_id}: deleteLink answered ${answer.status}`);
        }
      }
    } catch (error) {
      result.problems.push(`account #${index + 1}: ${String(error)}`);
    }
  }
  return result;
}
