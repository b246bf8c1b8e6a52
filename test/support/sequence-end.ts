/**
 * What the model-based property test checks when a sequence ends: replaying everything that
 * succeeded (same keys) writes nothing; the stored invariants hold; and once every open hold is
 * released nothing stays reserved and checkInvariants is still empty.
 */
import assert from 'node:assert/strict';
import { replayPrefix } from './replay-commands.ts';
import { assertMatchesModel } from './inventory-checks.ts';
import { expectTransition } from './inventory-expectations.ts';
import type { TenantSession } from './inventory-harness.ts';
import { assertOutcome, type SequenceState } from './keyed-requests.ts';

export async function finishSequence(state: SequenceState, s: TenantSession): Promise<void> {
  const before = await s.counts();
  await replayPrefix(state, s, state.applied.length);
  assert.deepEqual(await s.counts(), before, 'replaying the whole sequence wrote something');
  await assertMatchesModel(state.model, s);
  assert.deepEqual(await s.invariants(), []);
  await releaseOpenHolds(state, s);
  for (const [key, level] of state.model.levels) assert.equal(level.reserved, 0, key);
  await assertMatchesModel(state.model, s);
  assert.deepEqual(await s.invariants(), []);
}

async function releaseOpenHolds(state: SequenceState, s: TenantSession): Promise<void> {
  for (const hold of state.model.holds) {
    if (hold.status !== 'held' && hold.status !== 'confirmed') continue;
    const expected = expectTransition(state.model, hold, 'release');
    const out = await s.pool.inventory.transitionHold(s.actor, hold.id, 'release');
    assertOutcome(out, expected, `release ${hold.id} at the end`);
    if (out.ok && expected.ok) expected.commit(out.value);
  }
}
