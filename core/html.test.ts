/**
 * The escaper turns every character that could open markup or leave a double-quoted attribute into
 * an entity, `&` first so an entity already in the text stays readable as text.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { escapeHtml } from './html.ts';

test('markup, attribute quotes and ampersands become entities', () => {
  assert.equal(
    escapeHtml('<script>alert("x")</script> & <img src=x onerror=y>'),
    '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;img src=x onerror=y&gt;',
  );
});

test('an entity in the text is escaped once, so it shows as written', () => {
  assert.equal(escapeHtml('&lt; is <'), '&amp;lt; is &lt;');
});

test('values that are not strings are written as their text', () => {
  assert.equal(escapeHtml(404), '404');
  assert.equal(escapeHtml(undefined), 'undefined');
  assert.equal(escapeHtml(null), 'null');
});
