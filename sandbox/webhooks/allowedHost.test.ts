import assert from 'node:assert/strict';
import { test } from 'node:test';
import { allowHostProblem, isLoopbackHost, normalAllowHost, unsendableReason } from './allowedHost.ts';

test('loopback: 127.0.0.0/8, ::1, IPv4-mapped 127/8 and the name localhost, as URL.hostname writes them', () => {
  for (const url of [
    'http://127.0.0.1:1/',
    'http://127.255.3.4/',
    'http://127.1/',
    'http://0x7f.0.0.1/',
    'http://[::1]:8080/',
    'http://[0:0:0:0:0:0:0:1]/',
    'http://[::ffff:127.0.0.1]/',
    'http://LOCALHOST/',
  ])
    assert.equal(isLoopbackHost(new URL(url).hostname), true, url);
});

test('not loopback, whatever it may resolve to: names are never looked up', () => {
  for (const url of [
    'http://0.0.0.0/',
    'http://128.0.0.1/',
    'http://10.0.0.1/',
    'http://[::]/',
    'http://[::2]/',
    'http://[::ffff:10.0.0.1]/',
    'http://localhost.localdomain/',
    'http://localhost./',
    'http://127.0.0.1.nip.io/',
    'http://sub.localhost/',
  ])
    assert.equal(isLoopbackHost(new URL(url).hostname), false, url);
});

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
