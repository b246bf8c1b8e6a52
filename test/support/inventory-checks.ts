/**
 * The checks the model-based property test runs after every command: the stored balances and
 * holds equal the model's, available is never negative unless the SKU back-orders (I2), and no
 * hold was expired before its time (I6).
 */
import assert from 'node:assert/strict';
import type { TenantSession } from './inventory-harness.ts';
import {
  BACKORDER_SKUS,
  PLAIN_SKUS,
  WAREHOUSES,
  levelKey,
  type InventoryModel,
} from './inventory-model.ts';

export async function assertMatchesModel(m: InventoryModel, s: TenantSession): Promise<void> {
  assert.equal(s.clock.nowMs(), m.nowMs, 'the clock moved without the model');
  await assertLevels(m, s);
  await assertHolds(m, s);
}

async function assertLevels(m: InventoryModel, s: TenantSession): Promise<void> {
  const stored = new Map((await s.levels()).map((l) => [levelKey(l.sku, l.warehouse), l]));
  for (const key of stored.keys())
    assert.ok(
      PLAIN_SKUS.some((p) => key.startsWith(`${p}@`)),
      `a bundle has a balance: ${key}`,
    );
  for (const sku of PLAIN_SKUS) {
    for (const warehouse of WAREHOUSES) {
      const key = levelKey(sku, warehouse);
      const row = stored.get(key);
      const actual = { onHand: Number(row?.onHand ?? 0), reserved: Number(row?.reserved ?? 0) };
      const expected = m.levels.get(key) ?? { onHand: 0, reserved: 0 };
      assert.deepEqual(actual, { ...expected }, `balance of ${key}`);
      const negativeAllowed = BACKORDER_SKUS.has(sku);
      assert.ok(
        actual.onHand - actual.reserved >= 0 || negativeAllowed,
        `I2: available of ${key} is ${actual.onHand - actual.reserved}`,
      );
    }
  }
}

async function assertHolds(m: InventoryModel, s: TenantSession): Promise<void> {
  const stored = await s.holds();
  assert.equal(stored.length, m.holds.length, 'a failed hold left a row, or a hold is missing');
  const byId = new Map(stored.map((h) => [h.id, h]));
  for (const hold of m.holds) {
    const row = byId.get(hold.id);
    assert.ok(row, `hold ${hold.id} is missing`);
    assert.equal(row.status, hold.status, `status of hold ${hold.id}`);
    assert.equal(row.expiresAtMs, hold.expiresAtMs, `expiry of hold ${hold.id}`);
    if (row.status === 'expired') {
      assert.ok(row.expiresAtMs !== null, `I6: paid hold ${hold.id} expired`);
      assert.ok(row.updatedAtMs >= row.expiresAtMs, `I6: hold ${hold.id} expired early`);
    }
  }
}
