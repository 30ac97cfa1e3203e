/**
 * Set-up steps several suites share: a batch of links found again by one marker, and a link
 * brought to a state (paid, cancelled) through the control API. Each step asserts what it relies
 * on, so a failing step names itself rather than a later assertion.
 */
import assert from 'node:assert/strict';
import { aLink } from '../../core/testing/links.ts';
import { aNote } from '../../core/testing/notes.ts';
import { quoted } from '../checks/types.ts';
import { api, type PaymentLink } from './api.ts';
import { control } from './control.ts';
import type { Caller } from './send.ts';

/** `count` links (oldest first) whose notes all carry `marker`. */
export async function linksWithMarker(
  caller: Caller,
  count: number,
  marker: string,
  amount = 10,
): Promise<PaymentLink[]> {
  const links: PaymentLink[] = [];
  for (let i = 0; i < count; i++) {
    links.push(
      await api.createLink(
        caller,
        aLink({ amount: amount + i, recipient_note: aNote(`batch ${i}`, marker) }),
      ),
    );
  }
  return links;
}

/** Pays a link as a customer would; returns the transaction ids of the pay-ins it made. */
export async function paid(link: { id: number }): Promise<string[]> {
  const state = await control().payLink(link.id);
  assert.equal(state.status, 'Used', `control API: paying link ${link.id} left it ${quoted(state.status)}`);
  return state.pay_ins ?? [];
}

export async function cancelled(link: { id: number }): Promise<void> {
  const state = await control().cancelLink(link.id);
  assert.equal(
    state.status,
    'Cancelled',
    `control API: cancelling link ${link.id} left it ${quoted(state.status)}`,
  );
}

/** Today's date in Europe/Berlin, the API's calendar. */
export function berlinToday(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(new Date());
}

export function shiftDate(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
