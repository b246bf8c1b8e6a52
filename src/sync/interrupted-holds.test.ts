// The state a line's hold stands for, when an interrupted application left it unrecorded.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { stateHeldBy } from './interrupted-holds.ts';

test('a hold tells which order state was applied', () => {
  assert.equal(stateHeldBy({ status: 'held', expiresAtMs: 1_000 }), 'placed');
  assert.equal(stateHeldBy({ status: 'held', expiresAtMs: null }), 'paid');
  assert.equal(stateHeldBy({ status: 'confirmed', expiresAtMs: null }), 'paid');
  assert.equal(stateHeldBy({ status: 'shipped', expiresAtMs: null }), 'shipped');
  assert.equal(stateHeldBy({ status: 'released', expiresAtMs: 1_000 }), 'cancelled');
  assert.equal(stateHeldBy({ status: 'expired', expiresAtMs: 1_000 }), 'placed');
});
