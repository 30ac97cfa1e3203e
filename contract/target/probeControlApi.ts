/**
 * Does a server offer the sandbox control API? Polls `GET /sandbox/health` until the server answers
 * at all (a just-started server may still be binding), within a deadline; a 200 `{status:"ok"}`
 * means yes, any other answer means a server without it. A redirect is such an answer: followed,
 * it would let another host's control API stand in for the target's.
 */
import { targetFetch } from '../../core/targetFetch.ts';

const pollEveryMs = 100;

export async function probeControlApi(baseUrl: string, deadlineMs = 5000): Promise<boolean> {
  const until = Date.now() + deadlineMs;
  const fetchTarget = targetFetch(baseUrl);
  let lastError: unknown;
  while (Date.now() < until) {
    try {
      const response = await fetchTarget(new URL('/sandbox/health', baseUrl), {
        signal: AbortSignal.timeout(2000),
      });
      const body = (await response.json().catch(() => undefined)) as { status?: unknown } | undefined;
      return response.status === 200 && body?.status === 'ok';
    } catch (error) {
      lastError = error;
      await new Promise((resolve) => setTimeout(resolve, pollEveryMs));
    }
  }
  throw new Error(
    `${baseUrl} did not answer within ${deadlineMs} ms: ${String((lastError as Error)?.cause ?? lastError)}`,
  );
}
