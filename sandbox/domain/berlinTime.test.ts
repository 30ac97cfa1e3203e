import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { berlinDate, berlinDayStart, berlinTimestamp, isoUtcSeconds, serverTimeZone } from './berlinTime.ts';

const utc = (iso: string): number => Date.parse(iso);
const HOUR = 3_600_000;

// An independent reference: a fresh Intl formatter, no cache. sv-SE writes "2026-03-29 03:00:00".
const reference = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Berlin',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

test('winter is CET (UTC+1), summer is CEST (UTC+2)', () => {
  assert.equal(berlinTimestamp(utc('2026-01-15T12:00:00Z')), '2026-01-15 13:00:00');
  assert.equal(serverTimeZone(utc('2026-01-15T12:00:00Z')), 'CET');
  assert.equal(berlinTimestamp(utc('2026-07-01T12:00:00Z')), '2026-07-01 14:00:00');
  assert.equal(serverTimeZone(utc('2026-07-01T12:00:00Z')), 'CEST');
  assert.equal(berlinTimestamp(utc('2026-12-31T23:30:00Z')), '2027-01-01 00:30:00');
});

test('spring forward on 2026-03-29: 01:59:59 CET is followed by 03:00:00 CEST', () => {
  assert.equal(berlinTimestamp(utc('2026-03-29T00:59:59Z')), '2026-03-29 01:59:59');
  assert.equal(serverTimeZone(utc('2026-03-29T00:59:59Z')), 'CET');
  assert.equal(berlinTimestamp(utc('2026-03-29T01:00:00Z')), '2026-03-29 03:00:00');
  assert.equal(serverTimeZone(utc('2026-03-29T01:00:00Z')), 'CEST');
});

test('fall back on 2026-10-25: 02:59:59 CEST is followed by 02:00:00 CET', () => {
  assert.equal(berlinTimestamp(utc('2026-10-25T00:59:59Z')), '2026-10-25 02:59:59');
  assert.equal(serverTimeZone(utc('2026-10-25T00:59:59Z')), 'CEST');
  assert.equal(berlinTimestamp(utc('2026-10-25T01:00:00Z')), '2026-10-25 02:00:00');
  assert.equal(serverTimeZone(utc('2026-10-25T01:00:00Z')), 'CET');
});

test('berlinDayStart: the switch days are 23 and 25 hours long', () => {
  assert.equal(berlinDayStart('2026-03-29'), utc('2026-03-28T23:00:00Z'));
  assert.equal(berlinDayStart('2026-03-30'), utc('2026-03-29T22:00:00Z'));
  assert.equal(berlinDayStart('2026-03-30') - berlinDayStart('2026-03-29'), 23 * HOUR);
  assert.equal(berlinDayStart('2026-10-25'), utc('2026-10-24T22:00:00Z'));
  assert.equal(berlinDayStart('2026-10-26'), utc('2026-10-25T23:00:00Z'));
  assert.equal(berlinDayStart('2026-10-26') - berlinDayStart('2026-10-25'), 25 * HOUR);
  assert.equal(berlinDayStart('2026-01-15'), utc('2026-01-14T23:00:00Z'));
  assert.equal(berlinDayStart('2026-07-01'), utc('2026-06-30T22:00:00Z'));
});

test('berlinDate changes exactly at berlinDayStart', () => {
  for (const day of ['2026-03-29', '2026-03-30', '2026-10-25', '2026-10-26', '2024-02-29']) {
    const start = berlinDayStart(day);
    assert.equal(berlinDate(start), day);
    assert.notEqual(berlinDate(start - 1), day);
    assert.equal(berlinTimestamp(start), `${day} 00:00:00`);
  }
});

test('any instant 1990–2100 formats as Intl does, whatever order the cache sees them in', () => {
  const instants = fc.integer({ min: utc('1990-01-01T00:00:00Z'), max: utc('2100-01-01T00:00:00Z') });
  fc.assert(
    fc.property(fc.array(instants, { minLength: 1, maxLength: 8 }), (times) => {
      for (const t of times) {
        assert.equal(berlinTimestamp(t), reference.format(t), `at ${new Date(t).toISOString()}`);
        const day = berlinDate(t);
        assert.ok(berlinDayStart(day) <= t, `${day} starts after ${new Date(t).toISOString()}`);
        assert.ok(t - berlinDayStart(day) < 25 * HOUR);
      }
    }),
    { numRuns: 1000 },
  );
});

test('payout timestamps are UTC ISO 8601 without milliseconds', () => {
  assert.equal(isoUtcSeconds(utc('2024-10-13T01:58:04.987Z')), '2024-10-13T01:58:04Z');
});
