import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertTargetAllowed, isProductionUrl } from './productionGuard.ts';

test('the production host is recognised in any spelling', () => {
  assert.ok(isProductionUrl('https://app.secpaid.com'));
  assert.ok(isProductionUrl('https://APP.SecPaid.com./api/v2'));
  assert.ok(!isProductionUrl('https://app.dev.secpaid.com'));
  assert.ok(!isProductionUrl('http://127.0.0.1:4010'));
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
