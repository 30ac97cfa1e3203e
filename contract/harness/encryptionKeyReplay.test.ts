/**
 * A link's encryption key on its way from a createLink the client sent to the replay of its record:
 * the client masks the `encryption_key` field before the recorder sees it, and the curl line must
 * still read the key from `$SECPAID_ENCRYPTION_KEY` (not a recipient token's variable); neither the
 * key nor its first 16 characters (the IV) are written anywhere.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { createControlClient } from '../../client/controlClient.ts';
import { createSecPaidClient } from '../../client/secpaidClient.ts';
import { defaultBodyLimits } from '../../core/boundedBody.ts';
import { startSandbox } from '../../sandbox/index.ts';
import { curlOfRecord } from '../reporting/curl.ts';
import { privateFiles, type RequestRecord, type SecretRecord } from '../reporting/observations.ts';
import { redactKnown } from '../reporting/redact.ts';
import { type ContractContext, contextEnvVar } from './context.ts';
import { exchangeRecord } from './exchangeRecord.ts';
import { recordEncryptionKey, recordRequest } from './recorder.ts';

const dir = mkdtempSync(join(tmpdir(), 'encryption-key-replay-'));
let sandbox: Awaited<ReturnType<typeof startSandbox>>;

before(async () => {
  sandbox = await startSandbox({ port: 0 });
  const context: ContractContext = {
    runId: 'feedbeef',
    baseUrl: sandbox.url,
    targetDescription: 'embedded sandbox',
    control: true,
    readOnly: false,
    tokens: {},
    privateDir: dir,
    operations: [],
    bodyLimits: { ...defaultBodyLimits },
    recordBudgetBytes: 16 * 1024 * 1024,
  };
  writeFileSync(join(dir, 'context.json'), JSON.stringify(context));
  process.env[contextEnvVar] = join(dir, 'context.json');
});
after(async () => {
  await sandbox.close();
  rmSync(dir, { recursive: true, force: true });
});

const readLines = <T>(file: string): T[] =>
  readFileSync(join(dir, file), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as T);

test("a createLink with an encryption key replays it from $SECPAID_ENCRYPTION_KEY, and the key's IV is a secret too", async () => {
  const key = 'Zq3v9LmT0pXc2WbR7sYk4HnJ8dFg6AeU';
  const iv = key.slice(0, 16);
  recordEncryptionKey(key);
  const tenant = await createControlClient({ baseUrl: sandbox.url }).createTenant();
  const client = createSecPaidClient({
    baseUrl: sandbox.url,
    token: tenant.token,
    onExchange: (exchange) => void recordRequest(exchangeRecord(exchange)),
  });
  const created = await client.createLink({ amount: 5, is_encryption: 'true', encryption_key: key });
  assert.ok(created.ok, created.bodyText);

  const written = readFileSync(join(dir, privateFiles.requests(process.pid)), 'utf8');
  assert.ok(!written.includes(iv), 'neither the key nor its IV is in the records');
  const [record] = readLines<RequestRecord>(privateFiles.requests(process.pid));
  assert.ok(record);
  const line = curlOfRecord(record);
  assert.match(line, /encryption_key='"\$SECPAID_ENCRYPTION_KEY"'/);
  assert.doesNotMatch(line, /SECPAID_RECIPIENT_TOKEN/);
  assert.match(line, /-H "token: \$SECPAID_TOKEN"/);

  const secrets = readLines<SecretRecord>(privateFiles.secrets).map((s) => s.token);
  assert.deepEqual(secrets, [key, iv], "the runner's redactor learns the key and its IV");
  assert.equal(redactKnown(`iv ${iv} leaked`), 'iv «redacted» leaked');
});
