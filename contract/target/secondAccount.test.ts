import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultSelection, type RunSelection, secondAccountUsers } from './secondAccount.ts';
import { declaredNeeds } from './suiteNeeds.ts';

const suitesOnly: RunSelection = { ...defaultSelection, generated: false };

test('need lists are read as written, spreads left out', () => {
  const source = `
    const writes: TestOptions = { needs: ['writes'] };
    suite.test('200 …', { needs: ['writes', "secondAccount"] }, fn);
    suite.test('403 …', { ...paying, needs: ['control', ...writes] }, fn);
    const needs: Need[] = [...(bad.needs ?? [])];`;
  assert.deepEqual(declaredNeeds(source), [['writes'], ['writes', 'secondAccount'], ['control']]);
});

test("the suites' isolation tests that run without the control API need the second key", () => {
  // getMyUsedLinks and the pay-in/payout suites have isolation tests too, but they also need the
  // control API (to pay links), so a run on keys from the environment skips them anyway.
  assert.deepEqual(secondAccountUsers(suitesOnly), [
    'the isolation tests of createLink, getMyUnusedLinks, deleteLink',
  ]);
  assert.deepEqual(
    secondAccountUsers({ ...suitesOnly, operations: ['getMyUsedLinks', 'createSplitLink'] }),
    [],
  );
  assert.deepEqual(secondAccountUsers({ ...suitesOnly, readOnly: true }), [], 'they all create links');
});

test('the generated phase needs it for its other-account key variants, in a read-only run too', () => {
  const phaseOnly: RunSelection = { ...defaultSelection, handWritten: false };
  const generated = "the generated examples with the second account's key or link";
  assert.deepEqual(secondAccountUsers(phaseOnly), [generated]);
  assert.deepEqual(secondAccountUsers({ ...phaseOnly, readOnly: true, operations: ['getMyUsedLinks'] }), [
    generated,
  ]);
  // A read-only run leaves the creating operations out of the phase.
  assert.deepEqual(
    secondAccountUsers({ ...phaseOnly, readOnly: true, operations: ['createLink', 'deleteLink'] }),
    [],
  );
  assert.deepEqual(secondAccountUsers(defaultSelection), [
    'the isolation tests of createLink, getMyUnusedLinks, deleteLink',
    generated,
  ]);
});

test('--example replays need it only when the examples they pick do', () => {
  const replay = (example: string): RunSelection => ({
    ...defaultSelection,
    handWritten: false,
    generated: { example },
  });
  assert.deepEqual(secondAccountUsers(replay('createLink/boundary/amount')), []);
  assert.deepEqual(secondAccountUsers(replay('createLink/positive')), []);
  assert.equal(secondAccountUsers(replay('createLink/auth/token/other-account-key')).length, 1);
  assert.equal(secondAccountUsers(replay('deleteLink/negative/link_id/another-account')).length, 1);
});
