/**
 * The sandbox as a process (sandbox/main.ts): API keys never reach its output, whatever the
 * requests do, and SIGTERM stops it cleanly with exit code 0, open keep-alive connections and all;
 * waiting for it to start never outlasts its deadline.
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { answersHealth, spawnSandbox } from '../spawn.ts';
import { apiAs, FORM } from '../testing/api.ts';
import { armFault, createTenant } from '../testing/control.ts';

test('keys never appear in stdout/stderr; SIGTERM exits 0', async () => {
  const sandbox = await spawnSandbox(['--port', '0', '--no-demo']);
  try {
    const tenant = await createTenant(sandbox.url);
    const unknownKey = `NoSuchUser${'7'.repeat(22)}`;
    const created = await tenant.call('createLink', { amount: 5, recipient_note: tenant.token });
    assert.equal(created.status, 200);
    assert.equal((await tenant.call('createLink', { amount: 'NaN' })).status, 400);
    assert.equal(
      (await tenant.call('createLink', '{"amount":', { contentType: 'application/json' })).status,
      400,
    );
    assert.equal((await tenant.call('deleteLink', { link_id: 1 })).status, 404);
    await armFault(sandbox.url, { status: 500, user_id: tenant.userId });
    assert.equal((await tenant.call('getMyUnusedLinks', {})).status, 500);
    const big = `amount=5&recipient_note=${'k'.repeat(70_000)}`;
    assert.equal((await tenant.call('createLink', big, { contentType: FORM })).status, 400);
    assert.equal((await apiAs(sandbox.url, unknownKey).call('createLink', { amount: 1 })).status, 201);
    assert.equal(
      (await apiAs(sandbox.url, `${tenant.token}!`).call('createLink', { amount: 1 })).status,
      401,
    );

    const { code, signal } = await sandbox.stop('SIGTERM');
    assert.deepEqual({ code, signal }, { code: 0, signal: null });
    const output = sandbox.output();
    assert.match(output, /listening on/, 'the output was captured');
    assert.ok(!output.includes(tenant.token), 'the API key appears in the output');
    assert.ok(!output.includes(unknownKey), 'a presented unknown key appears in the output');
  } finally {
    sandbox.child.kill('SIGKILL');
  }
});

test('without --no-demo the demo keys are printed once, on purpose (and the capture would see a key)', async () => {
  const sandbox = await spawnSandbox(['--port', '0']);
  try {
    const output = sandbox.output();
    const printed = /demo account: token ([A-Za-z0-9]{32}) {2}user_id \S+ {2}\(SECPAID_TOKEN\)/.exec(
      output,
    )?.[1];
    const second = /second account: token ([A-Za-z0-9]{32}) {2}user_id \S+ {2}\(SECPAID_TOKEN_B\)/.exec(
      output,
    )?.[1];
    const recipient =
      /demo recipient token \(for createSplitLink\): (\S+) {2}\(a third account's: SECPAID_RECIPIENT_TOKEN\)/.exec(
        output,
      )?.[1];
    assert.ok(printed && second && recipient, `the banner names the three values: ${output}`);
    const demo = apiAs(sandbox.url, printed);
    assert.equal((await demo.call('getMyUnusedLinks', {})).status, 200, 'the printed demo token works');
    const other = apiAs(sandbox.url, second);
    assert.equal((await other.call('getMyUnusedLinks', {})).status, 200, 'the second key works');
    assert.notEqual(second, printed, 'two accounts');
    // The recipient token is neither account's: a split link of either may name it.
    const split = await demo.call('createSplitLink', {
      amount: 10,
      recipients: [{ token: recipient, share: 50 }],
    });
    assert.equal(split.status, 200, JSON.stringify(split.body));
    const splitOfSecond = await other.call('createSplitLink', {
      amount: 10,
      recipients: [{ token: recipient, share: 50 }],
    });
    assert.equal(splitOfSecond.status, 200, JSON.stringify(splitOfSecond.body));
    assert.deepEqual(await sandbox.stop('SIGINT'), { code: 0, signal: null });
    assert.equal(
      sandbox.output().split(printed).length - 1,
      2,
      'printed in the token line and the curl hint only',
    );
    assert.equal(sandbox.output().split(second).length - 1, 1, 'the second key is printed once');
  } finally {
    sandbox.child.kill('SIGKILL');
  }
});

test('the health probe gives up at its deadline on a server that accepts and never answers', async () => {
  const silent = createServer(() => {});
  await new Promise<void>((done) => silent.listen(0, '127.0.0.1', done));
  const { port } = silent.address() as AddressInfo;
  try {
    assert.equal(await answersHealth(`http://127.0.0.1:${port}`, Date.now() + 100), false);
  } finally {
    silent.closeAllConnections();
    silent.close();
  }
});
