/**
 * What the model-based property test checks when a sequence ends: replaying everything that
 * succeeded (same keys) writes nothing; the stored invariants hold (the only tolerated finding is
 * negative available where the seller accepted a count below reserved); and once every open hold
 * is released nothing stays reserved and checkInvariants is empty.
 */
import assert from 'node:assert/strict';
import { replayPrefix } from './replay-commands.ts';
import { assertMatchesModel } from './inventory-checks.ts';
import { expectTransition } from './inventory-expectations.ts';
import type { TenantSession } from './inventory-harness.ts';
import { levelKey } from './inventory-model.ts';
import { assertOutcome, type SequenceState } from './keyed-requests.ts';

export async function finishSequence(state: SequenceState, s: TenantSession): Promise<void> {
  const before = await s.counts();
  await replayPrefix(state, s, state.applied.length);
  assert.deepEqual(await s.counts(), before, 'replaying the whole sequence wrote something');
  await assertMatchesModel(state.model, s);
  await assertOnlyAcceptedShortfalls(state, s);
  await releaseOpenHolds(state, s);
  for (const [key, level] of state.model.levels) assert.equal(level.reserved, 0, key);
  await assertMatchesModel(state.model, s);
  assert.deepEqual(await s.invariants(), []);
}

/** Accepted shortfalls show as negative available; anything else checkInvariants finds is a bug. */
async function assertOnlyAcceptedShortfalls(state: SequenceState, s: TenantSession) {
  const codes = await s.catalogCodes();
  const unexplained = (await s.invariants()).filter((v) => {
    if (v.rule !== 'negative_available') return true;
    const sku = codes.skus.get(v.skuId ?? -1) ?? '?';
    const warehouse = codes.warehouses.get(v.warehouseId ?? -1) ?? '?';
    return !state.model.shortfalls.has(levelKey(sku, warehouse));
  });
  assert.deepEqual(unexplained, []);
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
