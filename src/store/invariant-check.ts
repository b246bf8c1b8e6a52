/**
 * Checks the stock invariants against the stored data (QUALITY.md I1, I2, I7 and the hold sums):
 *  - every balance equals the sum of its ledger movements (on_hand and reserved);
 *  - reserved equals the sum of open hold lines (a plain hold's line is the hold itself);
 *  - available is not negative unless the SKU allows back-orders;
 *  - SQLite's integrity_check is ok.
 * Used by tests after every run, by benchmarks, by `stockpool check` and after `restore`.
 */
import { sql, type Kysely } from 'kysely';
import type { DialectName } from './dialect-name.ts';
import type { DB } from './schema.ts';

export interface InvariantViolation {
  rule: 'ledger_on_hand' | 'ledger_reserved' | 'open_holds' | 'negative_available' | 'storage';
  tenantId?: string;
  skuId?: number;
  warehouseId?: number;
  expected?: number;
  actual?: number;
  detail?: string;
}

interface Balance {
  tenant_id: string;
  sku_id: number;
  warehouse_id: number;
  on_hand: number;
  reserved: number;
}

export async function checkInvariants(
  db: Kysely<DB>,
  dialect: DialectName,
): Promise<InvariantViolation[]> {
  const violations: InvariantViolation[] = [];
  const levels = await db
    .selectFrom('stock_levels')
    .select(['tenant_id', 'sku_id', 'warehouse_id', 'on_hand', 'reserved'])
    .execute();
  const ledger = await db
    .selectFrom('movements')
    .select((eb) => [
      'tenant_id',
      'sku_id',
      'warehouse_id',
      eb.fn.sum<number>('on_hand_delta').as('on_hand'),
      eb.fn.sum<number>('reserved_delta').as('reserved'),
    ])
    .groupBy(['tenant_id', 'sku_id', 'warehouse_id'])
    .execute();
  // A bundle's hold reserves its hold_lines; a plain hold (no lines) reserves its own SKU.
  const holds = await db
    .selectFrom('holds as h')
    .leftJoin('hold_lines as l', (join) =>
      join.onRef('l.tenant_id', '=', 'h.tenant_id').onRef('l.hold_id', '=', 'h.id'),
    )
    .select((eb) => [
      'h.tenant_id',
      eb.fn.coalesce('l.sku_id', 'h.sku_id').as('sku_id'),
      'h.warehouse_id',
      eb.fn.sum<number>(eb.fn.coalesce('l.quantity', 'h.quantity')).as('reserved'),
    ])
    .where('h.status', 'in', ['held', 'confirmed'])
    .groupBy((eb) => ['h.tenant_id', eb.fn.coalesce('l.sku_id', 'h.sku_id'), 'h.warehouse_id'])
    .execute();
  const backorder = new Set(
    (await db.selectFrom('skus').select('id').where('allow_backorder', '=', 1).execute()).map((r) =>
      Number(r.id),
    ),
  );
  const key = (r: { tenant_id: string; sku_id: number; warehouse_id: number }) =>
    `${r.tenant_id}|${r.sku_id}|${r.warehouse_id}`;
  const ledgerBy = new Map(ledger.map((r) => [key(r), r]));
  const holdsBy = new Map(holds.map((r) => [key(r), Number(r.reserved)]));
  for (const level of levels as Balance[]) {
    const where = {
      tenantId: level.tenant_id,
      skuId: Number(level.sku_id),
      warehouseId: Number(level.warehouse_id),
    };
    const l = ledgerBy.get(key(level));
    const ledgerOnHand = Number(l?.on_hand ?? 0);
    const ledgerReserved = Number(l?.reserved ?? 0);
    if (ledgerOnHand !== Number(level.on_hand))
      violations.push({
        rule: 'ledger_on_hand',
        ...where,
        expected: ledgerOnHand,
        actual: Number(level.on_hand),
      });
    if (ledgerReserved !== Number(level.reserved))
      violations.push({
        rule: 'ledger_reserved',
        ...where,
        expected: ledgerReserved,
        actual: Number(level.reserved),
      });
    const open = holdsBy.get(key(level)) ?? 0;
    if (open !== Number(level.reserved))
      violations.push({
        rule: 'open_holds',
        ...where,
        expected: open,
        actual: Number(level.reserved),
      });
    if (level.on_hand - level.reserved < 0 && !backorder.has(where.skuId)) {
      violations.push({
        rule: 'negative_available',
        ...where,
        actual: level.on_hand - level.reserved,
      });
    }
  }
  const levelKeys = new Set(levels.map(key));
  for (const [k, l] of ledgerBy) {
    if (!levelKeys.has(k) && (Number(l.on_hand) !== 0 || Number(l.reserved) !== 0)) {
      violations.push({ rule: 'ledger_on_hand', detail: `movements without a balance row: ${k}` });
    }
  }
  if (dialect === 'sqlite') {
    const result = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(db);
    const status = result.rows.map((r) => r.integrity_check).join('; ');
    if (status !== 'ok') violations.push({ rule: 'storage', detail: status });
  }
  return violations;
}
