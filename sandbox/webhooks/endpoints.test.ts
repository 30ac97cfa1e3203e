import assert from 'node:assert/strict';
import { test } from 'node:test';
import { maxEndpointsPerLink, resolveEndpoints } from './endpoints.ts';

const saved = ['http://127.0.0.1:1/a', 'https://127.0.0.1:2/b'];

test('no payment_endpoint (or only spaces): every saved endpoint, in order; none saved: nothing', () => {
  assert.deepEqual(resolveEndpoints('', saved), [{ url: saved[0] }, { url: saved[1] }]);
  assert.deepEqual(resolveEndpoints('  ', saved), [{ url: saved[0] }, { url: saved[1] }]);
  assert.deepEqual(resolveEndpoints('', []), []);
});

test('a comma-separated mix of indexes and URLs, each trimmed, in its order; a URL named again is not sent', () => {
  assert.deepEqual(resolveEndpoints(' 1 , http://localhost:3/c ,0,1,HTTP://LOCALHOST:3/c', saved), [
    { url: saved[1] },
    { url: 'http://localhost:3/c' },
    { url: saved[0] },
    { item: saved[1], reason: 'the same URL as item 1' },
    { item: 'HTTP://LOCALHOST:3/c', reason: 'the same URL as item 2' },
  ]);
  assert.deepEqual(resolveEndpoints('', [saved[0]!, saved[0]!]), [
    { url: saved[0] },
    { item: saved[0], reason: 'the same URL as item 1' },
  ]);
});

test(`a link notifies at most ${maxEndpointsPerLink} endpoints: the items past them are not sent`, () => {
  const urls = Array.from({ length: maxEndpointsPerLink + 1 }, (_, n) => `http://127.0.0.1:${n + 1}/`);
  // Index 0 and the first 19 URLs make 20; an item naming no endpoint, or a repeat, does not count.
  const targets = resolveEndpoints(['x', '0', '0', ...urls].join(','), saved);
  assert.equal(targets.length, urls.length + 3);
  assert.equal(targets.filter((t) => 'url' in t).length, maxEndpointsPerLink);
  const limit = `past the ${maxEndpointsPerLink} endpoints a link notifies at most (the sandbox's limit)`;
  assert.deepEqual(targets.slice(-3), [
    { url: urls.at(-3) },
    { item: urls.at(-2), reason: limit },
    { item: urls.at(-1), reason: limit },
  ]);
  // 2000 characters of `0,0,…`: one endpoint notified.
  const zeros = resolveEndpoints(Array(1000).fill('0').join(','), saved);
  assert.equal(zeros.filter((t) => 'url' in t).length, 1);
});

test('an item that names no endpoint is kept with its reason', () => {
  assert.deepEqual(resolveEndpoints('2,01,-1,1.0,mailto:x@y,//127.0.0.1/x,,0', saved), [
    { item: '2', reason: "index 2 names none of the account's 2 saved payment endpoints (0-based)" },
    ...['01', '-1', '1.0', 'mailto:x@y', '//127.0.0.1/x'].map((item) => ({
      item,
      reason: 'neither an http(s) URL nor an index of a saved payment endpoint',
    })),
    { item: '', reason: 'an empty item of payment_endpoint' },
    { url: saved[0] },
  ]);
  assert.deepEqual(resolveEndpoints('0', []), [
    { item: '0', reason: "index 0 names none of the account's 0 saved payment endpoints (0-based)" },
  ]);
});
