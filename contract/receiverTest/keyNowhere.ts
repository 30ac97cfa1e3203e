/**
 * For the tests of `npm run webhooks`: a key with characters that every output escapes differently
 * (URL, XML, JSON), and the check that a run shows it in none of its outputs, in no escaping, and
 * marks what it hid only with core/redact.ts's marker.
 */
import assert from 'node:assert/strict';
import { escapeXml } from '../../core/junitXml.ts';
import { foreignMarkers } from '../../core/testing/redactionMarkers.ts';
import type { WebhooksRun } from './testReceivers.ts';

/** 32 characters, among them + / & = " \\ and %. */
export const testKey = 'Tk+/&="\\%Secret-Key_0123456789AB';

export function assertKeyNowhere(run: WebhooksRun, key = testKey): void {
  // The key's first 16 characters are its IV: half the key, hidden like the whole.
  const forms = [key, key.slice(0, 16)].flatMap((secret) => [
    secret,
    encodeURIComponent(secret),
    escapeXml(secret),
    JSON.stringify(secret).slice(1, -1),
  ]);
  for (const [name, text] of Object.entries({
    stdout: run.stdout,
    stderr: run.stderr,
    'webhooks.json': run.json,
    'webhooks-junit.xml': run.junit,
  })) {
    for (const form of forms) assert.ok(!text.includes(form), `${name} shows the key (as ${form})`);
    assert.deepEqual(foreignMarkers(text), [], `${name} marks a secret in a way of its own`);
  }
}
