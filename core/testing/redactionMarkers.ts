/**
 * What a test holds every report and log to: secrets appear only as the one marker of
 * core/redact.ts. Lists every other way of marking a secret found in a text (`<redacted>`,
 * `[REDACTED]`, a «redacted…» variant the pattern does not know), so a failure names it.
 */
import { markerPattern } from '../redact.ts';

const otherMarkers = /<redacted>|\[redacted\]|«[^»\n]*redacted[^»\n]*»/gi;

const wholeMarker = new RegExp(`^${markerPattern.source}$`);

export function foreignMarkers(text: string): string[] {
  return (text.match(otherMarkers) ?? []).filter((marker) => !wholeMarker.test(marker));
}
