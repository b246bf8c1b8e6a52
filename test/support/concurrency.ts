/** Small helpers shared by the concurrency tests: counting outcomes and reading one balance. */
import assert from 'node:assert/strict';
import type { Outcome } from '../../src/domain/outcome.ts';
import { findSkusByCodes, findWarehouseByCode } from '../../src/store/catalog-lookup.ts';
import { readLevel } from '../../src/store/stock-levels-repo.ts';
import type { StockPool } from '../../src/main.ts';
import type { StockLevel } from '../../src/domain/stock-level.ts';

/** How many outcomes succeeded and how many failed with each code, e.g. {ok: 3, HOLD_EXPIRED: 1}. */
export function tally(outcomes: readonly Outcome<unknown>[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const o of outcomes) {
    const key = o.ok ? 'ok' : o.error.code;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

/** The stored balance of a SKU in a warehouse, by their codes. */
export async function levelOf(
  f: { pool: StockPool; actor: { tenantId: string } },
  sku: string,
  warehouse: string,
): Promise<StockLevel> {
  const db = f.pool.database.db;
  const s = (await findSkusByCodes(db, f.actor.tenantId, [sku])).get(sku);
  const w = await findWarehouseByCode(db, f.actor.tenantId, warehouse);
  assert.ok(s && w, `unknown ${sku} or ${warehouse}`);
  const level = await readLevel(db, { tenantId: f.actor.tenantId, skuId: s.id, warehouseId: w.id });
  return { onHand: Number(level.onHand), reserved: Number(level.reserved) };
}
