/**
 * The one JUnit writer: whatever text a server sends ends up in a well-formed XML 1.0 document,
 * and the contract run and the load engines get the same escaping because they share the writer.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { junitXml as contractJunit } from '../contract/reporting/junit.ts';
import { junitXml as loadJunit } from '../load/shared/junit.ts';
import { escapeXml, escapeXmlAttribute, junitDocument } from './junitXml.ts';

const entity = /&(?:amp|lt|gt|quot|apos|#\d+);/;
const attribute = new RegExp(`\\s[a-z-]+="(?:[^"<&]|${entity.source})*"`);
const tag = new RegExp(`<\\?xml[^>]*\\?>|</?[a-z-]+(?:${attribute.source})*\\s*/?>`, 'g');

/** Well-formed for this vocabulary: tags balanced, no stray `<`, every `&` an entity, no forbidden character. */
function assertWellFormed(xml: string): void {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
  assert.doesNotMatch(xml, /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/);
  assert.doesNotMatch(
    xml,
    /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/,
    'a lone surrogate',
  );
  const open: string[] = [];
  for (const [text] of xml.matchAll(tag)) {
    const name = /^<\/?([a-z-]+)/.exec(text)?.[1];
    if (!name || text.endsWith('/>')) continue;
    if (text.startsWith('</')) assert.equal(open.pop(), name, `</${name}> closes nothing`);
    else open.push(name);
  }
  assert.deepEqual(open, []);
  const between = xml.replace(tag, '');
  assert.doesNotMatch(between, /</);
  assert.doesNotMatch(between.replace(new RegExp(entity, 'g'), ''), /&/);
}

const hostile = `a <b> & "c" 'd' ]]> \u0000\u0001\u001F\uFFFE\uFFFF \uD800 lone, pair \uD83D\uDE00 \r\n\tend`;

test('forbidden characters are dropped, markup escaped, line breaks kept in text and escaped in attributes', () => {
  assert.equal(escapeXml(hostile), "a &lt;b&gt; &amp; &quot;c&quot; 'd' ]]&gt;   lone, pair 😀 &#13;\n\tend");
  assert.equal(escapeXmlAttribute('one\ntwo\tthree'), 'one&#10;two&#9;three');
  assert.equal(escapeXml('plain text'), 'plain text');
});

test('a document with hostile names, messages and details is well-formed, with its counts', () => {
  const xml = junitDocument(hostile, [
    {
      name: hostile,
      cases: [
        { name: hostile, classname: hostile, timeSeconds: 0.5, outcome: 'passed' },
        { name: 'f', classname: 'c', timeSeconds: 1, outcome: 'failed', message: hostile, detail: hostile },
        {
          name: 's',
          classname: 'c',
          timeSeconds: 0,
          outcome: 'skipped',
          message: hostile,
          systemOut: hostile,
        },
      ],
    },
    { name: 'load', timeSeconds: 30, cases: [] },
  ]);
  assertWellFormed(xml);
  assert.match(xml, /<testsuites name="[^"]*" tests="3" failures="1" errors="0" skipped="1" time="31\.500">/);
  assert.match(xml, /<testsuite name="load" tests="0" failures="0" errors="0" skipped="0" time="30\.000">/);
  assert.match(xml, /<testcase name="[^"]*" classname="[^"]*" time="0\.500"\/>/);
});

test('the contract report and the load report escape the same text the same way', () => {
  const contract = contractJunit(
    [
      {
        file: 'suites/createLink.contract.test.ts',
        name: hostile,
        durationMs: 1,
        outcome: 'failed',
        message: 'x',
      },
    ],
    'run',
  );
  const load = loadJunit('load', [{ name: hostile, classname: 'load.x', ok: false, message: 'x' }]);
  const shown = (xml: string) => /<testcase name="([^"]*)"/.exec(xml)?.[1];
  assert.equal(shown(contract), escapeXmlAttribute(hostile));
  assert.equal(shown(load), escapeXmlAttribute(hostile));
  assertWellFormed(contract);
  assertWellFormed(load);
});
