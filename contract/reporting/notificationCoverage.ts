/**
 * The `webhooks` row of the coverage matrix: one cell per notification check of the webhooks suite
 * (webhooks/notificationCells.ts), counted like an operation's status. A cell is `valid` when an
 * expectation about notifications was judged and held, `failed` when one did not (or its test
 * failed after judging), `notChecked` when its test failed before it judged any notification (the
 * link could not be made: that failure belongs to createLink's cell), `notProvokable` when the
 * target cannot deliver to the suite's receiver (with the reason), and `missing` when nothing
 * exercised it.
 */

import { webhooksSuite } from '../suites/suiteIds.ts';
import {
  type NotificationCell,
  notificationCellInfo,
  notificationCells,
} from '../webhooks/notificationCells.ts';
import {
  addProblem,
  type Call,
  type CellTally,
  emptyTally,
  prerequisiteFailure,
  settledState,
  testKey,
} from './coverageCell.ts';
import type { Observation } from './observations.ts';

export interface NotificationCoverageCell extends CellTally {
  cell: NotificationCell;
}

/** How the gate and the reports name a cell of the row: `webhooks two endpoints`. */
export const notificationCellName = (cell: NotificationCell) =>
  `${webhooksSuite} ${notificationCellInfo[cell].label}`;

export function notificationCoverage(
  observations: readonly Observation[],
  calls: Map<string, Call[]>,
): NotificationCoverageCell[] {
  const cells = new Map(notificationCells.map((cell) => [cell, { cell, ...emptyTally() }]));
  for (const o of observations) {
    if (o.kind === 'notificationNotProvokable') {
      const tally = cells.get(o.cell)!;
      if (!tally.reasons.includes(o.reason)) tally.reasons.push(o.reason);
    } else if (o.kind === 'notification') {
      const tally = cells.get(o.cell)!;
      const first = o.failures[0];
      if (!first) tally.valid += 1;
      else {
        tally.failed += 1;
        addProblem(tally, `${o.test}: ${first.check}: ${first.message}`);
      }
    } else if (o.kind === 'notificationTestFailed') {
      const tally = cells.get(o.cell)!;
      const prerequisite = prerequisiteFailure({ operationId: webhooksSuite, test: o.test }, calls);
      if (prerequisite) tally.notChecked.push(`${o.test}: ${prerequisite}`);
      else {
        tally.failed += 1;
        // A test that failed on a notification: that notification's line says why already.
        const own = calls.get(testKey(webhooksSuite, o.test)) ?? [];
        if (!own.some((c) => c.operationId === webhooksSuite && c.failed))
          addProblem(tally, `${o.test}: ${o.message.split('\n')[0]}`);
      }
    }
  }
  const list = [...cells.values()];
  for (const tally of list) tally.state = settledState(tally);
  return list;
}
