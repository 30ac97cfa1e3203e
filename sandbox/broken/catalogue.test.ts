/**
 * The broken modes live apart from the faithful sandbox: each is listed once, an unknown one is a
 * clear error, no faithful source names one, and building every broken app changes nothing a
 * faithful sandbox started afterwards does.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { after, test } from 'node:test';
import { createSecPaidClient } from '../../client/secpaidClient.ts';
import { operationIds } from '../../core/spec.ts';
import { faithfulParts } from '../app.ts';
import { authenticate } from '../auth.ts';
import { linkIdFromPayLink } from '../domain/payLink.ts';
import { handlers } from '../handlers/index.ts';
import { readApiRequest } from '../http/readRequest.ts';
import { type RunningSandbox, startSandbox } from '../index.ts';
import { createState } from '../state.ts';
import { sendAsPlanned } from '../webhooks/plan.ts';
import { brokenApp } from './brokenApp.ts';
import { brokenModes } from './modes.ts';

const sandboxRoot = join(import.meta.dirname, '..');
/** Folders whose files may name a mode: the modes themselves, and tests that start one. */
const mayNameModes = new Set(['broken', 'api', 'testing']);

function faithfulSources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return mayNameModes.has(entry.name) ? [] : faithfulSources(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

const started: RunningSandbox[] = [];
after(() => Promise.all(started.map((s) => s.close())));

test('each mode is listed once, with at least one suite that must catch it', () => {
  const names = brokenModes.map((m) => m.name);
  assert.deepEqual(
    names.filter((name, i) => names.indexOf(name) !== i),
    [],
    'listed twice',
  );
  for (const mode of brokenModes) assert.ok(mode.suites.length > 0, `${mode.name} names no suite`);
});

test('an unknown mode is refused with the list of modes, before a port is taken', async () => {
  await assert.rejects(startSandbox({ port: 0, brokenMode: 'delete-nop' }), (error: Error) => {
    assert.match(error.message, /^unknown broken mode "delete-nop": one of status-201-on-success, /);
    assert.ok(error.message.includes('delete-noop'));
    return true;
  });
});

test('no handler, domain, store, http or app file names a mode or reads one from the state', () => {
  const quoted = brokenModes.map((m) => `'${m.name}'`);
  const files = faithfulSources(sandboxRoot);
  assert.ok(
    files.some((f) => f.endsWith(join('handlers', 'deleteLink.ts'))),
    'the walk found no handler',
  );
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const named = quoted.filter((q) => text.includes(q));
    assert.deepEqual(named, [], `${relative(sandboxRoot, file)} names a mode`);
    assert.ok(!/state\.broken\b/.test(text), `${relative(sandboxRoot, file)} reads state.broken`);
  }
});

test('building every broken app leaves the faithful parts as they were', () => {
  for (const mode of brokenModes) brokenApp(mode.name, createState({ publicBaseUrl: 'http://sandbox.test' }));
  assert.equal(faithfulParts.readRequest, readApiRequest);
  assert.equal(faithfulParts.authenticate, authenticate);
  assert.equal(faithfulParts.rewriteAnswer, undefined);
  assert.equal(faithfulParts.planNotifications, sendAsPlanned);
  for (const op of operationIds) assert.equal(faithfulParts.handlers[op], handlers[op], op);
});

test('a faithful sandbox started after every broken one answers faithfully', async () => {
  for (const mode of brokenModes) started.push(await startSandbox({ port: 0, brokenMode: mode.name }));
  const sandbox = await startSandbox({ port: 0 });
  started.push(sandbox);
  assert.equal(sandbox.brokenMode, undefined);
  const { apiKey } = sandbox.state.tenants.create();
  const client = createSecPaidClient({ baseUrl: sandbox.url, token: apiKey });
  const created = await client.createLink({ amount: 0.01, recipient_note: 'x'.repeat(30) });
  assert.ok(created.ok, `createLink answered ${created.status}`);
  assert.equal(created.headers.get('content-type'), 'application/json; charset=utf-8');
  assert.equal(created.body.data.amount, '0.01');
  assert.equal(created.body.data.recipient_note, 'x'.repeat(30));
  assert.equal(linkIdFromPayLink(created.body.data.pay_link), created.body.data.id);
  assert.equal((await client.deleteLink({ link_id: created.body.data.id })).status, 200);
  const unused = await client.getMyUnusedLinks();
  assert.ok(unused.ok);
  assert.deepEqual(unused.body.data, []);
  const swapped = [...apiKey]
    .map((c) => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase()))
    .join('');
  assert.notEqual(swapped, apiKey, 'a key of digits only');
  const otherCase = createSecPaidClient({ baseUrl: sandbox.url, token: swapped });
  assert.equal((await otherCase.getMyUnusedLinks()).status, 201, 'a key in the other letter case is nobody');
});
