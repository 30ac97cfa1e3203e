import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { berlinLocal, berlinZone, instantsOfBerlinLocal } from './berlinClock.ts';
import { clockConformance } from './clockConformance.ts';
import type { Exchange } from './types.ts';

const springSwitch = Date.UTC(2026, 2, 29, 1, 0, 0); // 02:00 CET becomes 03:00 CEST
const autumnSwitch = Date.UTC(2026, 9, 25, 1, 0, 0); // 03:00 CEST becomes 02:00 CET
const minute = 60_000;

function answer(at: number, serverTime: string, createdAt?: string): Exchange {
  const body = {
    ResponseCode: 1,
    Result: 'True',
    ServerTime: serverTime,
    ...(createdAt ? { data: { created_at: createdAt } } : {}),
  };
  return {
    operationId: 'createLink',
    status: 200,
    headers: {},
    bodyText: JSON.stringify(body),
    body,
    bodyIsJson: true,
    receivedAt: at,
  };
}

describe('the Berlin clock of the harness', () => {
  test('CET in winter, CEST in summer, switching on the last Sundays of March and October at 01:00 UTC', () => {
    assert.equal(berlinZone(Date.UTC(2026, 11, 1, 12)), 'CET');
    assert.equal(berlinZone(Date.UTC(2026, 6, 1, 12)), 'CEST');
    assert.deepEqual([berlinZone(springSwitch - 1), berlinZone(springSwitch)], ['CET', 'CEST']);
    assert.deepEqual([berlinZone(autumnSwitch - 1), berlinZone(autumnSwitch)], ['CEST', 'CET']);
    assert.deepEqual(
      [berlinLocal(springSwitch - 1000), berlinLocal(springSwitch)],
      ['2026-03-29 01:59:59', '2026-03-29 03:00:00'],
    );
  });

  test('a local time in the spring gap is no instant; one in the autumn hour is two', () => {
    assert.deepEqual(instantsOfBerlinLocal('2026-03-29 02:30:00'), []);
    assert.deepEqual(instantsOfBerlinLocal('2026-10-25 02:30:00'), [
      autumnSwitch + 30 * minute,
      autumnSwitch - 30 * minute,
    ]);
    assert.deepEqual(instantsOfBerlinLocal('2026-12-01 00:15:00'), [Date.UTC(2026, 10, 30, 23, 15)]);
    assert.deepEqual(instantsOfBerlinLocal('2026-12-01T00:15:00'), []);
  });
});

describe('clockConformance', () => {
  test('ServerTime must be the abbreviation in force: both sides of both switches', () => {
    for (const [at, right, wrong] of [
      [springSwitch - 10 * minute, 'CET', 'CEST'],
      [springSwitch + 10 * minute, 'CEST', 'CET'],
      [autumnSwitch - 10 * minute, 'CEST', 'CET'],
      [autumnSwitch + 10 * minute, 'CET', 'CEST'],
    ] as const) {
      assert.deepEqual(clockConformance.run(answer(at, right)), [], `${right} at ${berlinLocal(at)}`);
      const [failure] = clockConformance.run(answer(at, wrong));
      assert.match(failure ?? '', new RegExp(`received ServerTime ${wrong} / documented: .*, ${right}$`));
    }
  });

  test('within two minutes of a switch either abbreviation passes', () => {
    for (const at of [springSwitch - minute, springSwitch + minute, autumnSwitch + minute])
      for (const zone of ['CET', 'CEST']) assert.deepEqual(clockConformance.run(answer(at, zone)), []);
  });

  test('created_at is Berlin local time of the request, across midnight and the switches; UTC is caught', () => {
    const nearMidnight = Date.UTC(2026, 10, 30, 23, 0, 30); // 00:00:30 on 1 December in Berlin
    assert.deepEqual(clockConformance.run(answer(nearMidnight, 'CET', '2026-12-01 00:00:29')), []);
    const [utc] = clockConformance.run(answer(nearMidnight, 'CET', '2026-11-30 23:00:29'));
    assert.match(
      utc ?? '',
      /received data.created_at 2026-11-30 23:00:29 \/ documented: Europe\/Berlin local time of the request, 2026-12-01 00:00:30 \(±5 min\)/,
    );
    const afterSpring = springSwitch + 2 * minute;
    assert.deepEqual(clockConformance.run(answer(afterSpring, 'CEST', '2026-03-29 03:02:00')), []);
    assert.equal(clockConformance.run(answer(afterSpring, 'CEST', '2026-03-29 02:02:00')).length, 1);
    // In the repeated autumn hour, the earlier reading of 02:30 is the right one 30 minutes before the switch.
    assert.deepEqual(
      clockConformance.run(answer(autumnSwitch - 30 * minute, 'CEST', '2026-10-25 02:30:00')),
      [],
    );
  });

  test('only createLink and createSplitLink answers are held to "created now"', () => {
    const old = {
      ...answer(Date.UTC(2026, 11, 1, 12), 'CET', '2024-10-26 16:18:01'),
      operationId: 'getMyUnusedLinks' as const,
    };
    assert.deepEqual(clockConformance.run(old), []);
  });
});
