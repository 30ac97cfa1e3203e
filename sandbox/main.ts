/**
 * `npm run sandbox [-- --port 4010 --host 127.0.0.1]`: serves the reference sandbox, prints its URL
 * and a ready-to-use demo account, and stops cleanly on SIGINT/SIGTERM. PORT, HOST and
 * SANDBOX_BROKEN_MODE (a deliberately broken variant, for the contract self-test) also work.
 */
import { parseArgs } from 'node:util';
import { startSandbox } from './index.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.PORT ?? '4010' },
    host: { type: 'string', default: process.env.HOST ?? '127.0.0.1' },
    'public-base-url': { type: 'string' },
    'no-demo': { type: 'boolean', default: false },
  },
});

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be 0..65535, got ${values.port}`);
  process.exit(2);
}

const sandbox = await startSandbox({
  port,
  host: values.host,
  publicBaseUrl: values['public-base-url'],
  brokenMode: process.env.SANDBOX_BROKEN_MODE || undefined,
});
console.log(`SecPaid reference sandbox listening on ${sandbox.url}`);
if (sandbox.state.broken) console.log(`deliberately broken mode: ${sandbox.state.broken}`);
if (!values['no-demo']) {
  // The demo key is printed once, for the person who started the sandbox; requests are never logged.
  const { tenant, apiKey } = sandbox.state.tenants.create();
  const recipient = sandbox.state.tenants.create();
  console.log(`demo account: token ${apiKey}  user_id ${tenant.userId}`);
  console.log(`demo recipient token (for createSplitLink): ${recipient.tenant.recipientToken}`);
  console.log(`try: curl -s -X POST ${sandbox.url}/api/v2/createLink -H 'token: ${apiKey}' -d amount=12.50`);
}

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    sandbox.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
