/**
 * Broken `planNotifications` steps (app.ts, sandbox/webhooks/plan.ts): the payment notifications a
 * paid or cancelled link sends, got wrong the way a real server's notifier could. Each takes the
 * faithful plan and answers what is sent instead; the delivery log lists what is sent.
 */
import { feesFor } from '../domain/fees.ts';
import type { PlanNotifications } from '../webhooks/plan.ts';

/** Paying a link notifies nobody (the notifier is called on cancel only). */
export const noneOnPay: PlanNotifications = (planned) =>
  planned.filter((p) => p.notification.event !== 'paid');

/** Every notification goes out twice (a send loop that does not stop at the first 2xx). */
export const everyOneTwice: PlanNotifications = (planned) => planned.flatMap((p) => [p, { ...p }]);

/** The amount is the link's minus SecPaid's service fee: the net, where the whole amount is documented. */
export const netOfServiceFee: PlanNotifications = (planned) =>
  planned.map((p) => {
    const { amountCents } = p.notification;
    return {
      ...p,
      notification: { ...p.notification, amountCents: amountCents - feesFor(amountCents, false).serviceFee },
    };
  });

/** Sent in plain text though the link (or the account) asked for encryption. */
export const neverEncrypted: PlanNotifications = (planned) =>
  planned.map((p) => ({ ...p, encryptionKey: undefined }));
