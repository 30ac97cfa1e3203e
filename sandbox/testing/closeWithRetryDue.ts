/**
 * Run as a process of its own by sandbox/api/webhooksClose.test.ts: a sandbox whose one notification
 * failed, with its retry due in ten minutes, is closed, and the process must then end by itself (it
 * never calls process.exit), which it cannot while a timer or a socket of the sandbox lives on.
 * Prints the delivery before and after the close, as JSON.
 */
import { setTimeout as pause } from 'node:timers/promises';
import { jsonReply, startRecordingServer } from '../../client/recordingServer.ts';
import { startSandbox } from '../index.ts';

const receiver = await startRecordingServer();
receiver.setReply(jsonReply(500, {}));
const sandbox = await startSandbox({
  port: 0,
  webhooks: { timeoutMs: 60_000, retries: 3, retryDelayMs: 600_000 },
});
const { tenant } = sandbox.state.tenants.create({ paymentEndpoints: [`${receiver.url}/hook`] });
const link = sandbox.state.links.add({
  owner: tenant,
  amount: 100,
  note: '',
  createdAt: sandbox.state.now(),
  split: null,
  callbackUrl: '',
  paymentEndpoint: '',
  cancellable: true,
});
const paid = await fetch(`${sandbox.url}/sandbox/links/${link.id}/pay`, { method: 'POST' });
const { data } = (await paid.json()) as { data: { webhooks: string[] } };
const delivery = sandbox.state.notifier.log.get(data.webhooks[0]!)!;
// The first attempt has failed once it is recorded; the retry is due from then on.
while (delivery.attempts.length === 0) await pause(5);
const before = { state: delivery.state, attempts: delivery.attempts.length };
await sandbox.close();
await receiver.close();
console.log(JSON.stringify({ before, after: { state: delivery.state, attempts: delivery.attempts.length } }));
