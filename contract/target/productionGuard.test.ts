import assert from 'node:assert/strict';
import { test } from 'node:test';
import { apiDocument } from '../../core/spec.ts';
import { assertTargetAllowed, isProductionUrl } from './productionGuard.ts';

test('the production host is recognised in any spelling', () => {
  assert.ok(isProductionUrl('https://app.secpaid.com'));
  assert.ok(isProductionUrl('https://APP.SecPaid.com./api/v2'));
  assert.ok(isProductionUrl('https://app.secpaid.com.'));
  assert.ok(isProductionUrl('https://app.secpaid.com..:443/'));
  assert.ok(isProductionUrl('https://user:pass@app.secpaid.com/'));
  assert.ok(isProductionUrl('https://app.secpaid.com@app.secpaid.com/'));
  assert.ok(isProductionUrl('https://app%2Esecpaid%2Ecom/'));
  assert.ok(isProductionUrl('https://app\u3002secpaid.com/'));
  assert.ok(!isProductionUrl('https://app.secpaid.com@127.0.0.1:4010/'));
  assert.ok(!isProductionUrl('https://app.dev.secpaid.com'));
  assert.ok(!isProductionUrl('https://notapp.secpaid.com'));
  assert.ok(!isProductionUrl('https://app.secpaid.com.example.org'));
  assert.ok(!isProductionUrl('http://127.0.0.1:4010'));
});

test('subdomains of the production host are production too', () => {
  assert.ok(isProductionUrl('https://api.app.secpaid.com'));
  assert.ok(isProductionUrl('https://EU.API.App.SecPaid.com./api/v2'));
  assert.throws(
    () => assertTargetAllowed('https://x.app.secpaid.com', { allowProduction: false, readOnly: false }),
    /refusing to run against the production host x\.app\.secpaid\.com/,
  );
});

test('production is refused unless --allow-production and --read-only are both given', () => {
  const url = 'https://app.secpaid.com';
  assert.throws(() => assertTargetAllowed(url, { allowProduction: false, readOnly: false }), /refusing/);
  assert.throws(() => assertTargetAllowed(url, { allowProduction: true, readOnly: false }), /--read-only/);
  assert.throws(
    () => assertTargetAllowed(url, { allowProduction: false, readOnly: true }),
    /--allow-production/,
  );
  assert.doesNotThrow(() => assertTargetAllowed(url, { allowProduction: true, readOnly: true }));
  assert.doesNotThrow(() =>
    assertTargetAllowed('https://app.dev.secpaid.com', { allowProduction: false, readOnly: false }),
  );
});

test("the spec's production server is on the one list of production hosts, and its other servers are not", () => {
  const { servers = [] } = apiDocument as { servers?: { url: string; description?: string }[] };
  assert.ok(servers.length > 1, 'the spec lists its servers');
  for (const server of servers) {
    const production = /\bproduction\b/i.test(server.description ?? '');
    assert.equal(isProductionUrl(server.url), production, `${server.url} (${server.description})`);
  }
});
