/**
 * Request helpers shared by the scenarios: form encoding (k6 has no URLSearchParams) and a
 * deterministic per-iteration random choice so k6 and the runner build the same mix.
 */
import type { LoadRequest } from './types.ts';

/**
 * What a form writes for each ASCII character: '' for the ones URLSearchParams leaves as they are
 * (letters, digits, "*-._"), "+" for a space, %XX for the rest. Built once: the load generator encodes
 * a few fields per request, thousands of requests a second.
 */
const asciiForm: readonly string[] = Array.from({ length: 128 }, (_, code) => {
  const char = String.fromCharCode(code);
  if (/[A-Za-z0-9*\-._]/.test(char)) return '';
  if (char === ' ') return '+';
  return `%${code.toString(16).toUpperCase().padStart(2, '0')}`;
});

/**
 * One field, as URLSearchParams writes it: runs of characters a form leaves as they are are copied
 * whole; other ASCII characters come from the table; anything else is UTF-8 through
 * encodeURIComponent, one code point at a time (an unpaired surrogate throws URIError there).
 */
function formComponent(text: string): string {
  let out = '';
  let copied = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 128) {
      const form = asciiForm[code]!;
      if (form === '') continue;
      out += text.slice(copied, i) + form;
    } else {
      // A high surrogate and what follows it are one code point, or throw together.
      const end = code >= 0xd800 && code <= 0xdbff && i + 1 < text.length ? i + 2 : i + 1;
      out += text.slice(copied, i) + encodeURIComponent(text.slice(i, end));
      i = end - 1;
    }
    copied = i + 1;
  }
  return copied === 0 ? text : out + text.slice(copied);
}

/**
 * The k6-safe twin of core/formBody.ts `formText`, for text fields only (the scenarios write their
 * numbers with `moneyText`): byte for byte what URLSearchParams writes, in the fields' own order;
 * an `undefined` field is left out and `null` is an empty field, as core/formBody.ts decides.
 * core/formEncoding.test.ts proves the two agree. Text with an unpaired surrogate throws (URIError):
 * it is not text a scenario sends.
 */
export function encodeForm(fields: Record<string, string | null | undefined>): string {
  let body = '';
  for (const key in fields) {
    const value = fields[key];
    if (value === undefined) continue;
    body += `${body === '' ? '' : '&'}${formComponent(key)}=${formComponent(value ?? '')}`;
  }
  return body;
}

let lastToken = '';
let lastHeaders: Readonly<Record<string, string>> = {};

/**
 * The headers of an API request. Every request of a run carries the same ones, so they are made once
 * per token and shared (a load generator builds thousands of requests a second): never modify them.
 */
function apiHeaders(token: string): Readonly<Record<string, string>> {
  if (token !== lastToken || lastToken === '') {
    lastToken = token;
    lastHeaders = { token, 'Content-Type': 'application/x-www-form-urlencoded' };
  }
  return lastHeaders;
}

/** A POST to the API, tagged by operation. The token is a header; it never appears in tags or bodies. */
export function apiRequest(operation: string, token: string, fields: Record<string, string>): LoadRequest {
  return {
    method: 'POST',
    path: `/api/v2/${operation}`,
    headers: apiHeaders(token),
    body: encodeForm(fields),
    tags: { name: operation },
    fields,
  };
}

/** A call to the sandbox control API (no token), tagged so it never mixes with the measured operations. */
export function controlRequest(
  method: 'GET' | 'POST' | 'DELETE',
  path: string,
  tag: string,
  fields = {},
): LoadRequest {
  return {
    method,
    path,
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: encodeForm(fields),
    tags: { name: `control:${tag}` },
    fields,
  };
}

/**
 * A number in [0, 1) fixed by (iteration, salt): a 32-bit integer hash (splitmix-like), cheap and
 * identical in every JavaScript engine, so a run's request mix is reproducible.
 */
export function unit(iteration: number, salt: number): number {
  let x = (Math.imul(iteration | 0, 0x9e3779b1) ^ Math.imul(salt | 0, 0x85ebca77)) >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x7feb352d) >>> 0;
  x = Math.imul(x ^ (x >>> 15), 0x846ca68b) >>> 0;
  return ((x ^ (x >>> 16)) >>> 0) / 4294967296;
}

export function pickIndex(iteration: number, salt: number, length: number): number {
  return Math.min(length - 1, Math.floor(unit(iteration, salt) * length));
}

/** Picks by weight: `weights` need not sum to 1. */
export function pickWeighted<T>(
  iteration: number,
  salt: number,
  choices: readonly (readonly [T, number])[],
): T {
  const total = choices.reduce((sum, [, weight]) => sum + weight, 0);
  let point = unit(iteration, salt) * total;
  for (const [choice, weight] of choices) {
    if (point < weight) return choice;
    point -= weight;
  }
  return choices[choices.length - 1]![0];
}
