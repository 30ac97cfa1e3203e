/**
 * Negative inputs: each must be answered 400 InvalidParameters with the error envelope, never 2xx
 * (the server took bad input) and never 5xx (it broke on it). `commonBadInputs` holds the ones
 * every operation shares: unknown field, repeated field, malformed or non-object JSON, and content
 * types the API does not take.
 */

import { formFields, formText } from '../../../core/formBody.ts';
import { type OperationId, operations } from '../../../core/spec.ts';
import { aCaller } from '../accounts.ts';
import type { ContractSuite, Need } from '../contractSuite.ts';
import { type Caller, type SendOptions, send } from '../send.ts';

type Request = Omit<SendOptions, 'as'>;

export interface BadInput {
  when: string;
  /** The request, or how to make it for the test's caller (when it needs e.g. a real recipient). */
  request: Request | ((caller: Caller) => Promise<Request>);
  needs?: Need[];
  because?: string;
}

/** A valid body to spoil, or how to make one for a caller. */
export type ValidBody = Record<string, unknown> | ((caller: Caller) => Promise<Record<string, unknown>>);

function multipart(form: [string, string][]): { body: string; contentType: string } {
  const boundary = 'contract-boundary-7f3a';
  const parts = form.map(
    ([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
  );
  return {
    body: `${parts.join('')}--${boundary}--\r\n`,
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

export function commonBadInputs(operationId: OperationId, valid: ValidBody): BadInput[] {
  const spoil =
    (how: (body: Record<string, unknown>, form: [string, string][]) => Request) => async (caller: Caller) => {
      const body = typeof valid === 'function' ? await valid(caller) : valid;
      return how(body, formFields(body, operations[operationId].jsonEncodedFormFields));
    };
  const form = 'application/x-www-form-urlencoded';
  return [
    {
      when: 'an unknown field is sent',
      request: spoil((body) => ({ form: { ...body, unknown_field: 'x' } })),
    },
    {
      when: 'a field is given twice',
      request: spoil((_, fields) => {
        const [name, value] = fields[0] ?? ['limit', '5'];
        return {
          raw: { body: `${formText(fields)}&${name}=${encodeURIComponent(value)}`, contentType: form },
        };
      }),
    },
    {
      when: 'the JSON body is malformed',
      request: { raw: { body: '{"amount": 12.5,', contentType: 'application/json' } },
    },
    {
      when: 'the JSON body is an array, not an object',
      request: { raw: { body: '[1, 2]', contentType: 'application/json' } },
    },
    {
      when: 'the content type is text/plain',
      request: spoil((_, fields) => ({ raw: { body: formText(fields), contentType: 'text/plain' } })),
    },
    { when: 'the body is multipart/form-data', request: spoil((_, fields) => ({ raw: multipart(fields) })) },
  ];
}

export function badInputs(
  suite: ContractSuite,
  operationId: OperationId,
  cases: BadInput[],
  writes: boolean,
): void {
  for (const bad of cases) {
    const needs: Need[] = [...(writes ? (['writes'] as const) : []), ...(bad.needs ?? [])];
    suite.test(`400 InvalidParameters when ${bad.when}`, { needs, because: bad.because }, async () => {
      const caller = await aCaller();
      const request = typeof bad.request === 'function' ? await bad.request(caller) : bad.request;
      await send(operationId, { ...request, as: caller }, 400);
    });
  }
}
