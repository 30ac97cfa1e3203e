/**
 * k6 entry for the listTransactions scenario (see ../scenarios/listTransactions.ts, the code the local runner runs too).
 *   k6 run -e BASE_URL=http://127.0.0.1:4010 -e PROFILE=smoke load/k6/listTransactions.ts
 * A warm-up (tagged phase:warmup, checked, not judged) comes before the profile (warmup.ts).
 * setup() refuses options that are not PROFILE's (an archive made for another profile, profileGuard.ts),
 * then seeds through the sandbox control API, or uses SECPAID_TOKEN (and SECPAID_RECIPIENT_TOKENS);
 * teardown() deletes the unused links the run created; handleSummary() writes k6-listTransactions.* (into REPORTS_DIR if given).
 */
import { type ListTransactionsSeed, listTransactions } from '../scenarios/listTransactions.ts';
import { checkedSetup, cleanup, iterate, selectedProfile } from './common.ts';
import { k6Options } from './options.ts';
import { type SummaryData, summaryFiles } from './summary.ts';

const profile = selectedProfile();

export const options = k6Options(listTransactions, profile);

export function setup(): ListTransactionsSeed {
  return checkedSetup(listTransactions, profile);
}

export default function (seed: ListTransactionsSeed): void {
  iterate(listTransactions, seed, profile);
}

export function teardown(seed: ListTransactionsSeed | undefined): void {
  cleanup(listTransactions, seed);
}

export function handleSummary(data: SummaryData): Record<string, string> {
  return summaryFiles(listTransactions, profile, data, __ENV.REPORTS_DIR || undefined);
}
