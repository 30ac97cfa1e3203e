import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  allowHostProblem,
  normalAllowHost,
  ownAddressesOf,
  unsendableReason,
  urlForLog,
} from './allowedHost.ts';

test('unsendableReason: loopback or allowed hosts pass; other hosts and non-http URLs say why', () => {
  const allowed = ['hooks.example.test', '10.1.2.3', '[fd00::1]'].map(normalAllowHost);
  for (const url of [
    'http://127.0.0.1:9/x',
    'https://HOOKS.example.test/x',
    'http://10.1.2.3/',
    'http://[fd00::1]/',
  ])
    assert.equal(unsendableReason(url, allowed), undefined, url);
  assert.equal(
    unsendableReason('http://other.example.test/', allowed),
    'host other.example.test is neither loopback nor allowed (startSandbox webhooks.allowHosts, --webhook-allow-host)',
  );
  assert.equal(unsendableReason('ftp://127.0.0.1/', allowed), 'not an http(s) URL');
  assert.equal(unsendableReason('127.0.0.1:80', allowed), 'not an http(s) URL');
});

test('an allowed host is a name or an IP literal; a scheme, a port or a path is refused', () => {
  for (const host of ['example.test', 'EXAMPLE.test', '10.0.0.1', '::1', '[fd00::1]', 'a-b.c'])
    assert.equal(allowHostProblem(host), undefined, host);
  for (const host of [
    'http://example.test',
    'example.test:80',
    'example.test/x',
    '',
    'a b',
    'user@host',
    '-x',
  ])
    assert.match(allowHostProblem(host) ?? '', /is not a host name or IP address/, host);
  assert.deepEqual(['EXAMPLE.test', '::1', '[FD00::0:1]'].map(normalAllowHost), [
    'example.test',
    '[::1]',
    '[fd00::1]',
  ]);
});

test("unsendableReason: the sandbox's own address, in any loopback spelling, on its port, is refused", () => {
  const own = ownAddressesOf(['http://127.0.0.1:4010', 'https://sandbox.example.test', 'not a URL']);
  const allowed = [normalAllowHost('sandbox.example.test')];
  const self = "the sandbox's own address: it does not notify itself";
  for (const url of [
    'http://127.0.0.1:4010/sandbox/links/1/pay',
    'http://LOCALHOST:4010/',
    'http://[::1]:4010/',
    'http://127.0.0.9:4010/',
    'https://sandbox.example.test/',
    'http://sandbox.example.test:443/',
  ])
    assert.equal(unsendableReason(url, allowed, own), self, url);
  for (const url of ['http://127.0.0.1:4011/', 'http://127.0.0.1/', 'http://sandbox.example.test/'])
    assert.equal(unsendableReason(url, allowed, own), undefined, url);
});

test('port 0 and a URL with a user name or password are not sent; the log shows no credentials', () => {
  assert.equal(unsendableReason('http://127.0.0.1:0/', []), 'port 0 names no endpoint');
  const credentials = 'a URL with a user name or password is not sent (the log shows it redacted)';
  for (const url of ['http://u:p@127.0.0.1/', 'http://u@127.0.0.1:9/', 'https://:p@localhost/'])
    assert.equal(unsendableReason(url, []), credentials, url);
  assert.equal(urlForLog('http://u:secret@127.0.0.1:9/x?y#z'), 'http://«redacted»@127.0.0.1:9/x?y#z');
  assert.equal(urlForLog('http://127.0.0.1:9/x'), 'http://127.0.0.1:9/x');
  assert.equal(urlForLog('not a url'), 'not a url');
});
