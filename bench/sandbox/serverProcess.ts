/**
 * Child-process entry of the sandbox benchmark: hosts one server (hostServer.ts) so the load
 * generator and the server each get a core. Reads its options from argv as JSON, reports the
 * host's info over IPC, answers CPU-time questions (so the benchmark can say how much server CPU a
 * request costs), and closes the server when the parent disconnects: the IPC channel and the server
 * were all that kept it alive, so it then ends by itself (and with its parent, however that ends).
 */
import { type HostOptions, hostServer } from './hostServer.ts';

const options = JSON.parse(process.argv[2] ?? '{}') as HostOptions;
const host = await hostServer(options);
const { close, ...info } = host;
process.send?.({ type: 'ready', info });
process.on('message', (message: { type: string }) => {
  if (message.type !== 'cpu') return;
  const { user, system } = process.cpuUsage();
  process.send?.({ type: 'cpu', micros: user + system });
});
process.once('disconnect', () => {
  void close();
});
