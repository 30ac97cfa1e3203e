/**
 * Every request Pactum sends goes through a bounded agent (core/boundedAgent.ts), so no answer can
 * fill a suite process's memory or outlast the request's timeout. Pactum emits BEFORE_REQUEST with
 * the request object it then hands to phinx, whose `core` options reach node:http (centra's
 * `option()`): the agent for the URL's protocol and the request's own timeout as its deadline go
 * there. They are set on the object directly, not through `withCore`, which deep-merges (and an
 * agent with live sockets is a cycle that overflows its stack); AFTER_RESPONSE takes them out again,
 * so nothing later in Pactum walks them either.
 */
import type pactum from 'pactum';
import { bodyDeadlineOption, bodyMeterOf, boundedAgents } from '../../core/boundedAgent.ts';
import type { BodyLimits } from '../../core/boundedBody.ts';

type PactumRequest = { url: string; timeout?: number; core?: Record<string, unknown> };

export function boundPactum(p: typeof pactum, limits: BodyLimits): void {
  const agents = boundedAgents(limits);
  const { pactumEvents, EVENT_TYPES } = p.events;
  pactumEvents.on(EVENT_TYPES.BEFORE_REQUEST, ({ request }: { request: PactumRequest }) => {
    const protocol = new URL(request.url).protocol as keyof typeof agents;
    const agent = agents[protocol];
    if (!agent) throw new Error(`Pactum request to ${request.url}: no bounded agent for ${protocol}`);
    request.core = {
      ...request.core,
      agent,
      ...(request.timeout ? { [bodyDeadlineOption]: request.timeout } : {}),
    };
  });
  pactumEvents.on(EVENT_TYPES.AFTER_RESPONSE, ({ request }: { request: PactumRequest }) => {
    if (!request.core) return;
    const { agent: _agent, [bodyDeadlineOption]: _deadline, ...rest } = request.core;
    if (Object.keys(rest).length > 0) request.core = rest;
    else delete request.core;
  });
}

/**
 * What became of a Pactum response's body. Throws for a response that did not pass through a
 * bounded agent, or whose buffer is not what the agent kept: the cap would not hold, and a run
 * must not go on as if it did.
 */
export function boundedBodyOf(response: { buffer?: unknown }) {
  const meter = bodyMeterOf(response);
  const length = Buffer.isBuffer(response.buffer) ? response.buffer.length : 0;
  if (!meter || length !== meter.outcome().keptBytes)
    throw new Error(
      `a Pactum response did not pass through the body cap (core/boundedAgent.ts): ${meter ? `${length} bytes read, ${meter.outcome().keptBytes} kept` : 'no meter'}`,
    );
  return meter;
}
