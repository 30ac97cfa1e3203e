/**
 * Which test is running, without passing it through every function: the expect handler and the
 * request log read it to attribute observations and log lines to a test title.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { SuiteId } from '../suites/suiteIds.ts';

export interface RunningTest {
  title: string;
  /** The suite: an operation's, or webhooks. */
  operationId: SuiteId;
  /** The test's latest exchange (RequestRecord.id): the evidence of an assertion about its answer. */
  lastExchange?: string;
}

export const currentTest = new AsyncLocalStorage<RunningTest>();
