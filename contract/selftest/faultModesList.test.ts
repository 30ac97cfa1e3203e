import assert from 'node:assert/strict';
import { test } from 'node:test';
import { brokenModes } from '../../sandbox/broken/modes.ts';
import { faultModes } from './faultModes.ts';

test('the self-test covers every broken mode the sandbox implements, each once', () => {
  const listed = faultModes.map((f) => f.name);
  assert.equal(new Set(listed).size, listed.length, 'a mode is listed twice');
  assert.deepEqual([...listed].sort(), Object.keys(brokenModes).sort());
});
