/**
 * The two kinds of plan step, typed: `yield* call(request)` answers one reply, `yield* callAll(requests)`
 * answers one reply per request, in order, the engine sending them at once. A plan never yields a bare
 * value, so each step's answer has the type its kind promises.
 */
import type { PlanAnswer, PlanCall, PlanReply, PlanStep } from './types.ts';

export function* call(request: PlanCall): Generator<PlanStep, PlanReply, PlanAnswer> {
  const answer = yield request;
  if (isReplyList(answer)) throw new Error('the engine answered one call with a list of replies');
  return answer;
}

export function* callAll(
  requests: readonly PlanCall[],
): Generator<PlanStep, readonly PlanReply[], PlanAnswer> {
  if (requests.length === 0) return [];
  const answer = yield requests;
  if (!isReplyList(answer) || answer.length !== requests.length)
    throw new Error(`the engine did not answer each of ${requests.length} calls`);
  return answer;
}

export function isReplyList(answer: PlanAnswer): answer is readonly PlanReply[] {
  return Array.isArray(answer);
}

export function isCallList(step: PlanStep): step is readonly PlanCall[] {
  return Array.isArray(step);
}
