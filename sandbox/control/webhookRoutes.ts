/**
 * The control API's view of the payment notifications (spec/sandbox.yaml): the delivery log,
 * `GET /sandbox/webhooks[?link_id=N][&limit=N]` (the newest 100 unless told), and a redelivery, `POST /sandbox/webhooks/{id}/redeliver`,
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
const wholeNumber = /^[1-9][0-9]{0,3}$/;
export const defaultDeliveriesListed = 100;
export const maxDeliveriesListed = 1000;

interface LogQuery {
  /** Only this link's deliveries; undefined for every link's. */
  linkId: number | undefined;
  /** The newest this many. */
  limit: number;
}

/** The one value of `name` in `params`, or undefined; given twice is a 400. */
function single(params: URLSearchParams, name: string): string | undefined {
  const given = params.getAll(name);
  if (given.length > 1) throw invalid(`${name} is given more than once`);
  return given[0];
}

/** What the query asks for; a query it cannot read is a 400. */
function readLogQuery(query: string): LogQuery {
  const params = new URLSearchParams(query);
  for (const name of new Set(params.keys()))
    if (name !== 'link_id' && name !== 'limit')
      throw invalid(`unknown query parameter ${name}: the only ones are link_id and limit`);
  const link = single(params, 'link_id');
  if (link !== undefined && !linkId.test(link))
    throw invalid("link_id must be a link's id, a whole number from 1");
  const limit = single(params, 'limit');
  if (limit !== undefined && !(wholeNumber.test(limit) && Number(limit) <= maxDeliveriesListed))
    throw invalid(`limit must be a whole number from 1 to ${maxDeliveriesListed}`);
  return {
    linkId: link === undefined ? undefined : Number(link),
    limit: limit === undefined ? defaultDeliveriesListed : Number(limit),
  };
}

/** The newest `limit` deliveries (of the link, when one is named), oldest first. */
export function listWebhooks(state: SandboxState, query: string): ControlResult {
  const { linkId, limit } = readLogQuery(query);
  const deliveries = state.notifier.log.list(linkId).slice(-limit);
  return { status: 200, body: { data: deliveries.map(renderDelivery) } };
}

export async function redeliverWebhook(state: SandboxState, id: string): Promise<ControlResult> {
  const delivery = state.notifier.log.get(id);
  if (!delivery) throw new ApiError('NotFound', `No webhook delivery ${id}`);
  if (delivery.state === 'not_sent')
    throw conflict(`${id} was not sent and cannot be: ${delivery.reason ?? 'no endpoint'}`);
  await state.notifier.redeliver(delivery);
  return { status: 200, body: { data: renderDelivery(delivery) } };
}
