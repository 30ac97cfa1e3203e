import assert from 'node:assert/strict';
import { test } from 'node:test';
import { suiteIds } from '../suites/suiteIds.ts';
import { parseArgs, usage } from './args.ts';

test('no options: the embedded sandbox, every suite', () => {
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
      target: {
        kind: 'url',
        baseUrl: 'http://127.0.0.1:4010',
        useControlApi: false,
        selection: {
          operations: ['createLink', 'deleteLink'],
          readOnly: true,
          handWritten: true,
          generated: {},
        },
      },
      readOnly: true,
      allowProduction: true,
      only: ['createLink', 'deleteLink'],
      reportsDir: 'out',
    },
  );
  const whole = { operations: [...suiteIds], readOnly: false, handWritten: true, generated: {} };
  assert.deepEqual(parseArgs(['--image', 'secpaid-sandbox:dev']), {
    target: { kind: 'image', image: 'secpaid-sandbox:dev', imageArgs: {}, selection: whole },
  });
  assert.deepEqual(
    parseArgs([
      '--image=my-backend:1.2',
      '--image-port',
      '8080',
      '--image-env',
      'A=1',
      '--image-env=B=2',
      '--image-wait',
      'log:ready',
      '--image-startup-timeout=90s',
    ]),
    {
      target: {
        kind: 'image',
        image: 'my-backend:1.2',
        imageArgs: {
          'image-port': '8080',
          'image-env': ['A=1', 'B=2'],
          'image-wait': 'log:ready',
          'image-startup-timeout': '90s',
        },
        selection: whole,
      },
    },
  );
});

test('mistakes are refused before anything runs', () => {
  assert.throws(
    () => parseArgs(['--only', 'createLnk']),
    /unknown suite createLnk; known: createLink, .*, webhooks/,
  );
  assert.throws(() => parseArgs(['--base-url', 'http://not a url']), /--base-url needs a URL such as/);
  assert.throws(
    () => parseArgs(['--base-url', '127.0.0.1:4010']),
    /needs a scheme: http:\/\/127\.0\.0\.1:4010,/,
  );
  assert.throws(
    () => parseArgs(['--base-url', 'http://127.0.0.1:4010/api/v2']),
    /give http:\/\/127\.0\.0\.1:4010 /,
  );
  assert.throws(() => parseArgs(['--single-account']), /--single-account goes with --base-url or --image/);
  const image = parseArgs(['--image', 'secpaid/sandbox:dev', '--single-account']);
  assert.ok('target' in image && image.target.kind === 'image' && image.target.singleAccount === true);
  assert.throws(() => parseArgs(['--base-url']), /needs a value/);
  assert.throws(() => parseArgs(['--base-url', 'http://a', '--image', 'x']), /not both/);
  assert.throws(() => parseArgs(['--env-tokens']), /goes with --base-url/);
  assert.throws(() => parseArgs(['--image-port', '80']), /go with --image/);
  assert.throws(() => parseArgs(['--verbose']), /Unknown option '--verbose'/);
  assert.throws(() => parseArgs(['--onyl', 'createLink']), /Unknown option '--onyl'; did you mean --only\?/);
});

test('an empty --only is a usage error, not "every suite"', () => {
  for (const argv of [['--only', ''], ['--only='], ['--only', ' , ']])
    assert.throws(() => parseArgs(argv), /--only needs at least one suite name/, argv.join(' '));
});

test('--generated-only with an --only that names no operation is a usage error: it would run nothing', () => {
  assert.throws(
    () => parseArgs(['--only', 'webhooks', '--generated-only']),
    /--generated-only with --only webhooks would run nothing/,
  );
  const both = parseArgs(['--only', 'webhooks,createLink', '--generated-only']);
  assert.ok(!('help' in both) && both.handWritten === false);
});

test('--help asks for the usage', () => assert.deepEqual(parseArgs(['--help']), { help: true }));

test('a usage error is one line that points at --help', () => {
  for (const argv of [
    ['--bogus'],
    ['--generate', 'x'],
    ['--base-url'],
    ['--only', ''],
    ['--base-url', 'localhost:4010'],
    ['--base-url', 'http://127.0.0.1:4010/api/v2/'],
  ]) {
    const error = (() => {
      try {
        parseArgs(argv);
      } catch (e) {
        return e as Error;
      }
      return undefined;
    })();
    assert.ok(error, argv.join(' '));
    assert.doesNotMatch(error.message, /\n/, argv.join(' '));
    assert.match(error.message, /npm run contract -- --help lists the options\)$/);
  }
});

