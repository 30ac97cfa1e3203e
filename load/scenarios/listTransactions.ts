/**
 * listTransactions: a merchant dashboard reading its links and money. A mix of the four list
 * operations with page sizes, pages and searches, against a tenant seeded with unused links, paid
 * links (so pay-ins) and one payout run.
 */
import { bodyOf, checkTable, dataOf, type Json } from './envelope.ts';
import { apiRequest, pickIndex, pickWeighted, unit } from './form.ts';
import { createLink, createTenant, deleteTaggedLinks, payLink, runPayouts } from './seed.ts';
import type { LoadRequest, OperationName, Plan, ResponseLike, Scenario, SeedOptions } from './types.ts';

export interface ListTransactionsSeed {
  token: string;
  runTag: string;
  /** False when the run reads an existing account (SECPAID_TOKEN): then no count is known. */
  seeded: boolean;
  searchTerms: string[];
  unusedLinks: number;
  usedLinks: number;
  payouts: number;
}

const searchTerms = ['invoice', 'ticket', 'donation', 'abo'];
/** Links seeded per run; two in three are paid. */
const seedLinks = 60;

function* seedPlan(options: SeedOptions): Plan<ListTransactionsSeed> {
  const base = { runTag: options.runTag, searchTerms };
  if (options.token)
    return { ...base, token: options.token, seeded: false, unusedLinks: 0, usedLinks: 0, payouts: 0 };
  const { token } = yield* createTenant();
  let usedLinks = 0;
  for (let i = 0; i < seedLinks; i++) {
    const note = `${options.runTag} ${searchTerms[i % searchTerms.length]} ${1000 + i}`;
    const id = yield* createLink(token, `${5 + (i % 40)}.${String(i % 100).padStart(2, '0')}`, note);
    if (i % 3 !== 0) {
      yield* payLink(id);
      usedLinks++;
    }
  }
  const payouts = yield* runPayouts();
  return { ...base, token, seeded: true, unusedLinks: seedLinks - usedLinks, usedLinks, payouts };
}

const mix: readonly (readonly [OperationName, number])[] = [
  ['getMyUnusedLinks', 35],
  ['getMyUsedLinks', 25],
  ['getPayInTransactions', 30],
  ['getPayOutTransactions', 10],
];

function build(seed: ListTransactionsSeed, iteration: number): LoadRequest {
  const operation = pickWeighted(iteration, 41, mix);
  const fields: Record<string, string> = {};
  const search = seed.searchTerms[pickIndex(iteration, 44, seed.searchTerms.length)] ?? '';
  if (operation === 'getMyUnusedLinks' || operation === 'getMyUsedLinks') {
    fields.limit = String([5, 10, 20, 50][pickIndex(iteration, 42, 4)]);
    if (unit(iteration, 43) < 0.4) fields.search = search;
  } else if (operation === 'getPayInTransactions') {
    const limit = [10, 20][pickIndex(iteration, 42, 2)]!;
    const pages = Math.max(1, Math.ceil(seed.usedLinks / limit));
    fields.page = String(1 + pickIndex(iteration, 45, pages));
    fields.limit = String(limit);
    if (unit(iteration, 46) < 0.5) fields.since = '1';
    if (unit(iteration, 43) < 0.3) fields.search = search;
  } else {
    fields.page = '1';
    fields.limit = String([5, 10][pickIndex(iteration, 42, 2)]);
  }
  return apiRequest(operation, seed.token, fields);
}

function items(r: ResponseLike): Json[] | undefined {
  const data = bodyOf(r) ? dataOf(r) : undefined;
  return Array.isArray(data) ? (data as Json[]) : undefined;
}

/** How many items the seed put behind this request's list (0 when unknown or when a search narrows it). */
function seededItems(request: LoadRequest, seed: ListTransactionsSeed): number {
  if (!seed.seeded || request.fields.search !== undefined) return 0;
  const counts: Partial<Record<string, number>> = {
    getMyUnusedLinks: seed.unusedLinks,
    getMyUsedLinks: seed.usedLinks,
    getPayInTransactions: seed.usedLinks,
    getPayOutTransactions: seed.payouts,
  };
  return counts[request.tags.name] ?? 0;
}

const operations = mix.map(([operation]) => operation);

/** Whether the answer must hold items: the build only asks for pages the seed filled. */
function mustShowItems(request: LoadRequest, seed: ListTransactionsSeed): boolean {
  const { limit, page } = request.fields;
  return seededItems(request, seed) > Number(limit) * (Number(page ?? 1) - 1);
}

const checksFor = checkTable<ListTransactionsSeed>(operations, (operation) => [
  {
    name: `${operation} answers a page within the limit`,
    test: (r, request) => {
      const list = items(r);
      const total = bodyOf(r)?.totalRecords;
      return (
        list !== undefined &&
        list.length <= Number(request.fields.limit) &&
        (total === undefined || Number(total) >= list.length)
      );
    },
  },
  {
    name: `${operation} shows the seeded data`,
    test: (r, request, seed) => !mustShowItems(request, seed) || (items(r)?.length ?? 0) > 0,
  },
  {
    name: `${operation} honours the search`,
    test: (r, request) => {
      const search = request.fields.search?.toLowerCase();
      const searchesNotes = operation === 'getMyUnusedLinks' || operation === 'getMyUsedLinks';
      if (search === undefined || !searchesNotes) return true;
      return (items(r) ?? []).every((item) => String(item.recipient_note).toLowerCase().includes(search));
    },
  },
]);

export const listTransactions: Scenario<ListTransactionsSeed> = {
  name: 'listTransactions',
  description:
    'getMyUnusedLinks, getMyUsedLinks, getPayInTransactions and getPayOutTransactions with paging and search',
  operations,
  seedPlan,
  build,
  checksFor,
  cleanupPlan: (seed) => deleteTaggedLinks(seed.token, seed.runTag),
};
