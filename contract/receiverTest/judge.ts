/**
 * The verdict on one variant: what the receiver answered against what the docs ask (variants.ts).
 * Whatever the variant, a 5xx, a redirect or no answer at all is a finding: SecPaid counts each as a
 * failed delivery, and a redirect is never followed (spec/DECISIONS.md D-WEBHOOK).
 */
import type { Exchange } from './exchange.ts';
import type { Variant } from './variants.ts';

export interface Finding {
  /** One line: what went wrong. */
  problem: string;
  /** What the docs ask, and where. */
  docs: string;
  /** The exchange (of the variant's) it is about. */
  exchange: number;
}

const redirectDocs =
  'a notification is delivered to the endpoint itself: a redirect is not followed and counts as a failed delivery';
const serverErrorDocs =
  'a receiver answers 2xx to a notification it handled and 4xx to a body it cannot read, never 5xx: a 5xx counts as a failed delivery';
const noAnswerDocs =
  'a receiver answers every notification within the delivery timeout: no answer counts as a failed delivery';

/** What the docs ask, from the most particular reading to the variant's own, and where the spec records them. */
const cite = (...parts: string[]) => `${parts.join('; ')} (spec/DECISIONS.md D-WEBHOOK)`;

/** The findings on the notification's own exchange (always the variant's first). */
export function judgeAnswer(variant: Variant, sent: Exchange): Finding[] {
  const finding = (problem: string, ...docs: string[]): Finding[] => [
    { problem, docs: cite(...docs, variant.docs), exchange: 0 },
  ];
  if (sent.error) return finding(`no answer: ${sent.error.code} (${sent.error.message})`, noAnswerDocs);
  const status = sent.answer!.status;
  if (status >= 500)
    return finding(`answered ${status}, a 5xx; expected ${variant.expects}`, serverErrorDocs);
  if (status >= 300 && status < 400) {
    const to = sent.answer!.location ? ` to ${sent.answer!.location}` : ' without a Location';
    return finding(
      `answered ${status}, a redirect${to} (not followed); expected ${variant.expects}`,
      redirectDocs,
    );
  }
  const klass = `${Math.trunc(status / 100)}xx`;
  if (klass === variant.expects) return [];
  if (variant.expects === '4xx' && klass === '2xx')
    return finding(
      `accepted it with ${status}: a receiver that acknowledges a body that is no valid notification may fulfil an order on it; expected 4xx`,
    );
  if (variant.expects === '2xx' && klass === '4xx')
    return finding(
      `refused a genuine notification with ${status}; expected 2xx${variant.hint ? ` (${variant.hint})` : ''}`,
    );
  return finding(`answered ${status}; expected ${variant.expects}`);
}

/**
 * The findings on the fulfilments count read after the variant (its exchange `index`): the receiver
 * fulfilled the order of every paid notification so far exactly once.
 */
export function judgeFulfilments(
  got: Exchange,
  wholeBody: string | undefined,
  index: number,
  docs: string,
): Finding[] {
  const finding = (problem: string): Finding[] => [{ problem, docs: cite(docs), exchange: index }];
  if (got.error)
    return finding(`the --fulfilments URL did not answer: ${got.error.code} (${got.error.message})`);
  const status = got.answer!.status;
  if (status !== 200) return finding(`the --fulfilments URL answered ${status}, not 200 with {"count": n}`);
  let count: unknown;
  try {
    count = (JSON.parse(wholeBody ?? '') as { count?: unknown } | null)?.count;
  } catch {
    return finding('the --fulfilments URL answered a body that is not JSON, not {"count": n}');
  }
  if (!Number.isSafeInteger(count) || (count as number) < 0)
    return finding('the --fulfilments URL answered no whole number as "count", not {"count": n}');
  if (count === 1) return [];
  if (count === 0)
    return finding(
      'the order was never fulfilled (count 0) after its paid notifications: a receiver that fulfils nothing passes the duplicate check for nothing',
    );
  return finding(
    `the order was fulfilled ${count} times: a notification delivered again was fulfilled again`,
  );
}
