/**
 * A body the harness did not keep whole (longer than the run's cap, still arriving past the drain
 * bound or at the request's deadline: core/boundedBody.ts) cannot be held to the spec; that is a
 * failure in itself, stated as what it is rather than as a body that is not JSON.
 */
import type { Check } from './types.ts';

export const responseBodyBounded: Check = {
  name: 'responseBodyBounded',
  run: (ex) =>
    ex.bodyCut === undefined
      ? []
      : [`received a response body ${ex.bodyCut}: not checked against the schema / documented: a JSON body`],
};
