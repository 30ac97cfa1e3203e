/**
 * The control API (spec/sandbox.yaml): what SecPaid's dashboard, customers and night jobs do, on
 * demand. It answers `{ data }` on success and the API's error body otherwise. A link paid or
 * cancelled here notifies its payment endpoints in the background (webhooks/notifier.ts); the
 * answer lists the deliveries.
 */
import { berlinDate, berlinTimestamp } from '../domain/berlinTime.ts';
import { payLink } from '../domain/payments.ts';
import { runPayouts } from '../domain/payouts.ts';
import { ApiError } from '../errors.ts';
import type { SandboxState } from '../state.ts';
import type { Link } from '../store/links.ts';
import type { PlanNotifications } from '../webhooks/plan.ts';
import { type ControlResult, conflict } from './controlResult.ts';
import { type ControlBody, readControlBody } from './readControlBody.ts';
import { tenantWebhooks } from './tenantWebhooks.ts';
import { listWebhooks, redeliverWebhook } from './webhookRoutes.ts';

/** The steps of the app (AppParts) the control API takes part in. */
interface ControlSteps {
  planNotifications: PlanNotifications;
}

interface ControlRequest {
  method: string;
  path: string;
  /** The URL's query, without `?`. */
  query: string;
  contentType: string | undefined;
  raw: Buffer;
}

// At most 15 digits: every such id is a safe integer, so no id is silently rounded to another.
const LINK_ACTION = /^\/sandbox\/links\/([1-9][0-9]{0,14})\/(pay|cancel)$/;
const REDELIVER = /^\/sandbox\/webhooks\/([^/]+)\/redeliver$/;

function linkState(link: Link, webhooks: string[], payIns: string[] = []) {
  return {
    link_id: link.id,
    status: link.status,
    ...(link.paidAt ? { paid_on: berlinTimestamp(link.paidAt) } : {}),
    ...(payIns.length ? { pay_ins: payIns } : {}),
    webhooks,
  };
}

function linkAction(state: SandboxState, steps: ControlSteps, id: number, action: string): ControlResult {
  const link = state.links.get(id);
  if (!link || link.status === 'Deleted') throw new ApiError('NotFound', `No link ${id}`);
  if (link.status !== 'Unused' || link.paidAt) throw conflict(`Link ${id} is ${link.status}, not Unused`);
  if (action === 'cancel') {
    if (!link.cancellable) throw conflict(`Link ${id} is not cancellable`);
    state.links.leaveUnused(link, 'Cancelled', state.now());
    const webhooks = state.notifier.notify(link, 'cancelled', steps.planNotifications);
    return { status: 200, body: { data: linkState(link, webhooks) } };
  }
  const payIns = payLink(link, state.now(), state.links, (token) =>
    state.tenants.findByRecipientToken(token),
  ).map((p) => p.transactionId);
  const webhooks = state.notifier.notify(link, 'paid', steps.planNotifications);
  return { status: 200, body: { data: { ...linkState(link, webhooks, payIns), status: 'Used' } } };
}

function createTenant(state: SandboxState, body: ControlBody<'/sandbox/tenants'>): ControlResult {
  const { tenant, apiKey } = state.tenants.create({
    suspended: body.suspended === true,
    rateLimit: body.rate_limit,
    ...tenantWebhooks(body),
  });
  const data = {
    user_id: tenant.userId,
    token: apiKey,
    recipient_token: tenant.recipientToken,
    suspended: tenant.suspended,
    payment_endpoints: tenant.paymentEndpoints,
    is_encryption: tenant.isEncryption,
    encryption_key: tenant.encryptionKey,
    webhook_format: tenant.webhookFormat,
  };
  return { status: 200, body: { data } };
}

function runPayoutsOf(state: SandboxState, body: ControlBody<'/sandbox/payouts/run'>): ControlResult {
  const date = body.date ?? berlinDate(state.now());
  const userId = body.user_id;
  const made = runPayouts({
    day: date,
    tenants: userId ? state.tenants.all.filter((t) => t.userId === userId) : state.tenants.all,
    at: state.now(),
    newPayoutId: () => state.nextPayoutId++,
  });
  const payouts = made.map(({ payout, payIns }) => ({
    payout_id: String(payout.payoutId),
    user_id: payout.userId,
    transaction_id: payout.transactionId,
    pay_ins: payIns,
  }));
  return { status: 200, body: { data: { date, payouts } } };
}

function armFault(state: SandboxState, body: ControlBody<'/sandbox/faults'>): ControlResult {
  if (body.status === undefined && body.delay_ms === undefined)
    throw new ApiError('InvalidParameters', 'give status, delay_ms or both');
  // Only deleteLink documents 404: an injected fault must still be a documented answer.
  if (body.status === 404 && body.operationId !== 'deleteLink')
    throw new ApiError('InvalidParameters', 'status 404 is documented only for operationId deleteLink');
  state.faults.arm({
    status: body.status,
    delayMs: body.delay_ms,
    remaining: body.count ?? 1,
    operationId: body.operationId,
    userId: body.user_id,
  });
  return { status: 200, body: { data: { count: 1, ...body } } };
}

export async function handleControl(
  state: SandboxState,
  steps: ControlSteps,
  { method, path, query, contentType, raw }: ControlRequest,
): Promise<ControlResult> {
  // Thrown, so the answer has the error body every other refusal has (app.ts sendError).
  const allow = (methods: string): never => {
    throw new ApiError('MethodNotAllowed', `Use ${methods}`, { allow: methods });
  };
  if (path === '/sandbox/health')
    return method === 'GET' ? { status: 200, body: { status: 'ok' } } : allow('GET');
  if (path === '/sandbox/faults' && method === 'DELETE')
    return { status: 200, body: { data: { cleared: state.faults.clear() } } };
  if (path === '/sandbox/webhooks') return method === 'GET' ? listWebhooks(state, query) : allow('GET');
  if (method !== 'POST') return path === '/sandbox/faults' ? allow('POST, DELETE') : allow('POST');
  const action = LINK_ACTION.exec(path);
  if (action) return linkAction(state, steps, Number(action[1]), action[2]!);
  const redeliver = REDELIVER.exec(path);
  if (redeliver) return redeliverWebhook(state, redeliver[1]!);
  switch (path) {
    case '/sandbox/tenants':
      return createTenant(state, readControlBody(path, contentType, raw));
    case '/sandbox/payouts/run':
      return runPayoutsOf(state, readControlBody(path, contentType, raw));
    case '/sandbox/faults':
      return armFault(state, readControlBody(path, contentType, raw));
    default:
      throw new ApiError('NotFound', `No control operation at ${path}`);
  }
}
