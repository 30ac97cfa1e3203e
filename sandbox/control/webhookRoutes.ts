/**
 * The control API's view of the payment notifications (spec/sandbox.yaml): the delivery log,
 * `GET /sandbox/webhooks[?link_id=N]`, and a redelivery, `POST /sandbox/webhooks/{id}/redeliver`,
 * which answers once the endpoint has (or the attempt timed out). Deliveries are written in the
 * spec's snake_case, timestamps of attempts in UTC.
 */
import { ApiError, invalid } from '../errors.ts';
import type { SandboxState } from '../state.ts';
import type { Delivery } from '../webhooks/deliveryLog.ts';
import { type ControlResult, conflict } from './controlResult.ts';

function renderDelivery(delivery: Delivery) {
  const { request, reason } = delivery;
  return {
    id: delivery.id,
    link_id: delivery.linkId,
    event: delivery.event,
    url: delivery.url,
    ...(request ? { content_type: request.contentType, body: request.body } : {}),
    encrypted: delivery.encrypted,
    state: delivery.state,
    ...(reason === undefined ? {} : { reason }),
    attempts: delivery.attempts.map((a) => ({
      attempt: a.attempt,
      at: new Date(a.at).toISOString(),
      ...(a.status === undefined ? {} : { status: a.status }),
      latency_ms: a.latencyMs,
      ...(a.error === undefined ? {} : { error: a.error }),
      redelivery: a.redelivery,
    })),
  };
}

// At most 15 digits, as link ids in paths: every such id is a safe integer.
const linkId = /^[1-9][0-9]{0,14}$/;

/** The link the query names, or undefined for every delivery; a query it cannot read is a 400. */
function linkOfQuery(query: string): number | undefined {
  const params = new URLSearchParams(query);
  for (const name of new Set(params.keys()))
    if (name !== 'link_id') throw invalid(`unknown query parameter ${name}: the only one is link_id`);
  const given = params.getAll('link_id');
  if (given.length > 1) throw invalid('link_id is given more than once');
  if (given.length === 0) return undefined;
  if (!linkId.test(given[0]!)) throw invalid("link_id must be a link's id, a whole number from 1");
  return Number(given[0]);
}

export function listWebhooks(state: SandboxState, query: string): ControlResult {
  const deliveries = state.notifier.log.list(linkOfQuery(query));
  return { status: 200, body: { data: deliveries.map(renderDelivery) } };
}

export async function redeliverWebhook(state: SandboxState, id: string): Promise<ControlResult> {
  const delivery = state.notifier.log.get(id);
  if (!delivery) throw new ApiError('NotFound', `No webhook delivery ${id}`);
  if (delivery.state === 'not_sent')
    return conflict(`${id} was not sent and cannot be: ${delivery.reason ?? 'no endpoint'}`);
  await state.notifier.redeliver(delivery);
  return { status: 200, body: { data: renderDelivery(delivery) } };
}
