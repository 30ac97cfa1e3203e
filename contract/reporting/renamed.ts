/**
 * "probably renamed: `data.id` → `data.linktopay_id`". An answer that lacks a documented required
 * field and carries an undocumented one beside it is, more often than not, one rename on the
 * server; saying so in one line spares a person from reading two lists side by side. The guess
 * needs the same parent object and either a name that looks alike or the value the request sent
 * for the documented field. Pure: the same lists give the same pairs, whatever their order.
 */

export interface Renamed {
  /** The documented field's path, dotted (`data.id`). */
  documented: string;
  /** The undocumented field's path that probably replaces it (`data.linktopay_id`). */
  received: string;
}

interface Field {
  /** Dotted, array items as `*` (`data.*.amount`): every item of a list is the same field. */
  path: string;
  /** The segments of every spelling of the path that was given, to read values from the body. */
  spellings: string[][];
  parent: string;
  name: string;
}

const isItem = (segment: string) => segment === '*' || /^\d+$/.test(segment);

// Fields by their normalised path: `data/0/id`, `data/1/id` and `data/*/id` are one field.
function fields(paths: string[]): Map<string, Field> {
  const out = new Map<string, Field>();
  for (const raw of paths) {
    const segments = raw.split('/').filter((s) => s !== '');
    if (segments.length === 0) continue;
    const normal = segments.map((s) => (isItem(s) ? '*' : s));
    const path = normal.join('.');
    const field = out.get(path) ?? {
      path,
      spellings: [],
      parent: normal.slice(0, -1).join('.'),
      name: normal.at(-1)!,
    };
    field.spellings.push(segments);
    out.set(path, field);
  }
  return out;
}

/** Case, `_` and `-` do not tell `paymentEndpoint` from `payment_endpoint`. */
const squash = (name: string) => name.toLowerCase().replace(/[_-]/g, '');

/** `linkToPay_ID-v2` → link, to, pay, id, v2: the words a name is made of. */
function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[\s_-]+/)
    .filter((w) => w !== '')
    .map((w) => w.toLowerCase());
}

/** Edits between two names, a swap of neighbours counting as one (`amuont` is one typo from `amount`). */
function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/** Whether the words of `short` appear, in order and side by side, among the words of `long`. */
function wordsWithin(short: string[], long: string[]): boolean {
  if (short.length === 0 || short.length >= long.length) return false;
  for (let start = 0; start + short.length <= long.length; start++)
    if (short.every((w, k) => long[start + k] === w)) return true;
  return false;
}

/**
 * How far apart two names look, or undefined when they do not look alike: 0 for the same name
 * spelt another way, 1–2 for typos, 2 + the extra words when one name is part of the other
 * (`id` in `linktopay_id`: 3). Short names are never typos of each other: `id` and `ts` are two
 * edits apart and unrelated.
 */
function nameDistance(documented: string, received: string): number | undefined {
  const a = squash(documented);
  const b = squash(received);
  if (a === b) return 0;
  if (a.length >= 4 && b.length >= 4) {
    const edits = editDistance(a, b);
    if (edits <= 2) return edits;
  }
  const [wa, wb] = [words(documented), words(received)];
  if (wordsWithin(wa, wb) || wordsWithin(wb, wa)) return 2 + Math.abs(wa.length - wb.length);
  return undefined;
}

/** Every value at a path's segments, `*` standing for each item of a list. */
function valuesAt(body: unknown, segments: string[]): unknown[] {
  let at: unknown[] = [body];
  for (const segment of segments) {
    const next: unknown[] = [];
    for (const value of at) {
      if (segment === '*' && Array.isArray(value)) next.push(...value);
      else if (value !== null && typeof value === 'object' && Object.hasOwn(value, segment))
        next.push((value as Record<string, unknown>)[segment]);
    }
    at = next;
  }
  return at;
}

/**
 * Whether an answer's value is the one sent. A form sends `10.00` as text and an answer may hold
 * the number 10: numbers compare by value. Booleans, null, empty text and objects are too common
 * (or too loose) to say two fields are one.
 */
function sameValue(sent: unknown, received: unknown): boolean {
  const numeric = (v: unknown) =>
    typeof v === 'number'
      ? v
      : typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v.trim())
        ? Number(v)
        : undefined;
  const [x, y] = [numeric(sent), numeric(received)];
  if (x !== undefined && y !== undefined) return x === y;
  return typeof sent === 'string' && sent !== '' && sent === received;
}

interface Candidate {
  documented: Field;
  received: Field;
  /** Name distance (nameDistance); past every name, a value match alone. */
  distance: number;
  valueMatch: boolean;
}

/** Farther than any look-alike name (nameDistance stays well below it). */
const valueOnly = 1000;

function candidate(
  documented: Field,
  received: Field,
  body: unknown,
  sent: Record<string, unknown> | undefined,
): Candidate | undefined {
  if (documented.parent !== received.parent || documented.path === received.path) return undefined;
  const distance = nameDistance(documented.name, received.name);
  const wanted = sent && Object.hasOwn(sent, documented.name) ? sent[documented.name] : undefined;
  const valueMatch =
    wanted !== undefined &&
    received.spellings.some((segments) => valuesAt(body, segments).some((v) => sameValue(wanted, v)));
  if (distance === undefined && !valueMatch) return undefined;
  return { documented, received, distance: distance ?? valueOnly, valueMatch };
}

/** By code unit, not by locale: the same pairs on every machine. */
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const byStrength = (a: Candidate, b: Candidate) =>
  a.distance - b.distance ||
  Number(b.valueMatch) - Number(a.valueMatch) ||
  compare(a.documented.path, b.documented.path) ||
  compare(a.received.path, b.received.path);

/**
 * `missing`: documented fields absent from the answer; `unknown`: undocumented fields present in it;
 * both slash-separated (`data/0/id`). `body`: the answer; `sent`: the fields the request sent, by
 * name. The strongest pairs are decided first (a look-alike name before a value match alone, fewer
 * edits before more), so each documented field gets the best candidate the others left it, and no
 * undocumented field is named twice. Sorted by the documented path.
 */
export function probablyRenamed(
  missing: string[],
  unknown: string[],
  body?: unknown,
  sent?: Record<string, unknown>,
): Renamed[] {
  const documented = [...fields(missing).values()];
  const received = [...fields(unknown).values()];
  const candidates = documented
    .flatMap((d) => received.map((r) => candidate(d, r, body, sent)))
    .filter((c): c is Candidate => c !== undefined)
    .sort(byStrength);
  const paired = new Set<string>();
  const used = new Set<string>();
  const out: Renamed[] = [];
  for (const c of candidates) {
    if (paired.has(c.documented.path) || used.has(c.received.path)) continue;
    paired.add(c.documented.path);
    used.add(c.received.path);
    out.push({ documented: c.documented.path, received: c.received.path });
  }
  return out.sort((a, b) => compare(a.documented, b.documented));
}
