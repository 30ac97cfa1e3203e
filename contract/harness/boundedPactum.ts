/**
 * Every request Pactum sends goes through a bounded agent (core/boundedAgent.ts), so no answer can
 * fill a suite process's memory or hold a request for ever. Pactum emits BEFORE_REQUEST with the
 * request object it then hands to phinx, whose `core` options reach node:http (centra's
 * `option()`): the agent for the URL's protocol goes there, and the request's timeout becomes the
 * agent's head deadline. The timeout is taken off the request meanwhile: centra would make it a
 * socket idle timeout, a second clock racing the agent's; the agent bounds the head, and the body
 * within `limits.deadlineMs` of it. The options are set on the object directly, not through
 * `withCore`, which deep-merges (and an agent with live sockets is a cycle that overflows its
 * stack); AFTER_RESPONSE puts the request back as it was, so nothing later in Pactum walks them.
 * A request asking for compression is refused: centra would inflate the kept start of a body, and
 * what the suites read would no longer be what the cap kept.
 */
import type pactum from 'pactum';
import { bodyMeterOf, boundedAgents, headDeadlineOption } from '../../core/boundedAgent.ts';
import type { BodyLimits } from '../../core/boundedBody.ts';
import type { TargetBreaker } from '../../core/targetBreaker.ts';

type PactumRequest = {
  url: string;
  timeout?: number;
  compression?: boolean;
  core?: Record<string, unknown>;
};

/** `breaker`, when given, stops Pactum's requests once it has tripped (core/targetBreaker.ts). */
export function boundPactum(p: typeof pactum, limits: BodyLimits, breaker?: TargetBreaker): void {
  const agents = boundedAgents(limits, breaker);
  const { pactumEvents, EVENT_TYPES } = p.events;
  pactumEvents.on(EVENT_TYPES.BEFORE_REQUEST, ({ request }: { request: PactumRequest }) => {
    if (request.compression)
      throw new Error(
        `Pactum request to ${request.url} asks for compression: refused, since the body cap (core/boundedAgent.ts) keeps the bytes as sent and centra would inflate them`,
      );
    const protocol = new URL(request.url).protocol as keyof typeof agents;
    const agent = agents[protocol];
    if (!agent) throw new Error(`Pactum request to ${request.url}: no bounded agent for ${protocol}`);
    request.core = {
      ...request.core,
      agent,
      ...(request.timeout ? { [headDeadlineOption]: request.timeout } : {}),
    };
    delete request.timeout;
  });
  pactumEvents.on(EVENT_TYPES.AFTER_RESPONSE, ({ request }: { request: PactumRequest }) => {
    if (!request.core) return;
    const { agent: _agent, [headDeadlineOption]: timeout, ...rest } = request.core;
    if (typeof timeout === 'number') request.timeout = timeout;
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
