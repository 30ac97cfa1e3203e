/**
 * Sends one grounded example through Pactum (so it lands in requests.log like every other call,
 * token redacted) and hands back what came back. Also writes the curl line that replays it, with
 * the key as `$SECPAID_TOKEN` (or `$SECPAID_TOKEN_B`) and any alteration of it spelt in shell.
 */

import { formFields, formText } from '../../core/formBody.ts';
import { operations } from '../../core/spec.ts';
import { boundedBodyOf } from '../harness/boundedPactum.ts';
import { contractContext } from '../harness/context.ts';
import { configurePactum, exchangeIdOf } from '../harness/pactumSetup.ts';
import { shellQuote } from '../reporting/curl.ts';
import { type Example, mediaTypes } from './example.ts';
import type { KeyVariantName } from './keyVariants.ts';

export interface Sent {
  contentType?: string;
  bodyText: string;
  /** One entry per `token` header line; undefined for none. */
  tokenValues?: string[];
}

export interface Received {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The kept start of the body: all of it unless `bodyCut` says why not (core/boundedBody.ts). */
  bodyText: string;
  bodyCut?: string;
  /** The exchange's id in the run's records (RequestRecord.id). */
  exchangeId?: string;
}

/** The exact bytes of the body and the Content-Type, from the grounded body. */
export function encode(example: Example, body: Record<string, unknown> | undefined): Sent {
  const contentType = example.contentType ?? mediaTypes[example.encoding];
  if (example.raw !== undefined) return { contentType, bodyText: example.raw };
  if (body === undefined) return { contentType, bodyText: '' };
  if (example.encoding === 'json') return { contentType, bodyText: JSON.stringify(body) };
  const fields = formFields(body, operations[example.operationId].jsonEncodedFormFields);
  const repeated = fields.find(([name]) => name === example.repeatField);
  return { contentType, bodyText: formText(repeated ? [...fields, repeated] : fields) };
}

export async function sendExample(example: Example, sent: Sent): Promise<Received> {
  const pactum = configurePactum();
  let request = pactum.spec().post(operations[example.operationId].path);
  if (sent.tokenValues !== undefined)
    request = request.withHeaders(
      'token',
      (sent.tokenValues.length === 1 ? sent.tokenValues[0] : sent.tokenValues) as string,
    );
  if (sent.contentType !== undefined) request = request.withHeaders('content-type', sent.contentType);
  if (sent.bodyText !== '') request = request.withBody(sent.bodyText);
  const response = (await request.toss()) as {
    statusCode: number;
    headers: Received['headers'];
    text?: string;
    buffer?: Buffer;
  };
  const bodyCut = boundedBodyOf(response).describe();
  const exchangeId = exchangeIdOf(response);
  return {
    status: response.statusCode,
    headers: response.headers,
    bodyText: response.text ?? '',
    ...(bodyCut ? { bodyCut } : {}),
    ...(exchangeId ? { exchangeId } : {}),
  };
}

/** The key's alteration in shell, from the variable that holds the key. */
function keyInShell(variable: string, variant: KeyVariantName | undefined): string[] {
  const v = `$${variable}`;
  switch (variant) {
    case undefined:
      return [`"token: ${v}"`];
    case 'upper case':
      return [`"token: $(printf %s "${v}" | tr '[:lower:]' '[:upper:]')"`];
    case 'lower case':
      return [`"token: $(printf %s "${v}" | tr '[:upper:]' '[:lower:]')"`];
    case 'swapped case':
      return [`"token: $(printf %s "${v}" | tr 'a-zA-Z' 'A-Za-z')"`];
    case 'prefix':
      return [`"token: \${${variable}%?}"`];
    case 'extension':
      return [`"token: \${${variable}}0"`];
    case 'space inside':
      return [`"token: \${${variable}:0:8} \${${variable}:8}"`];
    case 'Bearer prefix':
      return [`"token: Bearer ${v}"`];
    case 'surrounding whitespace':
      // A tab written as $'\t', so pasting the line into a shell does not complete anything.
      return [`"token:  ${v}"$'\\t'`];
    case 'empty':
      return [`'token;'`];
    case 'given twice':
      return [`"token: ${v}"`, `"token: ${v}"`];
  }
}

export function curlLine(example: Example, sent: Sent): string {
  const url = `${contractContext().baseUrl}${operations[example.operationId].path}`;
  const parts = ['curl -sS -X POST', shellQuote(url)];
  const token = example.token;
  const variable = token.kind === 'variant' && token.of === 'other' ? 'SECPAID_TOKEN_B' : 'SECPAID_TOKEN';
  if (token.kind === 'own') parts.push(...keyInShell(variable, undefined).map((h) => `-H ${h}`));
  if (token.kind === 'variant')
    parts.push(...keyInShell(variable, token.variant as KeyVariantName).map((h) => `-H ${h}`));
  if (sent.contentType !== undefined) parts.push(`-H ${shellQuote(`content-type: ${sent.contentType}`)}`);
  if (sent.bodyText !== '') parts.push(`--data-binary ${shellQuote(sent.bodyText)}`);
  return parts.join(' ');
}
