import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startRedirectTrap } from '../client/redirectTrap.ts';
import { OffTargetRequestError, redirectNote, targetFetch } from './targetFetch.ts';

let trap: Awaited<ReturnType<typeof startRedirectTrap>>;
before(async () => {
  trap = await startRedirectTrap();
});
after(() => trap.close());

const key = 'K3y-that-must-stay-home';

test('every 3xx comes back as it is, with its Location, and nothing reaches the other host', async () => {
  const fetchTarget = targetFetch(trap.url);
  for (const status of [301, 302, 303, 307, 308]) {
    trap.target.setReply({ status, body: 'moved', headers: { location: `${trap.elsewhere.url}/x` } });
    const response = await fetchTarget(`${trap.url}/api/v2/createLink`, {
      method: 'POST',
      headers: { token: key, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'amount=5',
    });
    assert.equal(response.status, status);
    assert.equal(response.headers.get('location'), `${trap.elsewhere.url}/x`);
    assert.equal(await response.text(), 'moved');
  }
  assert.deepEqual(trap.leaked(), []);
  assert.equal(trap.target.received.length, 5);
});

test('a Request that asks to follow redirects is sent with redirect: manual all the same', async () => {
  trap.target.setReply({ status: 307, body: '', headers: { location: `${trap.elsewhere.url}/y` } });
  const request = new Request(`${trap.url}/api/v2/deleteLink`, {
    method: 'POST',
    headers: { token: key },
    body: 'link_id=1',
    redirect: 'follow',
  });
  const response = await targetFetch(trap.url)(request);
  assert.equal(response.status, 307);
  assert.equal(trap.target.last().body, 'link_id=1');
  assert.deepEqual(trap.leaked(), []);
});

test('a URL outside the bound origin is refused before anything is sent', async () => {
  const sentBefore = trap.target.received.length;
  const fetchTarget = targetFetch(`${trap.url}/base/`);
  for (const url of [
    `${trap.elsewhere.url}/api/v2/createLink`,
    trap.url.replace('http:', 'https:'),
    trap.url.replace(/:\d+$/, ':1'),
    `http://localhost:${trap.target.port}/`,
  ]) {
    await assert.rejects(fetchTarget(url, { headers: { token: key } }), (error: Error) => {
      assert.ok(error instanceof OffTargetRequestError, url);
      assert.match(error.message, /refused to send a request to .* only to http:\/\/127\.0\.0\.1:\d+$/);
      return true;
    });
  }
  assert.equal(trap.target.received.length, sentBefore);
  assert.deepEqual(trap.leaked(), []);
});

test('the baseFetch given is the one that sends, with the manual-redirect Request', async () => {
  const seen: Request[] = [];
  const fetchTarget = targetFetch('http://127.0.0.1:9', async (request) => {
    seen.push(request);
    return new Response('ok');
  });
  await fetchTarget('http://127.0.0.1:9/a', { method: 'POST', body: 'x' });
  assert.equal(seen.length, 1);
  assert.equal(seen[0]?.redirect, 'manual');
  assert.equal(await seen[0]?.text(), 'x');
});

test('redirectNote names a redirect and where it pointed, and nothing else', () => {
  assert.equal(
    redirectNote(302, '/login', 'http://127.0.0.1:4010/api/v2/createLink'),
    'a redirect (HTTP 302 to http://127.0.0.1:4010/login), not followed: the harness never sends its API keys to another URL',
  );
  assert.match(redirectNote(308, null) ?? '', /HTTP 308 to no Location header/);
  assert.match(redirectNote(301, 'http://[bad', 'http://127.0.0.1/') ?? '', /HTTP 301 to http:\/\/\[bad\)/);
  for (const status of [200, 201, 299, 400, 404, 500]) assert.equal(redirectNote(status, '/x'), undefined);
});
