/**
 * Shared assertions of the sandbox tests: one schema-conformance check per answer (the contract
 * suite checks schemas in depth; here it only guards that behaviour tests look at a valid answer),
 * the error envelope's code, and exact money arithmetic on the API's decimal texts.
 */
import assert from 'node:assert/strict';
import { centsOf } from '../../core/money.ts';
import type { OperationId } from '../../core/spec.ts';
import { describeErrors, responseValidator } from '../../core/validators.ts';
import type { Answer } from './api.ts';

export function assertConforms(operationId: OperationId, answer: Answer): void {
  const validate = responseValidator(operationId, answer.status);
  assert.ok(validate, `${operationId} documents no ${answer.status} answer: ${answer.text}`);
  assert.ok(validate(answer.body), `${operationId} ${answer.status}: ${describeErrors(validate.errors)}`);
}

/** Asserts status and the error code of the body, plus conformance; returns the body for more. */
export function assertError(operationId: OperationId, answer: Answer, status: number, error: string) {
  assert.equal(answer.status, status, `expected ${status} ${error}, got ${answer.status} ${answer.text}`);
  assert.equal(answer.body?.error, error);
  assertConforms(operationId, answer);
  return answer.body;
}

export function assertOk(operationId: OperationId, answer: Answer) {
  assert.equal(answer.status, 200, `${operationId}: ${answer.status} ${answer.text}`);
  assertConforms(operationId, answer);
  return answer.body;
}

/** "-12.05" → -1205: the API's money text, which always has two decimals, parsed by core/money.ts. */
export function centsOfText(text: string): number {
  const cents = /^-?[0-9]+\.[0-9]{2}$/.test(text) ? centsOf(text) : undefined;
  if (cents === undefined) throw new Error(`not a money text with two decimals: ${text}`);
  return cents;
}

/** 1.17 (a JSON number with ≤ 2 decimals) → 117. */
export function centsOfNumber(value: number): number {
  const cents = Math.round(value * 100);
  assert.ok(Math.abs(cents - value * 100) < 1e-6, `${value} has more than two decimals`);
  return cents;
}

export const sum = (values: number[]): number => values.reduce((total, v) => total + v, 0);
