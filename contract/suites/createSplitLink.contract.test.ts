/** createSplitLink: recipients kept, shares checked (normal = percent, absolute = EUR), bad input, matrix. */
import assert from 'node:assert/strict';
import { aRecipient, aSplitLink } from '../../core/testing/links.ts';
import { aMarker, aNote } from '../../core/testing/notes.ts';
import { aCaller, aRecipientToken, aRecipientTokenIfAny } from '../harness/accounts.ts';
import { api } from '../harness/api.ts';
import { contractSuite, type TestOptions } from '../harness/contractSuite.ts';
import { type BadInput, badInputs, commonBadInputs } from '../harness/families/badInputs.ts';
import { aWellFormedUnknownKey, statusMatrix } from '../harness/families/statusMatrix.ts';
import type { Caller } from '../harness/send.ts';
import { send } from '../harness/send.ts';

const suite = contractSuite('createSplitLink');
const split: TestOptions = { needs: ['writes', 'recipient'] };
const twoRecipients: TestOptions = {
  needs: ['writes', 'control'],
  because: 'needs two recipient accounts (the environment names one)',
};

suite.test('200 keeps its recipients: recipient holds them as JSON text', split, async () => {
  const token = await aRecipientToken();
  const note = aNote('split echo');
  const link = await api.createSplitLink(
    await aCaller(),
    aSplitLink({ amount: 80, recipients: [aRecipient(token, 30)], recipient_note: note }),
  );
  assert.deepEqual(JSON.parse(link.recipient), [{ token, share: 30 }]);
  assert.deepEqual(
    [link.transaction_type, link.status, link.amount, link.recipient_note],
    ['Split', 'Unused', '80.00', note],
  );
});

suite.test('200 takes normal shares adding up to exactly 100 percent', twoRecipients, async () => {
  const recipients = [aRecipient(await aRecipientToken(), 60), aRecipient(await aRecipientToken(), 40)];
  const link = await api.createSplitLink(await aCaller(), aSplitLink({ recipients }));
  assert.deepEqual(JSON.parse(link.recipient), recipients);
});

suite.test('200 takes an absolute share equal to the whole amount', split, async () => {
  const recipients = [aRecipient(await aRecipientToken(), 80)];
  const link = await api.createSplitLink(
    await aCaller(),
    aSplitLink({ amount: 80, split_type: 'absolute', recipients }),
  );
  assert.deepEqual(JSON.parse(link.recipient), recipients);
});

suite.test('200 takes the recipients as a JSON array in a JSON body', split, async () => {
  const recipients = [aRecipient(await aRecipientToken(), 25.5)];
  const { body } = await send(
    'createSplitLink',
    { as: await aCaller(), json: aSplitLink({ recipients }) },
    200,
  );
  assert.deepEqual(JSON.parse((body.data as { recipient: string }).recipient), recipients);
});

suite.test('200 a split link is listed as unused with its recipients', split, async () => {
  const caller = await aCaller();
  const marker = aMarker();
  const recipients = [aRecipient(await aRecipientToken(), 20)];
  const link = await api.createSplitLink(
    caller,
    aSplitLink({ recipients, recipient_note: aNote('split listed', marker) }),
  );
  const [item] = (await api.unusedLinks(caller, { search: marker })).items;
  assert.ok(item, 'the split link is not listed as unused');
  assert.equal(item.linktopay_id, String(link.id));
  assert.deepEqual([item.transaction_type, item.is_split_link], ['Split', 'true']);
  assert.deepEqual(JSON.parse(item.recipients ?? 'null'), recipients);
});

/** A valid split body for `caller`, to be spoiled by one field. */
const validFor = async (_caller: Caller, share = 50) =>
  aSplitLink({ amount: 80, recipients: [aRecipient(await aRecipientToken(), share)] }) as unknown as Record<
    string,
    unknown
  >;
/** A split link whose recipients are these, as given: no recipient token of the environment's needed. */
const withRecipients =
  (recipients: unknown, extra: Record<string, unknown> = {}) =>
  async () => ({
    form: {
      ...(aSplitLink({ amount: 80, recipients: [] }) as unknown as Record<string, unknown>),
      recipients,
      ...extra,
    },
  });
const recipientNeeded: Pick<BadInput, 'needs'> = { needs: ['recipient'] };

badInputs(
  suite,
  'createSplitLink',
  [
    {
      when: 'normal shares add up to more than 100 percent',
      ...twoRecipients,
      request: async () => ({
        form: aSplitLink({
          recipients: [aRecipient(await aRecipientToken(), 60), aRecipient(await aRecipientToken(), 50)],
        }),
      }),
    },
    {
      when: 'absolute shares add up to more than the amount',
      ...recipientNeeded,
      request: async () => ({
        form: aSplitLink({
          amount: 80,
          split_type: 'absolute',
          recipients: [aRecipient(await aRecipientToken(), 80.01)],
        }),
      }),
    },
    {
      when: 'a recipient token belongs to no account',
      request: { form: aSplitLink({ recipients: [aRecipient(aWellFormedUnknownKey(24), 50)] }) },
    },
    {
      when: "a recipient is the caller's own recipient token",
      needs: ['control'],
      because: "needs the caller's own recipient token, known only for accounts the control API made",
      request: async (caller) => ({
        form: aSplitLink({ recipients: [aRecipient(caller.recipientToken!, 50)] }),
      }),
    },
    {
      when: 'the same recipient is named twice',
      ...recipientNeeded,
      request: async () => {
        const token = await aRecipientToken();
        return { form: aSplitLink({ recipients: [aRecipient(token, 20), aRecipient(token, 20)] }) };
      },
    },
    { when: 'recipients is not JSON', ...recipientNeeded, request: withRecipients('token=abc;share=50') },
    { when: 'recipients is an empty list', ...recipientNeeded, request: withRecipients([]) },
    {
      when: 'a share is 0',
      ...recipientNeeded,
      request: async (caller) => ({ form: await validFor(caller, 0) }),
    },
    {
      when: 'a share has three decimals',
      ...recipientNeeded,
      request: async (caller) => ({ form: await validFor(caller, 10.005) }),
    },
    { when: 'a recipient has no token', ...recipientNeeded, request: withRecipients([{ share: 50 }]) },
    {
      when: 'split_type is neither normal nor absolute',
      ...recipientNeeded,
      request: async (caller) => ({ form: { ...(await validFor(caller)), split_type: 'percent' } }),
    },
    {
      when: 'there are more than 20 recipients',
      request: withRecipients(Array.from({ length: 21 }, () => aRecipient(aWellFormedUnknownKey(24), 1))),
    },
    {
      when: 'recipients is missing',
      request: { form: { amount: 80, recipient_note: aNote('no recipients') } },
    },
    {
      when: 'amount is 0',
      ...recipientNeeded,
      request: async (caller) => ({ form: { ...(await validFor(caller)), amount: 0 } }),
    },
    ...commonBadInputs('createSplitLink', (caller) => validFor(caller)).map((bad) => ({
      ...bad,
      ...recipientNeeded,
    })),
  ],
  true,
);

statusMatrix(suite, 'createSplitLink', {
  make: async () => ({ form: aSplitLink({ recipients: [aRecipient(await aRecipientTokenIfAny(), 50)] }) }),
  status: 200,
  writes: true,
});
