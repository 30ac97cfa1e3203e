/**
 * `--max-requests N`: the generated phase's process sends at most N requests, its set-up and the
 * control API included (every request is recorded, so the count is the request log's). Checked
 * before each example and before each request its set-up makes; what the cap left out is counted.
 */
import { requestsRecorded } from '../harness/recorder.ts';

export class CapReached extends Error {
  override name = 'CapReached';
}

let cap = Number.POSITIVE_INFINITY;
let leftOut = 0;

export function setRequestCap(max: number | undefined): void {
  cap = max ?? Number.POSITIVE_INFINITY;
}

/** Throws CapReached when the next request would pass the cap. */
export function checkCap(): void {
  if (requestsRecorded() >= cap) throw new CapReached(`the --max-requests cap of ${cap} was reached`);
}

export function noteLeftOut(count = 1): void {
  leftOut += count;
}

export function examplesLeftOut(): number {
  return leftOut;
}
