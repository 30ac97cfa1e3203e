/**
 * `const suite = webhookSuite()` and `suite.test('paid', 'paying a link notifies …', options, fn)`:
 * the webhooks suite's tests, each about one cell of the coverage matrix's `webhooks` row
 * (webhooks/notificationCells.ts) as contractSuite's are about an operation's status. A test
 * declares what it needs from the target; without it the test is skipped with the reason, and its
 * cell says "not provokable on this target: <reason>". A test that fails marks its cell failed, or
 * not checked when it failed before it judged any notification (creating its link, say).
 */
import { test } from 'node:test';
import { webhooksSuite } from '../suites/suiteIds.ts';
import { type NotificationCell, notificationCellInfo } from '../webhooks/notificationCells.ts';
import { contractContext } from './context.ts';
import { notProvokableReason, type TestOptions, testFailure } from './contractSuite.ts';
import { currentTest } from './currentTest.ts';
import { NotificationsNotAsExpected } from './notifications.ts';
import { recordObservation } from './recorder.ts';

export function webhookSuite() {
  contractContext(); // sets the run id before any builder writes a note
  return {
    test(cell: NotificationCell, title: string, options: TestOptions, fn: () => Promise<void>): void {
      const name = `${notificationCellInfo[cell].label}: ${title}`;
      const reason = notProvokableReason(options);
      if (reason !== undefined) {
        recordObservation({ kind: 'notificationNotProvokable', cell, test: name, reason });
        test(name, { skip: `not provokable on this target: ${reason}` }, () => {});
        return;
      }
      test(name, () =>
        currentTest.run({ title: name, operationId: webhooksSuite }, async () => {
          try {
            await fn();
          } catch (error) {
            const cited = error instanceof NotificationsNotAsExpected ? error.exchangeId : undefined;
            recordObservation({
              kind: 'notificationTestFailed',
              cell,
              test: name,
              ...testFailure(error, cited),
            });
            throw error;
          }
        }),
      );
    },
  };
}
