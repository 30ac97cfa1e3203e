/**
 * The app step a broken variant overrides (AppParts.planNotifications) is the one a paid link's
 * notifications pass through: an app built with another step sends what that step says.
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { startRecordingServer } from '../../client/recordingServer.ts';
import { readNotification } from '../../core/webhooks/readNotification.ts';
import { createApp, faithfulParts } from '../app.ts';
import { createState } from '../state.ts';
import type { PlanNotifications } from './plan.ts';

test('an override of planNotifications changes what a paid link sends', async () => {
  const receiver = await startRecordingServer();
  const state = createState({ publicBaseUrl: 'http://sandbox.test', webhooks: { timeoutMs: 60_000 } });
  const asCancelled: PlanNotifications = (planned) =>
    planned.map((p) => ({ ...p, notification: { ...p.notification, event: 'cancelled' } }));
  const server = createServer(createApp(state, { ...faithfulParts, planNotifications: asCancelled }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { tenant } = state.tenants.create({ paymentEndpoints: [`${receiver.url}/hook`] });
    const link = state.links.add({
      owner: tenant,
      amount: 500,
      note: '',
      createdAt: state.now(),
      split: null,
      callbackUrl: '',
      paymentEndpoint: '',
      cancellable: true,
    });
    const { port } = server.address() as AddressInfo;
    const paid = await fetch(`http://127.0.0.1:${port}/sandbox/links/${link.id}/pay`, { method: 'POST' });
    assert.equal(paid.status, 200);
    await receiver.whenReceived(1);
    const request = receiver.last();
    const read = readNotification(request.headers['content-type'], request.body);
    assert.ok(read.ok);
    assert.deepEqual([read.value.fields.payId, read.value.fields.status], [String(link.id), 'cancel']);
  } finally {
    state.notifier.close();
    server.close();
    await receiver.close();
  }
});
