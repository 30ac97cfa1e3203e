/**
 * The ceiling for load benchmarks: a bare node:http server that reads each request and answers one
 * fixed JSON success envelope (a created link), with no parsing, validation or state. What a load
 * generator reaches against it is the generator's limit, not a server's. Used by the sandbox and the
 * load-runner benchmarks; run it alone with `tsx bench/bareServer.ts [--port N]` (prints its URL).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

export const bareBody = JSON.stringify({
  data: {
    id: 1,
    user_id: '00000000-0000-4000-8000-000000000000',
    amount: '100.00',
    recipient_note: 'bench',
    status: 'Unused',
    paymentEndpoint: '',
    callback_url: '',
    service_fee: '1.5',
    recipient: null,
    created_at: '2025-01-01 12:00:00',
    pay_link: 'http://127.0.0.1/payment?link_id=MQ==',
    qr_img: 'https://quickchart.io/chart?chl=http://127.0.0.1/payment?link_id=MQ==&chs=300x300&cht=qr',
    transaction_type: 'Basic',
  },
  ResponseCode: 1,
  ResponseMsg: 'Success',
  Result: 'True',
  ServerTime: 'CET',
});

export interface BareServer {
  url: string;
  close(): Promise<void>;
}

export async function startBareServer(options: { port?: number; host?: string } = {}): Promise<BareServer> {
  const body = Buffer.from(bareBody);
  const server = createServer((request, response) => {
    // Read the body to its end, as any real server must, before answering.
    request.resume();
    request.on('end', () => {
      response.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': body.length });
      response.end(body);
    });
  });
  server.keepAliveTimeout = 30_000;
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({ options: { port: { type: 'string', default: '0' } } });
  const server = await startBareServer({ port: Number(values.port) });
  console.log(server.url);
  process.on('SIGTERM', () => void server.close().then(() => process.exit(0)));
}
