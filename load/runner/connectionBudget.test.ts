/**
 * The connection budget against the open-file limit: the profile's budget when it fits, a lower one
 * (and why) when it does not, a refusal when not even one connection fits; and the limit as read.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { connectionBudget, openFileLimit, reservedDescriptors } from './connectionBudget.ts';

describe('connection budget', () => {
  it("keeps the profile's budget when the descriptor limit has room for it", () => {
    assert.deepEqual(connectionBudget(1000, 20_000), { planned: 1000, fileLimit: 20_000, connections: 1000 });
    assert.deepEqual(connectionBudget(1000, undefined), { planned: 1000, connections: 1000 });
  });

  it('lowers the budget to what the limit leaves after the runner’s own descriptors, and says so', () => {
    const budget = connectionBudget(20_000, 1024);
    assert.ok(!('refused' in budget));
    assert.equal(budget.connections, 1024 - reservedDescriptors);
    assert.match(budget.lowered ?? '', /capped at 768 .*ulimit -n 1024.*raise it to 20256/);
  });

  it('refuses when the limit leaves no descriptor for a connection', () => {
    const budget = connectionBudget(10, reservedDescriptors);
    assert.ok('refused' in budget);
    assert.match(budget.refused, /ulimit -n 256\) leaves no descriptor/);
  });

  it("reads this process's soft limit (as the shell reports it)", () => {
    const shell = execFileSync('/bin/sh', ['-c', 'ulimit -n'], { encoding: 'utf8' }).trim();
    const limit = openFileLimit();
    assert.equal(limit, shell === 'unlimited' ? Number.POSITIVE_INFINITY : Number(shell));
  });
});
