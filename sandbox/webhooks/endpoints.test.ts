import assert from 'node:assert/strict';
import { test } from 'node:test';
import { resolveEndpoints } from './endpoints.ts';

const saved = ['http://127.0.0.1:1/a', 'https://127.0.0.1:2/b'];

test('no payment_endpoint (or only spaces): every saved endpoint, in order; none saved: nothing', () => {
  assert.deepEqual(resolveEndpoints('', saved), [{ url: saved[0] }, { url: saved[1] }]);
  assert.deepEqual(resolveEndpoints('  ', saved), [{ url: saved[0] }, { url: saved[1] }]);
  assert.deepEqual(resolveEndpoints('', []), []);
});

test('a comma-separated mix of indexes and URLs, each trimmed, in its order, repeats kept', () => {
  assert.deepEqual(resolveEndpoints(' 1 , http://localhost:3/c ,0,1', saved), [
    { url: saved[1] },
    { url: 'http://localhost:3/c' },
    { url: saved[0] },
    { url: saved[1] },
  ]);
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
