/**
 * A running sandbox never notifies itself: a payment_endpoint naming its own control API, in any
 * loopback spelling, is `not_sent`, and the link it names stays unpaid.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startRecordingServer } from '../../client/recordingServer.ts';
import { startSandbox } from '../index.ts';

test("a payment_endpoint at the sandbox's own address is not sent; another port on loopback is", async () => {
  const receiver = await startRecordingServer();
  const sandbox = await startSandbox({ port: 0 });
  try {
    const { port } = new URL(sandbox.url);
    const { state } = sandbox;
    const { tenant } = state.tenants.create({});
    const newLink = (paymentEndpoint: string) =>
      state.links.add({
        owner: tenant,
        amount: 500,
        note: '',
        createdAt: state.now(),
        split: null,
        callbackUrl: '',
        paymentEndpoint,
        cancellable: true,
      });
    const victim = newLink('');
    const own = [
      `${sandbox.url}/sandbox/links/${victim.id}/pay`,
      `http://localhost:${port}/sandbox/links/${victim.id}/pay`,
      `http://[::1]:${port}/sandbox/links/${victim.id}/pay`,
      `http://127.0.0.2:${port}/sandbox/links/${victim.id}/pay`,
    ];
    const link = newLink([...own, `${receiver.url}/hook`].join(','));
    const paid = await fetch(`${sandbox.url}/sandbox/links/${link.id}/pay`, { method: 'POST' });
    assert.equal(paid.status, 200);
    const { data } = (await paid.json()) as { data: { webhooks: string[] } };
    await receiver.whenReceived(1);
    const deliveries = data.webhooks.map((id) => state.notifier.log.get(id)!);
    assert.deepEqual(
      deliveries.map((d) => [d.url, d.state, d.reason]),
      [
        ...own.map((url) => [url, 'not_sent', "the sandbox's own address: it does not notify itself"]),
        [`${receiver.url}/hook`, deliveries[4]!.state, undefined],
      ],
    );
    assert.equal(victim.status, 'Unused');
  } finally {
    await sandbox.close();
    await receiver.close();
  }
});
