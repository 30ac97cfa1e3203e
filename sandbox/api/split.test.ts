/** Split links through the API: each recipient tenant receives a pay-in of their share. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { aRecipient, aSplitLink } from '../../core/testing/links.ts';
import { assertError, assertOk, centsOfText } from '../testing/assertions.ts';
import { createTenant, dayOfTransaction, payLink, runPayouts } from '../testing/control.ts';
import { useSandbox } from '../testing/sandboxFixture.ts';

const env = useSandbox();

type PayIn = Record<string, string>;
const payInsOf = async (tenant: Awaited<ReturnType<typeof createTenant>>, linkId: number): Promise<PayIn[]> =>
  assertOk('getPayInTransactions', await tenant.call('getPayInTransactions', { pay_id: linkId })).data;

test('a normal split of 50.00 €: the recipient gets 30 % = 15.00 €, the owner the remaining 35.00 €', async () => {
  const owner = await createTenant(env.url);
  const recipient = await createTenant(env.url);
  const recipients = [aRecipient(recipient.recipientToken, 30)];
  const created = assertOk(
    'createSplitLink',
    await owner.call('createSplitLink', aSplitLink({ amount: 50, recipients })),
  );
  assert.equal(created.data.transaction_type, 'Split');
  assert.deepEqual(JSON.parse(created.data.recipient), recipients);
  await payLink(env.url, created.data.id);

  const [share] = await payInsOf(recipient, created.data.id);
  assert.ok(share);
  assert.equal(share.user_id, recipient.userId);
  assert.equal(share.creator_id, owner.userId);
  assert.equal(share.amount, '15.00');
  assert.equal(share.service_fee, '0.23'); // 1.5 % of 15.00 = 22.5 ct → 23
  assert.equal(share.service_fee_psp, '0.00'); // the owner started the charge and pays the card fee
  assert.equal(share.net_amount, '14.77');
  assert.equal(share.is_split_link, 'true');

  const [rest] = await payInsOf(owner, created.data.id);
  assert.ok(rest);
  assert.equal(rest.amount, '35.00');
  assert.equal(rest.service_fee_psp, '0.95'); // 1.4 % of the whole 50.00 + 0.25
  assert.equal(centsOfText(rest.amount!) + centsOfText(share.amount!), 5_000);

  const run = await runPayouts(env.url, dayOfTransaction(share.transaction_id!), recipient.userId);
  const recipientPayout = run.payouts.find((p) => p.user_id === recipient.userId);
  assert.equal(recipientPayout?.pay_ins, 1);
  const listed = assertOk('getPayOutTransactions', await recipient.call('getPayOutTransactions', {}));
  assert.equal(listed.data[0].payout_amount, '15.00');
  assert.equal(listed.data[0].is_split_link, 'true');
});

test('an absolute split to two recipients gives each exactly their EUR share', async () => {
  const owner = await createTenant(env.url);
  const first = await createTenant(env.url);
  const second = await createTenant(env.url);
  const created = assertOk(
    'createSplitLink',
    await owner.call(
      'createSplitLink',
      aSplitLink({
        amount: 20,
        recipients: [aRecipient(first.recipientToken, 12.34), aRecipient(second.recipientToken, 7.66)],
        split_type: 'absolute',
      }),
    ),
  );
  const paid = await payLink(env.url, created.data.id);
  assert.equal(paid.pay_ins.length, 3);
  assert.equal((await payInsOf(first, created.data.id))[0]?.amount, '12.34');
  assert.equal((await payInsOf(second, created.data.id))[0]?.amount, '7.66');
  assert.equal((await payInsOf(owner, created.data.id))[0]?.amount, '0.00');
});

test('split shares are checked: own token, unknown token, more than 100 %, more than the amount', async () => {
  const owner = await createTenant(env.url);
  const other = await createTenant(env.url);
  const cases = [
    {
      recipients: [aRecipient(owner.recipientToken, 10)],
      split_type: 'normal' as const,
      why: /own recipient/,
    },
    { recipients: [aRecipient('rcpt-nobody', 10)], split_type: 'normal' as const, why: /index 0/ },
    { recipients: [aRecipient(other.recipientToken, 100.01)], split_type: 'normal' as const, why: /100 %/ },
    { recipients: [aRecipient(other.recipientToken, 10.01)], split_type: 'absolute' as const, why: /amount/ },
  ];
  for (const { why, ...body } of cases) {
    const refused = assertError(
      'createSplitLink',
      await owner.call('createSplitLink', aSplitLink({ amount: 10, ...body })),
      400,
      'InvalidParameters',
    );
    assert.match(refused.errorMessage, why);
  }
  assert.equal((await owner.call('getMyUnusedLinks', {})).body.totalRecords, 0, 'no refused link was stored');
});
