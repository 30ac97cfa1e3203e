/**
 * The suites a run may select: one per operation of the spec, and `webhooks`, which checks the
 * payment notifications a server sends (suites/webhooks.contract.test.ts). `--only` takes these
 * names; each has its file `suites/<id>.contract.test.ts` (runner/suiteFiles.ts).
 */
import { type OperationId, operationIds } from '../../core/spec.ts';

export const webhooksSuite = 'webhooks';

export type SuiteId = OperationId | typeof webhooksSuite;

export const suiteIds: readonly SuiteId[] = [...operationIds, webhooksSuite];

export const isOperationId = (name: string): name is OperationId =>
  (operationIds as readonly string[]).includes(name);

export const isSuiteId = (name: string): name is SuiteId => (suiteIds as readonly string[]).includes(name);
