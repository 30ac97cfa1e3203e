import assert from 'node:assert/strict';
import { test } from 'node:test';
import { junitXml } from './junit.ts';

test('one testsuite per suite file, failures and skips with their messages, XML escaped', () => {
  const xml = junitXml(
    [
      { file: '/x/suites/createLink.contract.test.ts', name: '200 ok', durationMs: 12, outcome: 'passed' },
      {
        file: '/x/suites/createLink.contract.test.ts',
        name: '400 <bad> & "worse"',
        durationMs: 3,
        outcome: 'failed',
        message: 'received 200 / expected 400\n\u0001detail',
      },
      {
        file: '/x/suites/deleteLink.contract.test.ts',
        name: '500 fault',
        durationMs: 0,
        outcome: 'skipped',
        message: 'no control API',
      },
    ],
    'run 1',
  );
  assert.match(xml, /<testsuites name="run 1" tests="3" failures="1" errors="0" skipped="1" time="0\.015">/);
  assert.match(
    xml,
    /<testsuite name="createLink" tests="2" failures="1" errors="0" skipped="0" time="0\.015">/,
  );
  assert.match(xml, /name="400 &lt;bad&gt; &amp; &quot;worse&quot;"/);
  assert.match(
    xml,
    /<failure message="received 200 \/ expected 400">received 200 \/ expected 400\ndetail<\/failure>/,
  );
  assert.match(
    xml,
    /<testsuite name="deleteLink"[^>]*skipped="1"[\s\S]*<skipped message="no control API"\/>/,
  );
});
