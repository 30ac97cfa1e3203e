import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createState, type SandboxState } from '../state.ts';
import type { Tenant } from '../store/tenants.ts';
import { payLink } from './payments.ts';
import { runPayouts } from './payouts.ts';

/** A state whose clock the test moves, a function that pays a fresh link of `cents` at `iso`, and a payout run. */
function world() {
  let now = Date.parse('2026-01-01T00:00:00Z');
  const state: SandboxState = createState({ publicBaseUrl: 'http://sandbox.test', now: () => now });
  const pay = (owner: Tenant, cents: number, iso: string) => {
    now = Date.parse(iso);
    const link = state.links.add({
      owner,
      amount: cents,
      note: `paid at ${iso}`,
      createdAt: now,
      split: null,
      callbackUrl: '',
      paymentEndpoint: '',
      cancellable: true,
    });
    return payLink(link, now, state.links, (token) => state.tenants.findByRecipientToken(token));
  };
  const payouts = (day: string) =>
    runPayouts({ day, tenants: state.tenants.all, at: now, newPayoutId: () => state.nextPayoutId++ });
  return { state, pay, payouts };
}

test('a payout adds up its pay-ins to the cent and marks them paid out', () => {
  const { state, pay, payouts } = world();
  const { tenant } = state.tenants.create();
  const amounts = [1_999, 7, 10_000, 3_333, 50];
  for (const [i, cents] of amounts.entries()) pay(tenant, cents, `2026-02-10T0${i}:00:00Z`);
  const made = payouts('2026-02-10');
  assert.equal(made.length, 1);
  const { payout, payIns } = made[0]!;
  assert.equal(payIns, amounts.length);
  assert.equal(payout.amount, 15_389);
  const fees = tenant.payIns.reduce((sum, p) => sum + p.serviceFee + p.pspFee, 0);
  assert.equal(payout.fees, fees);
  assert.equal(payout.net, payout.amount - payout.fees);
  assert.equal(
    payout.net,
    tenant.payIns.reduce((sum, p) => sum + p.net, 0),
  );
  assert.match(payout.transactionId, /^20260210-po-[A-Za-z0-9]{10}$/);
  assert.equal(payout.requestDate, '2026-02-10');
  for (const payIn of tenant.payIns) assert.equal(payIn.payout, payout);
  assert.deepEqual(tenant.payouts, [payout]);
});

test('a second run of the same day makes nothing', () => {
  const { state, pay, payouts } = world();
  const { tenant } = state.tenants.create();
  pay(tenant, 1_000, '2026-02-10T10:00:00Z');
  assert.equal(payouts('2026-02-10').length, 1);
  assert.deepEqual(payouts('2026-02-10'), []);
  assert.equal(tenant.payouts.length, 1);
});

test('different Berlin days make different payouts; each tenant gets its own', () => {
  const { state, pay, payouts } = world();
  const a = state.tenants.create().tenant;
  const b = state.tenants.create().tenant;
  pay(a, 1_000, '2026-02-10T12:00:00Z');
  pay(b, 2_000, '2026-02-10T13:00:00Z');
  // 23:30 UTC on the 10th is 00:30 on the 11th in Berlin (CET).
  pay(a, 500, '2026-02-10T23:30:00Z');
  const first = payouts('2026-02-10');
  assert.deepEqual(
    first.map(({ payout, payIns }) => [payout.userId, payout.amount, payIns]),
    [
      [a.userId, 1_000, 1],
      [b.userId, 2_000, 1],
    ],
  );
  const second = payouts('2026-02-11');
  assert.deepEqual(
    second.map(({ payout }) => [payout.userId, payout.amount, payout.requestDate]),
    [[a.userId, 500, '2026-02-11']],
  );
  assert.notEqual(first[0]!.payout.transactionId, second[0]!.payout.transactionId);
});

test('the 25-hour day of 2026-10-25 takes its last hour; the 23-hour day of 2026-03-29 does not take the next day', () => {
  const { state, pay, payouts } = world();
  const { tenant } = state.tenants.create();
  pay(tenant, 100, '2026-03-29T21:59:59Z'); // 23:59:59 CEST on the 29th
  pay(tenant, 200, '2026-03-29T22:00:00Z'); // 00:00 CEST on the 30th
  pay(tenant, 300, '2026-10-25T22:30:00Z'); // 23:30 CET on the 25th
  assert.deepEqual(
    payouts('2026-03-29').map(({ payout }) => payout.amount),
    [100],
  );
  assert.deepEqual(
    payouts('2026-10-25').map(({ payout }) => payout.amount),
    [300],
  );
  assert.deepEqual(
    payouts('2026-03-30').map(({ payout }) => payout.amount),
    [200],
  );
});

test('a payout run of the last representable day does not throw', () => {
  const { state, payouts } = world();
  state.tenants.create();
  assert.deepEqual(payouts('9999-12-31'), []);
});
