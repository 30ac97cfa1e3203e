/**
 * This suite process's breaker (core/targetBreaker.ts), which Pactum's agent and the control API
 * both report to: after 5 answers in a row cut as too slow or endless, or with no response head in
 * time, the process stops sending to the target, every later request fails at once with the
 * reason, and the runner learns of it from an observation. A dripping server then costs a process
 * five request deadlines, not one per request.
 */
import { cutOffAfter, TargetBreaker } from '../../core/targetBreaker.ts';
import { currentTest } from './currentTest.ts';
import { recordObservation } from './recorder.ts';

export const processBreaker = new TargetBreaker(cutOffAfter, (reason) =>
  recordObservation({ kind: 'cutOff', reason, test: currentTest.getStore()?.title }),
);
