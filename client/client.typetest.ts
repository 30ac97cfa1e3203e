/**
 * Compile-time tests of the client's types, checked by `tsc -p tsconfig.json` and never run. Each
 * `@ts-expect-error` fails the build if its line ever compiles (TS2578 "unused directive"), so
 * loosening a type (e.g. making `amount` optional) breaks tsc instead of passing silently.
 */
import type { OperationId, WebhookName } from '../core/spec.ts';
import type { components, operations } from '../generated/secpaid.d.ts';
import type { SecPaidClient, SecPaidResult } from './secpaidClient.ts';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function expectType<T extends true>(_proof?: T): void {}

declare const client: SecPaidClient;
type Schemas = components['schemas'];

// The operation and webhook lists in core/spec.ts and the generated types name the same operations.
expectType<Equal<OperationId | WebhookName, keyof operations>>();

export async function requestBodies(): Promise<void> {
  await client.createLink({ amount: 100, recipient_note: 'x' });
  await client.createLink({ amount: 100 }, { bodyFormat: 'json', headers: { token: null } });
  // @ts-expect-error amount is required
  await client.createLink({ recipient_note: 'x' });
  // @ts-expect-error amount is a number, not decimal text (the client writes the text)
  await client.createLink({ amount: '100' });
  // @ts-expect-error createLink has no such field (unknown fields are 400)
  await client.createLink({ amount: 1, amout: 1 });
  // @ts-expect-error createLink's body is required
  await client.createLink();
  // @ts-expect-error bank_transfer is "true" | "false" text in the spec
  await client.createLink({ amount: 1, bank_transfer: true });

  await client.createSplitLink({
    amount: 10,
    recipients: [{ token: 'abc', share: 50 }],
    split_type: 'normal',
  });
  // @ts-expect-error recipients is an array of { token, share }, not JSON text
  await client.createSplitLink({ amount: 10, recipients: '[{"token":"abc","share":50}]' });
  // @ts-expect-error split_type is normal | absolute
  await client.createSplitLink({ amount: 10, recipients: [], split_type: 'percent' });

  await client.deleteLink({ link_id: 124 });
  // @ts-expect-error link_id is the numeric id
  await client.deleteLink({ link_id: 'MTI0' });

  // List operations' bodies are optional.
  await client.getMyUnusedLinks();
  await client.getPayOutTransactions(undefined, { bodyFormat: 'json' });
  await client.call('deleteLink', { link_id: 1 });
  // @ts-expect-error call() checks the body against the named operation
  await client.call('deleteLink', { amount: 1 });
  // @ts-expect-error no such operation
  await client.call('createLinks', { amount: 1 });
}

export async function resultNarrowing(): Promise<void> {
  const result = await client.createLink({ amount: 100 });
  expectType<Equal<typeof result, SecPaidResult<'createLink'>>>();
  // @ts-expect-error data is only known after narrowing on ok
  result.body.data;
  if (result.ok) {
    expectType<Equal<typeof result.status, 200>>();
    expectType<Equal<typeof result.body, Schemas['PaymentLinkEnvelope']>>();
    const payLink: string = result.body.data.pay_link;
    const id: number = result.body.data.id;
    void [payLink, id];
  } else if (result.documented) {
    expectType<Equal<typeof result.status, 201 | 400 | 401 | 403 | 429 | 500>>();
    expectType<Equal<typeof result.body.error, Schemas['ErrorResponse']['error']>>();
    // @ts-expect-error createLink documents no 404 (only deleteLink does)
    if (result.status === 404) return;
  } else {
    expectType<Equal<typeof result.body, unknown>>();
    expectType<Equal<typeof result.status, number>>();
  }

  const deleted = await client.deleteLink({ link_id: 1 });
  if (!deleted.ok && deleted.documented && deleted.status === 404) {
    expectType<Equal<typeof deleted.body.error, Schemas['ErrorResponse']['error']>>();
  }
  if (deleted.ok) {
    // @ts-expect-error deleteLink's success envelope has no data
    deleted.body.data;
  }

  const split = await client.call('createSplitLink', { amount: 1, recipients: [] });
  if (split.ok) expectType<Equal<typeof split.body.data.transaction_type, 'Split'>>();

  const unused = await client.getMyUnusedLinks();
  if (unused.ok) {
    const firstId: string | undefined = unused.body.data?.[0]?.linktopay_id;
    void firstId;
  }
}
