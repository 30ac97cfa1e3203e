/**
 * An object body is sent as k6 sends it: Go's url.Values.Encode, so keys in byte order, a space as
 * `+` and Go's QueryEscape for everything else.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formBody } from './http.ts';

describe('k6 form body', () => {
  it('sorts the keys as Go does, whatever order the object has', () => {
    assert.equal(formBody({ b: '2', a: '1', B: '3', aa: '4' }), 'B=3&a=1&aa=4&b=2');
  });

  it("escapes as Go's QueryEscape: space as +, !'()* and reserved characters as %XX, UTF-8 bytes", () => {
    assert.equal(formBody({ 'first name': 'Ada Lovelace' }), 'first+name=Ada+Lovelace');
    assert.equal(formBody({ q: "a+b&c=d/e?f!'()*~-_." }), 'q=a%2Bb%26c%3Dd%2Fe%3Ff%21%27%28%29%2A~-_.');
    assert.equal(formBody({ name: 'Zoë €' }), 'name=Zo%C3%AB+%E2%82%AC');
  });

  it('writes other values as strings', () => {
    assert.equal(formBody({ n: 12, t: true }), 'n=12&t=true');
  });
});
