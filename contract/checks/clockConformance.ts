/**
 * The Berlin clock (spec: ServerTime, Timestamp; DECISIONS D-TIME): `ServerTime` is the
 * Europe/Berlin abbreviation in force when the answer came (CET in winter, CEST in summer), and a
 * link just created says it was created now, on Berlin's wall clock. A server on UTC, or one that
 * hard-codes the summer abbreviation, is wrong for half the year or all of it.
 * Tolerances are stated in every message: around a switch either abbreviation passes, and a
 * server's clock may be off by up to five minutes.
 */
import { berlinLocal, berlinZonesAround, instantsOfBerlinLocal } from './berlinClock.ts';
import { type Check, excerpt, isRecord, valueChars } from './types.ts';

export const serverTimeToleranceMs = 2 * 60_000;
export const createdAtToleranceMs = 5 * 60_000;

export const clockConformance: Check = {
  name: 'clockConformance',
  run: (ex) => {
    if (!isRecord(ex.body)) return [];
    const now = ex.receivedAt ?? Date.now();
    const failures: string[] = [];
    const serverTime = ex.body.ServerTime;
    if (typeof serverTime === 'string') {
      const allowed = berlinZonesAround(now, serverTimeToleranceMs);
      if (!allowed.has(serverTime as 'CET' | 'CEST'))
        failures.push(
          `received ServerTime ${excerpt(serverTime, valueChars)} / documented: Europe/Berlin's abbreviation at ${berlinLocal(now)} Berlin time, ${[...allowed].join(' or ')}`,
        );
    }
    const created = ex.operationId === 'createLink' || ex.operationId === 'createSplitLink';
    const createdAt = isRecord(ex.body.data) ? ex.body.data.created_at : undefined;
    if (ex.status === 200 && created && typeof createdAt === 'string') {
      const instants = instantsOfBerlinLocal(createdAt);
      const near = instants.some((instant) => Math.abs(instant - now) <= createdAtToleranceMs);
      // A text that is not a timestamp at all is the schema check's to report.
      const isTimestamp = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(createdAt);
      if (isTimestamp && !near)
        failures.push(
          `received data.created_at ${excerpt(createdAt, valueChars)} / documented: Europe/Berlin local time of the request, ${berlinLocal(now)} (±${createdAtToleranceMs / 60_000} min)`,
        );
    }
    return failures;
  },
};
