/**
 * The fetch side of the body cap (boundedBody.ts): a Response whose body stream hands out at most
 * the cap, drains the rest within the drain bound, and is cut (the source stream cancelled, which
 * closes the connection) past that bound or at the deadline. The bounded body ends normally in every
 * case, so `text()` and `json()` read the kept start and `bodyOutcome` says what happened. Clones
 * (`response.clone()`) tee the bounded stream, so they are bounded too.
 * The body's deadline is `limits.deadlineMs` from the head (when the response is bounded here), or
 * the request's signal timing out first (a TimeoutError while the body arrives is a cut, not an
 * error; any other abort stays an error).
 */
import { performance } from 'node:perf_hooks';
import { type BodyLimits, BodyMeter, type BodyOutcome } from './boundedBody.ts';

const meters = new WeakMap<Response, BodyMeter>();

export interface BoundOptions {
  /** The request's signal. */
  signal?: AbortSignal;
  /**
   * Held until the body ends: a Request re-made from the caller's follows the caller's signal only
   * weakly, so the caller's signal must stay reachable for its timeout to fire during the body.
   */
  hold?: unknown;
  /**
   * Called once when the body has ended, was cut, failed or was cancelled by its reader: with the
   * outcome in the first two cases, undefined in the others (the body has no outcome).
   */
  onSettled?: (outcome: BodyOutcome | undefined) => void;
}

const isTimeout = (error: unknown, signal: AbortSignal | undefined) =>
  (error as Error | undefined)?.name === 'TimeoutError' ||
  (signal?.aborted === true && (signal.reason as Error | undefined)?.name === 'TimeoutError');

export function boundResponse(response: Response, limits: BodyLimits, options: BoundOptions): Response {
  const meter = new BodyMeter(limits);
  const source = response.body;
  if (!source) {
    meter.end();
    options.onSettled?.(meter.outcome());
    meters.set(response, meter);
    return response;
  }
  const reader = source.getReader();
  const { signal } = options;
  const headAt = performance.now();
  // Released when the body has ended or was cut (see BoundOptions.hold).
  const held = [options.hold];
  let onSettled = options.onSettled;
  let timer: NodeJS.Timeout | undefined;
  const settle = () => {
    clearTimeout(timer);
    timer = undefined;
    held.length = 0;
    onSettled?.(meter.finished ? meter.outcome() : undefined);
    onSettled = undefined;
  };
  const tooSlow = () => meter.tooSlow(performance.now() - headAt);
  const cutTransfer = () => {
    settle();
    reader.cancel(new Error(`response body cut: ${meter.describe()}`)).catch(() => {});
  };
  const body = new ReadableStream<Uint8Array>(
    {
      start() {
        timer = setTimeout(() => {
          tooSlow();
          cutTransfer();
        }, limits.deadlineMs);
        timer.unref();
      },
      async pull(controller) {
        for (;;) {
          let step: Awaited<ReturnType<typeof reader.read>>;
          try {
            step = await reader.read();
          } catch (error) {
            if (!isTimeout(error, signal)) {
              settle();
              throw error;
            }
            tooSlow();
            step = { done: true, value: undefined };
          }
          if (step.done || meter.finished) {
            meter.end();
            if (meter.stopped) cutTransfer();
            else settle();
            controller.close();
            return;
          }
          const keep = meter.take(step.value);
          if (keep) controller.enqueue(keep);
          if (meter.stopped) {
            cutTransfer();
            controller.close();
            return;
          }
          if (keep) return;
        }
      },
      cancel(reason) {
        settle();
        return reader.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
  const bounded = asAnswered(new Response(body, { headers: response.headers }), response);
  meters.set(bounded, meter);
  return bounded;
}

/**
 * `made` with the answer's own status line and URL. The Response constructor accepts only statuses
 * 200–599 and a reason phrase of bytes, while fetch hands back whatever the server sent (HTTP 600, a
 * reason phrase in Latin-1 read as U+FFFD): so the body is wrapped under a plain 200 and the answer's
 * status, reason, `ok`, URL and redirect flag are set on the wrapper. Its clones carry them too.
 */
function asAnswered(made: Response, answered: Response): Response {
  const { status, statusText, ok, url, redirected, type } = answered;
  for (const [name, value] of Object.entries({ status, statusText, ok, url, redirected, type }))
    Object.defineProperty(made, name, { value });
  const clone = made.clone.bind(made);
  Object.defineProperty(made, 'clone', { value: () => asAnswered(clone(), answered) });
  return made;
}

/** What became of a bounded response's body (final once the body was read); undefined if not bounded. */
export function bodyOutcome(response: Response): BodyOutcome | undefined {
  return meters.get(response)?.outcome();
}

/** The cut of a bounded response's body in words (boundedBody.ts describeCut); undefined when whole. */
export function bodyCutText(response: Response): string | undefined {
  return meters.get(response)?.describe();
}

export interface BoundedText {
  text: string;
  body: BodyOutcome;
  /** Why the text is not the whole body; undefined when it is. */
  cut?: string;
}

/** Reads a bounded response's kept text with its outcome. Refuses a response that is not bounded. */
export async function readBoundedText(response: Response): Promise<BoundedText> {
  const meter = meters.get(response);
  if (!meter)
    throw new TypeError('readBoundedText: not a response from targetFetch (its body is not bounded)');
  const text = await response.text();
  const cut = meter.describe();
  return { text, body: meter.outcome(), ...(cut ? { cut } : {}) };
}
