/**
 * What the webhooks suite checks of a server's payment notifications, one coverage cell each: the
 * `webhooks` row of the coverage matrix (reporting/coverage.ts), beside the operation × status rows.
 * A cell is valid, failed, not checked, not provokable or missing like an operation's.
 */
export const notificationCells = [
  'paid',
  'cancelled',
  'encrypted',
  'severalEndpoints',
  'exactlyOnce',
  'noneOnDelete',
  'noneUnpaid',
] as const;

export type NotificationCell = (typeof notificationCells)[number];

/** The column heads of the `webhooks` row, and what each cell requires. */
export const notificationCellInfo: Record<NotificationCell, { label: string; requires: string }> = {
  paid: {
    label: 'paid',
    requires:
      "paying a link notifies its endpoint once: valid against the spec, the link's pay_id, amount and user_id, status success",
  },
  cancelled: { label: 'cancelled', requires: 'cancelling a link notifies its endpoint once, status cancel' },
  encrypted: {
    label: 'encrypted',
    requires:
      'a link with is_encryption "true" notifies {"data": base64} that decrypts under its encryption_key to a valid notification',
  },
  severalEndpoints: {
    label: 'two endpoints',
    requires: 'a comma-separated payment_endpoint of two URLs: one notification on each',
  },
  exactlyOnce: {
    label: 'exactly once',
    requires:
      'at the end of the suite, no endpoint has received more notifications than its events (late ones counted)',
  },
  noneOnDelete: { label: 'none on delete', requires: 'deleting a link notifies nobody' },
  noneUnpaid: { label: 'none unpaid', requires: 'a link never paid notifies nobody' },
};

/**
 * The notification checks the target could not provoke, grouped by reason: `which` is their labels,
 * or "every notification check" when the reason holds for all of them. For the coverage reports.
 */
export function unprovokedNotificationChecks(
  cells: readonly { cell: NotificationCell; state: string; reasons: readonly string[] }[],
): { which: string; reason: string }[] {
  const byReason = new Map<string, string[]>();
  for (const c of cells.filter((cell) => cell.state === 'notProvokable')) {
    const reason = c.reasons.join('; ');
    byReason.set(reason, [...(byReason.get(reason) ?? []), notificationCellInfo[c.cell].label]);
  }
  return [...byReason].map(([reason, labels]) => ({
    which: labels.length === cells.length ? 'every notification check' : labels.join(', '),
    reason,
  }));
}
