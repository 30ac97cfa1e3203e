/**
 * Many deliveries under way at once print no warning: each attempt listens for the sandbox closing
 * on one signal, more than Node's default of 10 listeners.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startRecordingServer } from '../../client/recordingServer.ts';
import { LinkStore } from '../store/links.ts';
import { TenantStore } from '../store/tenants.ts';
import { Notifier } from './notifier.ts';
import { sendAsPlanned } from './plan.ts';
import { webhookSettings } from './settings.ts';

test('a link with 12 saved endpoints, paid once, prints no MaxListenersExceededWarning', async () => {
  const warnings: Error[] = [];
  const onWarning = (warning: Error) => warnings.push(warning);
  process.on('warning', onWarning);
  const receiver = await startRecordingServer();
  const notifier = new Notifier(webhookSettings({ timeoutMs: 60_000 }), Date.now);
  try {
    const paymentEndpoints = Array.from({ length: 12 }, (_, n) => `${receiver.url}/hook/${n}`);
    const { tenant } = new TenantStore().create({ paymentEndpoints });
    const link = new LinkStore().add({
      owner: tenant,
      amount: 100,
      note: '',
      createdAt: 0,
      split: null,
      callbackUrl: '',
      paymentEndpoint: '',
      cancellable: true,
    });
    const ids = notifier.notify(link, 'paid', sendAsPlanned);
    assert.equal(ids.length, 12);
    await receiver.whenReceived(12);
    // A warning is emitted on the next tick after the listener that exceeds the limit is added.
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(
      warnings.filter((w) => w.name === 'MaxListenersExceededWarning').map((w) => w.message),
      [],
    );
  } finally {
    process.off('warning', onWarning);
    notifier.close();
    await receiver.close();
  }
});
