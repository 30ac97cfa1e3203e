/**
 * What a paid or cancelled link sends, before anything is sent: one planned notification per
 * endpoint it names (endpoints.ts), with the notification of core/webhooks, the account's format and,
 * when encrypted, the key. Encrypted when the link says `is_encryption: "true"`, or the account
 * encrypts and the link does not say `"false"`; with the link's own key, else the account's.
 * Each planned notification then passes the app's `planNotifications` step (app.ts), which the
 * faithful app leaves as it is and a broken variant may change.
 */
import type {
  NotificationFormat,
  PaymentNotification,
  WebhookEvent,
} from '../../core/webhooks/notification.ts';
import type { Link } from '../store/links.ts';
import { resolveEndpoints } from './endpoints.ts';

/** One notification to one endpoint, as the sandbox means to send it. */
export interface PlannedNotification {
  url: string;
  notification: PaymentNotification;
  format: NotificationFormat;
  /** Present when the notification is encrypted: the 32-character key. */
  encryptionKey?: string | undefined;
}

/**
 * The app step between planning and sending (AppParts.planNotifications). It is given the planned
 * notifications of one item of the link's endpoints at a time, so the deliveries it answers are
 * logged in the place of that item, and the log keeps the order the link wrote its endpoints in.
 */
export type PlanNotifications = (planned: readonly PlannedNotification[]) => readonly PlannedNotification[];

/** The faithful step: sends what was planned. */
export const sendAsPlanned: PlanNotifications = (planned) => planned;

/** An item of the link's endpoints: a notification to plan, or why it names no endpoint to notify. */
type PlanItem = { planned: PlannedNotification } | { item: string; reason: string };

interface LinkNotificationPlan {
  /** In the order of the link's payment_endpoint (or of the saved endpoints). */
  items: PlanItem[];
  /** Whether its notifications are encrypted (for the unsent items' log entries too). */
  encrypted: boolean;
}

function encryptionKeyOf(link: Link): string | undefined {
  const owner = link.owner;
  const encrypted = link.encrypt ?? owner.isEncryption;
  if (!encrypted) return undefined;
  return link.encryptionKey === '' ? owner.encryptionKey : link.encryptionKey;
}

export function planLinkNotifications(link: Link, event: WebhookEvent): LinkNotificationPlan {
  const notification: PaymentNotification = {
    event,
    payId: link.id,
    // A split link notifies its owner alone, with the whole amount (public docs §5).
    userId: link.owner.userId,
    amountCents: link.amount,
    note: link.note,
  };
  const encryptionKey = encryptionKeyOf(link);
  const items = resolveEndpoints(link.paymentEndpoint, link.owner.paymentEndpoints).map(
    (target): PlanItem =>
      'url' in target
        ? {
            planned: {
              url: target.url,
              // Its own copy: a step that changes one planned notification changes no other.
              notification: { ...notification },
              format: link.owner.webhookFormat,
              encryptionKey,
            },
          }
        : target,
  );
  return { items, encrypted: encryptionKey !== undefined };
}
