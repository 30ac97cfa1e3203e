/**
 * The harness's own reading of the Europe/Berlin clock (through Intl, independent of the sandbox's
 * code): which abbreviation is in force at an instant, the local wall-clock text of an instant, and
 * the instants a local text can mean (none in the spring gap, two in the autumn hour).
 */

const offsetFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Berlin',
  timeZoneName: 'longOffset',
});
const localFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Berlin',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

const HOUR_MS = 3_600_000;

/** Berlin's offset from UTC at the instant, in hours (1 or 2). */
export function berlinOffsetHours(epochMs: number): number {
  const name = offsetFormat.formatToParts(epochMs).find((p) => p.type === 'timeZoneName')?.value ?? '';
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  if (!match) return 0;
  return (match[1] === '-' ? -1 : 1) * (Number(match[2]) + Number(match[3]) / 60);
}

export function berlinZone(epochMs: number): 'CET' | 'CEST' {
  return berlinOffsetHours(epochMs) === 2 ? 'CEST' : 'CET';
}

/** `YYYY-MM-DD HH:MM:SS` on Berlin's wall clock. */
export function berlinLocal(epochMs: number): string {
  const p = Object.fromEntries(localFormat.formatToParts(epochMs).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

/** The instants whose Berlin wall clock reads `text` (`YYYY-MM-DD HH:MM:SS`); [] when it cannot. */
export function instantsOfBerlinLocal(text: string): number[] {
  const match = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(text);
  if (!match) return [];
  const [, y, mo, d, h, mi, s] = match.map(Number) as number[];
  const asUtc = Date.UTC(y!, mo! - 1, d!, h!, mi!, s!);
  return [1, 2].map((hours) => asUtc - hours * HOUR_MS).filter((instant) => berlinLocal(instant) === text);
}

/** The abbreviations in force at some instant within `toleranceMs` of `epochMs`. */
export function berlinZonesAround(epochMs: number, toleranceMs: number): Set<'CET' | 'CEST'> {
  return new Set([berlinZone(epochMs - toleranceMs), berlinZone(epochMs), berlinZone(epochMs + toleranceMs)]);
}
