import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isLoopbackHost } from './loopbackHost.ts';

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
