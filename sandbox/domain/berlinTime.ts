/**
 * SecPaid speaks Europe/Berlin local time: timestamps are `YYYY-MM-DD HH:MM:SS` without offset and
 * `ServerTime` is "CET" or "CEST". Intl is slow on a hot path, so the UTC offset is looked up once
 * per quarter hour (DST switches happen on the hour) and the rest is arithmetic.
 */

const QUARTER_HOUR_MS = 15 * 60 * 1000;
const parts = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Berlin',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

let cachedBucket = -1;
let cachedOffsetMs = 0;

function offsetMs(epochMs: number): number {
  const bucket = Math.floor(epochMs / QUARTER_HOUR_MS);
  if (bucket === cachedBucket) return cachedOffsetMs;
  const probe = bucket * QUARTER_HOUR_MS;
  const p = Object.fromEntries(parts.formatToParts(probe).map((x) => [x.type, x.value]));
  const localAsUtc = Date.UTC(+p.year!, +p.month! - 1, +p.day!, +p.hour!, +p.minute!, +p.second!);
  cachedBucket = bucket;
  cachedOffsetMs = localAsUtc - probe;
  return cachedOffsetMs;
}

const pad = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** "2024-10-26" in Berlin. */
export function berlinDate(epochMs: number): string {
  return new Date(epochMs + offsetMs(epochMs)).toISOString().slice(0, 10);
}

let lastSecond = Number.NaN;
let lastTimestamp = '';

/** "2024-10-26 16:18:01" in Berlin. Remembers the last second: under load most calls share it. */
export function berlinTimestamp(epochMs: number): string {
  const second = Math.floor(epochMs / 1000);
  if (second === lastSecond) return lastTimestamp;
  const d = new Date(epochMs + offsetMs(epochMs));
  lastTimestamp = `${d.toISOString().slice(0, 10)} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  lastSecond = second;
  return lastTimestamp;
}

export function serverTimeZone(epochMs: number): 'CET' | 'CEST' {
  return offsetMs(epochMs) === 2 * 60 * 60 * 1000 ? 'CEST' : 'CET';
}

/** The UTC instant at which a Berlin calendar day ("2024-10-26") starts. */
export function berlinDayStart(day: string, plusDays = 0): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  // setUTCFullYear, not Date.UTC: Date.UTC reads years 0–99 as 1900–1999.
  const guess = new Date(0).setUTCFullYear(y, m - 1, d + plusDays);
  // The offset at local midnight is the offset a few hours earlier in UTC terms, except on DST days,
  // where midnight itself is never inside the switch (switches happen at 02:00/03:00 local).
  return guess - offsetMs(guess - 2 * 60 * 60 * 1000);
}

/** "2024-10-13T01:58:04Z": the seed's payout timestamps are UTC ISO 8601 without milliseconds. */
export function isoUtcSeconds(epochMs: number): string {
  return `${new Date(epochMs).toISOString().slice(0, 19)}Z`;
}
