/**
 * `const suite = contractSuite('createLink')` and `suite.test('400 InvalidParameters when amount is
 * 0', fn)`: node:test tests whose title starts with the status they provoke. A test declares what it
 * needs from the target; when the target lacks it, the test is skipped with the reason, and the
 * coverage matrix records that status as "not provokable on this target: <reason>". A test that
 * fails marks its status cell failed, whatever the response checks said.
 */
import { AssertionError } from 'node:assert';
import { test } from 'node:test';
import type { OperationId } from '../../core/spec.ts';
import { boundedText, detailChars, messageChars } from '../checks/boundedVerdict.ts';
import { excerpt, quoted } from '../checks/types.ts';
import { contractContext } from './context.ts';
import { currentTest } from './currentTest.ts';
import { NotAsDocumented } from './judgeAnswer.ts';
import { recordObservation } from './recorder.ts';

/**
 * `receiver`: the target's server can reach this machine's loopback, where the webhooks suite
 * receives its notifications.
 */
export type Need = 'writes' | 'control' | 'secondAccount' | 'recipient' | 'receiver';

export interface TestOptions {
  needs?: Need[];
  /** What the test needs, said first in the skip reason ("needs fault injection"). */
  because?: string;
}

function missingReason(need: Need): string | undefined {
  const context = contractContext();
  switch (need) {
    case 'writes':
      return context.readOnly ? 'read-only run: this test would create links' : undefined;
    case 'control':
      if (context.control) return undefined;
      return context.controlSetAside ?? 'the target offers no sandbox control API (/sandbox/*)';
    case 'secondAccount':
      return context.control || context.tokens.b
        ? undefined
        : 'a second account is needed: set SECPAID_TOKEN_B';
    case 'recipient':
      return context.control || context.tokens.recipient
        ? undefined
        : "another account's recipient token is needed: set SECPAID_RECIPIENT_TOKEN";
    case 'receiver':
      return context.loopbackUnreachable;
  }
}

/** Why the target cannot run a test with these options, or undefined when it can. */
export function notProvokableReason(options: TestOptions): string | undefined {
  const missing = (options.needs ?? []).map(missingReason).filter((r): r is string => r !== undefined);
  return missing.length > 0 ? [options.because, ...missing].filter(Boolean).join('; ') : undefined;
}

/**
 * What a test's failure says. node's own assertion message opens with its operator's words
 * ("Expected values to be strictly equal:") and says what differed only in a diff below: the
 * reports' first line then says it instead, "received … / expected …", like the checks.
 */
function failureText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  if (!(error instanceof AssertionError) || !error.generatedMessage) return error.message;
  return `received ${quoted(error.actual)} / expected ${quoted(error.expected)} (${error.operator})\n${error.message}`;
}

/**
 * What a failed test records: its message's first line, cut like a value (the coverage matrix
 * names the test by it), the whole message bounded (the reports show it beside the exchange it is
 * about), and that exchange: `cited` when the caller knows it, the one a failed answer names, else
 * the test's latest.
 */
export function testFailure(
  error: unknown,
  cited?: string,
): { message: string; detail: string; exchangeId?: string } {
  const text = failureText(error);
  const exchangeId =
    cited ?? (error instanceof NotAsDocumented ? error.exchangeId : currentTest.getStore()?.lastExchange);
  return {
    message: excerpt(text.split('\n')[0], messageChars),
    detail: boundedText(text, detailChars),
    ...(exchangeId ? { exchangeId } : {}),
  };
}

export function statusOfTitle(title: string): number {
  const match = /^([1-5][0-9]{2}) /.exec(title);
  if (!match) throw new Error(`a contract test title starts with the status it provokes: "${title}"`);
  return Number(match[1]);
}

export function contractSuite(operationId: OperationId) {
  contractContext(); // sets the run id before any builder writes a note
  return {
    test(
      title: string,
      optionsOrFn: TestOptions | (() => Promise<void>),
      maybeFn?: () => Promise<void>,
    ): void {
      const options = typeof optionsOrFn === 'function' ? {} : optionsOrFn;
      const fn = typeof optionsOrFn === 'function' ? optionsOrFn : maybeFn!;
      const status = statusOfTitle(title);
      const reason = notProvokableReason(options);
      if (reason !== undefined) {
        recordObservation({ kind: 'notProvokable', operationId, status, test: title, reason });
        test(title, { skip: `not provokable on this target: ${reason}` }, () => {});
        return;
      }
      test(title, () =>
        currentTest.run({ title, operationId }, async () => {
          try {
            await fn();
          } catch (error) {
            recordObservation({
              kind: 'testFailed',
              operationId,
              status,
              test: title,
              ...testFailure(error),
            });
            throw error;
          }
        }),
      );
    },
  };
}

export type ContractSuite = ReturnType<typeof contractSuite>;
