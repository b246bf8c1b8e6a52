/**
 * What the database already holds for the codes an import file names: warehouses, SKUs with
 * their bundle components, current stock, and which import batches were already applied.
 * Read in chunks, so a 100,000-SKU file costs a few hundred queries, not 100,000.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import { componentsOfBundles, skuRecordOf, type SkuRecord } from '../store/skus-repo.ts';
import { listWarehouses, type WarehouseRecord } from '../store/warehouses-repo.ts';

/** Codes per `IN (…)` query: far below every engine's parameter limit. */
const CHUNK = 500;

/** A SKU already in StockPool, with what an import compares against. */
export type ExistingSku = Omit<SkuRecord, 'active' | 'createdAtMs' | 'updatedAtMs'>;

export interface ExistingState {
  warehouses: Map<string, WarehouseRecord>;
  skus: Map<string, ExistingSku>;
  /** `${warehouseCode}\0${skuCode}` → on hand and reserved. */
  levels: Map<string, { onHand: number; reserved: number }>;
  /** `${warehouseCode}\0${skuCode}` → the figure the latest import counted there. */
  lastImported: Map<string, number>;
}

export function levelKey(warehouse: string, sku: string): string {
  return `${warehouse}\u0000${sku}`;
}

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

export async function loadExistingState(
  db: Kysely<DB>,
  tenantId: string,
  skuCodes: readonly string[],
): Promise<ExistingState> {
  const warehouseRows = await db
    .selectFrom('warehouses')
    .select(['id', 'code'])
    .where('tenant_id', '=', tenantId)
    .execute();
  const warehouses = new Map((await listWarehouses(db, tenantId)).map((w) => [w.code, w]));
  const skus = await loadSkus(db, tenantId, [...new Set(skuCodes)]);
  const codeOfWarehouse = new Map(warehouseRows.map((w) => [Number(w.id), w.code]));
  const levels = await loadLevels(db, tenantId, [...skus.values()], codeOfWarehouse);
  const lastImported = await loadLastImported(db, tenantId, [...skus.values()], codeOfWarehouse);
  return { warehouses, skus, levels, lastImported };
}

/** Which of these idempotency keys already have a stored result (batches imported before). */
export async function findAppliedKeys(
  db: Kysely<DB>,
  tenantId: string,
  keys: readonly string[],
): Promise<Set<string>> {
  const applied = new Set<string>();
  for (const part of chunks(keys)) {
    const rows = await db
      .selectFrom('operations')
      .select('key')
      .where('tenant_id', '=', tenantId)
      .where('key', 'in', part)
      .execute();
    for (const r of rows) applied.add(r.key);
  }
  return applied;
}

async function loadSkus(
  db: Kysely<DB>,
  tenantId: string,
  codes: string[],
): Promise<Map<string, ExistingSku>> {
  const skus = new Map<string, ExistingSku>();
  for (const part of chunks(codes)) {
    const rows = await db
      .selectFrom('skus')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('code', 'in', part)
      .execute();
    const components = await componentsOfBundles(
      db,
      tenantId,
      rows.filter((r) => r.is_bundle === 1).map((r) => r.id),
    );
    for (const r of rows) skus.set(r.code, skuRecordOf(r, components.get(r.id)));
  }
  return skus;
}

async function loadLevels(
  db: Kysely<DB>,
  tenantId: string,
  skus: ExistingSku[],
  codeOfWarehouse: Map<number, string>,
): Promise<ExistingState['levels']> {
  const levels: ExistingState['levels'] = new Map();
  const codeOfSku = new Map(skus.map((s) => [s.id, s.code]));
  for (const part of chunks(skus.filter((s) => !s.isBundle).map((s) => s.id))) {
    const rows = await db
      .selectFrom('stock_levels')
      .select(['sku_id', 'warehouse_id', 'on_hand', 'reserved'])
      .where('tenant_id', '=', tenantId)
      .where('sku_id', 'in', part)
      .execute();
    for (const r of rows) {
      const sku = codeOfSku.get(Number(r.sku_id));
      const warehouse = codeOfWarehouse.get(Number(r.warehouse_id));
      if (sku && warehouse)
        levels.set(levelKey(warehouse, sku), {
          onHand: Number(r.on_hand),
          reserved: Number(r.reserved),
        });
    }
  }
  return levels;
}

/**
 * The counted figure of the latest imported stock-take line per SKU and warehouse (from the
 * ledger: `adjust` movements whose reference type is `import`). A file line showing that same
 * figure again is not a new count: re-applying it would undo the sales made since.
 */
async function loadLastImported(
  db: Kysely<DB>,
  tenantId: string,
  skus: ExistingSku[],
  codeOfWarehouse: Map<number, string>,
): Promise<Map<string, number>> {
  const latest = new Map<string, { id: number; counted: number }>();
  const codeOfSku = new Map(skus.map((s) => [s.id, s.code]));
  for (const part of chunks(skus.filter((s) => !s.isBundle).map((s) => s.id))) {
    const rows = await db
      .selectFrom('movements')
      .select(['id', 'sku_id', 'warehouse_id', 'counted'])
      .where('tenant_id', '=', tenantId)
      .where('sku_id', 'in', part)
      .where('kind', '=', 'adjust')
      .where('reference_type', '=', 'import')
      .execute();
    for (const r of rows) {
      const sku = codeOfSku.get(Number(r.sku_id));
      const warehouse = codeOfWarehouse.get(Number(r.warehouse_id));
      if (!sku || !warehouse || r.counted === null) continue;
      const key = levelKey(warehouse, sku);
      const seen = latest.get(key);
      if (!seen || Number(r.id) > seen.id)
        latest.set(key, { id: Number(r.id), counted: Number(r.counted) });
    }
  }
  return new Map([...latest].map(([key, v]) => [key, v.counted]));
}
