import assert from 'node:assert/strict';
import { test } from 'node:test';
import { locate } from './specLocation.ts';

test('a status expectation points at the response and names the decision its description cites', () => {
  const place = locate('createLink', 201, undefined);
  assert.equal(place.specPointer, '/paths/~1api~1v2~1createLink/post/responses/201');
  assert.deepEqual(place.decision, { id: 'D-AUTH', title: 'which key gets 401, 201 or 403' });
});

test('a schema rule points into the response schema; the nearest description citing a decision wins', () => {
  assert.equal(locate('deleteLink', 404, '#/required').decision?.id, 'D-ERRORS');
  assert.equal(locate('createLink', 200, '#/allOf/1/properties/data/required').decision?.id, 'D-LINK');
  const amount = locate('createLink', 200, '#/allOf/1/properties/data/properties/amount/pattern');
  assert.match(amount.specPointer, /\/schema\/allOf\/1\/properties\/data\/properties\/amount\/pattern$/);
  assert.equal(amount.decision?.id, 'D-MONEY', 'the amount’s own description, before the link’s');
});

test('no decision where no description on the way cites one', () => {
  assert.equal(locate('getMyUsedLinks', 200, '#/required').decision, undefined);
});
