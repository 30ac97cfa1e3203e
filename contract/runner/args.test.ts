import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseArgs } from './args.ts';

test('no options: the embedded sandbox, every operation', () => {
  assert.deepEqual(parseArgs([]), { target: { kind: 'embedded' } });
});

test('every option, in both --flag value and --flag=value spellings', () => {
  assert.deepEqual(
    parseArgs([
      '--base-url',
      'http://127.0.0.1:4010',
      '--env-tokens',
      '--read-only',
      '--allow-production',
      '--only=createLink,deleteLink',
      '--reports',
      'out',
    ]),
    {
      target: { kind: 'url', baseUrl: 'http://127.0.0.1:4010', useControlApi: false },
      readOnly: true,
      allowProduction: true,
      only: ['createLink', 'deleteLink'],
      reportsDir: 'out',
    },
  );
  assert.deepEqual(parseArgs(['--image', 'secpaid-sandbox:dev']), {
    target: { kind: 'image', image: 'secpaid-sandbox:dev' },
  });
});

test('mistakes are refused before anything runs', () => {
  assert.throws(() => parseArgs(['--only', 'createLnk']), /unknown operation createLnk/);
  assert.throws(() => parseArgs(['--base-url', 'not a url']), /Invalid URL/);
  assert.throws(() => parseArgs(['--base-url']), /needs a value/);
  assert.throws(() => parseArgs(['--base-url', 'http://a', '--image', 'x']), /not both/);
  assert.throws(() => parseArgs(['--env-tokens']), /goes with --base-url/);
  assert.throws(() => parseArgs(['--verbose']), /unknown option --verbose/);
});

test('--help asks for the usage', () => assert.deepEqual(parseArgs(['--help']), { help: true }));