test('the generated phase options: budget, seed, request cap, one example, the phase alone', () => {
  assert.deepEqual(
    parseArgs([
      '--generate',
      '5',
      '--seed=42',
      '--max-requests',
      '300',
      '--example',
      'createLink/negative',
      '--generated-only',
    ]),
    {
      target: { kind: 'embedded' },
      generate: { examples: 5, seed: 42, maxRequests: 300, example: 'createLink/negative' },
      handWritten: false,
    },
  );
  assert.deepEqual(parseArgs(['--generate', '0']), {
    target: { kind: 'embedded' },
    generate: { examples: 0 },
  });
  for (const bad of [
    ['--generate', '-1'],
    ['--generate', '2.5'],
    ['--seed', 'abc'],
    ['--seed', '2147483648'],
    ['--max-requests', '1e3'],
  ])
    assert.throws(() => parseArgs(bad), /needs a whole number from 0 to/, bad.join(' '));
  assert.throws(() => parseArgs(['--generated-only', '--generate', '0']), /would run nothing/);
});

test('--max-body-bytes: the bytes kept of each body, from 1 to 32 MiB, each mistake one line', () => {
  assert.deepEqual(parseArgs(['--max-body-bytes', '65536']), {
    target: { kind: 'embedded' },
    maxBodyBytes: 65_536,
  });
  assert.deepEqual(parseArgs(['--max-body-bytes=33554432']), {
    target: { kind: 'embedded' },
    maxBodyBytes: 33_554_432,
  });
  for (const bad of ['0', '-1', '1.5', '1MiB', '33554433', ''])
    assert.throws(
      () => parseArgs([`--max-body-bytes=${bad}`]),
      (error: Error) =>
        /--max-body-bytes needs a whole number from 1 to 33554432, not/.test(error.message) &&
        !error.message.includes('\n'),
      bad,
    );
  assert.throws(() => parseArgs(['--max-body-bytes']), /--max-body-bytes needs a value/);
  assert.match(usage, /--max-body-bytes N +bytes kept of each answer's body \(default 1048576, 1 MiB/);
});

test('--request-timeout: seconds for each request, from 1 to 600, each mistake one line', () => {
  assert.deepEqual(parseArgs(['--request-timeout', '2']), {
    target: { kind: 'embedded' },
    requestTimeoutMs: 2000,
  });
  for (const bad of ['0', '-1', '1.5', '15s', '601', ''])
    assert.throws(
      () => parseArgs([`--request-timeout=${bad}`]),
      (error: Error) =>
        /--request-timeout needs a whole number from 1 to 600, not/.test(error.message) &&
        !error.message.includes('\n'),
      bad,
    );
  assert.match(
    usage,
    /--request-timeout S +seconds for each request's response head, .*\(default 15; at most 600\)/s,
  );
});

test('--single-account: the opt-out from a second key; without it the target carries what the run selects', () => {
  assert.deepEqual(parseArgs(['--base-url', 'http://127.0.0.1:4010', '--env-tokens', '--single-account']), {
    target: { kind: 'url', baseUrl: 'http://127.0.0.1:4010', useControlApi: false, singleAccount: true },
  });
  const selectionOf = (argv: string[]) => {
    const options = parseArgs(['--base-url', 'http://127.0.0.1:4010', ...argv]);
    return 'target' in options && options.target.kind === 'url' ? options.target.selection : undefined;
  };
  assert.deepEqual(selectionOf([]), {
    operations: [...suiteIds],
    readOnly: false,
    handWritten: true,
    generated: {},
  });
  assert.equal(selectionOf(['--generate', '0'])?.generated, false);
  assert.deepEqual(selectionOf(['--generate', '0', '--example', 'deleteLink/neg'])?.generated, {
    example: 'deleteLink/neg',
  });
  assert.equal(selectionOf(['--generated-only'])?.handWritten, false);
  assert.match(
    usage,
    /--single-account +with --base-url or --image, on keys from the environment: no SECPAID_TOKEN_B/,
  );
});
