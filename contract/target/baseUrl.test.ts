import assert from 'node:assert/strict';
import { test } from 'node:test';
import { baseUrlProblem } from './baseUrl.ts';

test('a base URL without a scheme is refused with the URL meant', () => {
  const cases: [string, string][] = [
    ['127.0.0.1:4010', 'http://127.0.0.1:4010'],
    ['localhost:4010', 'http://localhost:4010'],
    ['localhost', 'http://localhost'],
    ['[::1]:4010', 'http://[::1]:4010'],
    ['//127.0.0.1:4010', 'http://127.0.0.1:4010'],
    ['api.example.com', 'https://api.example.com'],
    ['app.dev.secpaid.com/', 'https://app.dev.secpaid.com/'],
  ];
  for (const [given, meant] of cases)
    assert.equal(baseUrlProblem(given), `--base-url needs a scheme: ${meant}, not ${given}`, given);
});

test("a base URL ending in the API's own path is refused with the URL without it", () => {
  const cases: [string, string, string][] = [
    ['http://127.0.0.1:4010/api/v2', '/api/v2', 'http://127.0.0.1:4010'],
    ['http://127.0.0.1:4010/api/v2/', '/api/v2', 'http://127.0.0.1:4010'],
    ['http://127.0.0.1:4010/api', '/api', 'http://127.0.0.1:4010'],
    ['http://127.0.0.1:4010/api/', '/api', 'http://127.0.0.1:4010'],
    ['https://app.dev.secpaid.com/API/V2', '/API/V2', 'https://app.dev.secpaid.com'],
    ['http://127.0.0.1:4010/api/v2/createLink', '/api/v2/createLink', 'http://127.0.0.1:4010'],
    ['http://127.0.0.1:8080/secpaid/api/v2', '/api/v2', 'http://127.0.0.1:8080/secpaid'],
  ];
  for (const [given, ending, meant] of cases)
    assert.equal(
      baseUrlProblem(given),
      `--base-url ends in ${ending}, but the harness appends the operation paths (/api/v2/createLink) itself: give ${meant}`,
      given,
    );
});

test('other schemes and unparsable URLs are refused; good base URLs pass', () => {
  assert.equal(
    baseUrlProblem('ftp://127.0.0.1:4010'),
    '--base-url needs an http:// or https:// URL, not ftp://127.0.0.1:4010',
  );
  assert.match(
    baseUrlProblem('http://exa mple.com') ?? '',
    /^--base-url needs a URL such as http:\/\/127\.0\.0\.1:4010, not /,
  );
  for (const good of [
    'http://127.0.0.1:4010',
    'http://127.0.0.1:4010/',
    'https://app.dev.secpaid.com',
    'HTTP://LOCALHOST:4010',
    'http://127.0.0.1:4010/apiary',
    'http://127.0.0.1:4010/prefix',
  ])
    assert.equal(baseUrlProblem(good), undefined, good);
});

test('every refusal is one line', () => {
  for (const given of ['127.0.0.1:4010', 'http://127.0.0.1:4010/api/v2', 'ftp://x', 'http://a b'])
    assert.doesNotMatch(baseUrlProblem(given) ?? 'missing', /\n/, given);
});
