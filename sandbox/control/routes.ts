/**
 * The control API (spec/sandbox.yaml): what SecPaid's dashboard, customers and night jobs do, on
 * demand. It answers `{ data }` on success and the API's error body otherwise.
 */
import { berlinDate, berlinTimestamp } from '../domain/berlinTime.ts';
import { payLink } from '../domain/payments.ts';
import { runPayouts } from '../domain/payouts.ts';
import { ApiError } from '../errors.ts';
import type { SandboxState } from '../state.ts';
import type { Link } from '../store/links.ts';
import { type ControlBody, readControlBody } from './readControlBody.ts';

export type ControlResult = { status: number; body: unknown; headers?: Record<string, string> };

// At most 15 digits: every such id is a safe integer, so no id is silently rounded to another.
const LINK_ACTION = /^\/sandbox\/links\/([1-9][0-9]{0,14})\/(pay|cancel)$/;

function conflict(message: string): ControlResult {
  return { status: 409, body: { error: 'Conflict', errorMessage: message } };
}

function linkState(link: Link, payIns: string[] = []) {
  return {
    link_id: link.id,
    status: link.status,
    ...(link.paidAt ? { paid_on: berlinTimestamp(link.paidAt) } : {}),
    ...(payIns.length ? { pay_ins: payIns } : {}),
  };
}

function linkAction(state: SandboxState, id: number, action: string): ControlResult {
  const link = state.links.get(id);
  if (!link || link.status === 'Deleted') throw new ApiError('NotFound', `No link ${id}`);
  if (link.status !== 'Unused' || link.paidAt) return conflict(`Link ${id} is ${link.status}, not Unused`);
  if (action === 'cancel') {
    if (!link.cancellable) return conflict(`Link ${id} is not cancellable`);
    state.links.leaveUnused(link, 'Cancelled', state.now());
    return { status: 200, body: { data: linkState(link) } };
  }
  const payIns = payLink(link, state.now(), state.links, (token) =>
    state.tenants.findByRecipientToken(token),
  ).map((p) => p.transactionId);
  return { status: 200, body: { data: { ...linkState(link, payIns), status: 'Used' } } };
}

function createTenant(state: SandboxState, body: ControlBody<'/sandbox/tenants'>): ControlResult {
  const { tenant, apiKey } = state.tenants.create({
    suspended: body.suspended === true,
    rateLimit: body.rate_limit,
  });
  const data = {
    user_id: tenant.userId,
    token: apiKey,
    recipient_token: tenant.recipientToken,
    suspended: tenant.suspended,
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

export function handleControl(
  state: SandboxState,
  method: string,
  path: string,
  contentType: string | undefined,
  raw: Buffer,
): ControlResult {
  const allow = (methods: string) => ({
    status: 405,
    body: { error: 'MethodNotAllowed', errorMessage: `Use ${methods}` },
    headers: { allow: methods },
  });
  if (path === '/sandbox/health')
    return method === 'GET' ? { status: 200, body: { status: 'ok' } } : allow('GET');
  if (path === '/sandbox/faults' && method === 'DELETE')
    return { status: 200, body: { data: { cleared: state.faults.clear() } } };
  if (method !== 'POST') return path === '/sandbox/faults' ? allow('POST, DELETE') : allow('POST');
  const action = LINK_ACTION.exec(path);
  if (action) return linkAction(state, Number(action[1]), action[2]!);
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
