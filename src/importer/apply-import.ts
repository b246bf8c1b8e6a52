/**
 * Carries out an import plan: warehouses, then SKUs, then bundles (their components exist by
 * then), then the opening stock as idempotent stock-take batches through the InventoryService,
 * the only writer of stock. Every step can be repeated: an interrupted import is finished by
 * running it again.
 */
import type { Kysely } from 'kysely';
import type { CatalogService } from '../catalog/catalog-service.ts';
import type { DomainError } from '../domain/outcome.ts';
import type { InventoryService } from '../inventory/inventory-service.ts';
import type { DialectName } from '../store/dialect-name.ts';
import type { DB } from '../store/schema.ts';
import { insertSku } from '../store/skus-repo.ts';
import type { SkuCreate } from './plan-catalog.ts';
import type { ImportPlan } from './plan-import.ts';
import type { StockBatch } from './plan-stock.ts';

/** SKUs inserted per transaction: short enough not to hold a running server's writes up. */
const SKU_INSERT_BATCH = 500;
/** Transactions in flight at once on PostgreSQL: below the pool size, so a server keeps some. */
const PG_PARALLEL_BATCHES = 6;

export interface ApplyDeps {
  db: Kysely<DB>;
  dialect: DialectName;
  catalog: CatalogService;
  inventory: InventoryService;
  nowMs: () => number;
}

export interface ApplyOptions {
  tenantId: string;
  /** Shown in the ledger as the actor of the stock-takes, e.g. `import:stock.xlsx`. */
  actorName: string;
  onProgress?: (done: number, total: number) => void;
}

export interface ApplyResult {
  warehousesCreated: number;
  skusCreated: number;
  bundlesCreated: number;
  updated: number;
  stockBatchesApplied: number;
  stockBatchesReplayed: number;
}

export type ApplyOutcome =
  { ok: true; value: ApplyResult } | { ok: false; error: DomainError; result: ApplyResult };

/** Units of progress: one per warehouse, SKU, bundle or update, and one per stock line. */
export function workOf(plan: ImportPlan): number {
  const c = plan.catalog;
  const catalogue =
    c.warehousesToCreate.length +
    c.warehousesToUpdate.length +
    c.skusToCreate.length +
    c.bundlesToCreate.length +
    c.skusToUpdate.length;
  return catalogue + plan.stock.lineCount;
}

export async function applyImport(
  plan: ImportPlan,
  deps: ApplyDeps,
  options: ApplyOptions,
): Promise<ApplyOutcome> {
  const total = workOf(plan);
  let done = 0;
  const tick = (n: number) => options.onProgress?.((done += n), total);
  const result: ApplyResult = {
    warehousesCreated: 0,
    skusCreated: 0,
    bundlesCreated: 0,
    updated: 0,
    stockBatchesApplied: 0,
    stockBatchesReplayed: 0,
  };
  const failed = (error: DomainError): ApplyOutcome => ({ ok: false, error, result });
  const t = options.tenantId;
  const c = plan.catalog;

  for (const { autoCreated: _auto, ...w } of c.warehousesToCreate) {
    const out = await deps.catalog.createWarehouse(t, w);
    if (!out.ok && out.error.code !== 'WAREHOUSE_EXISTS') return failed(out.error);
    if (out.ok) result.warehousesCreated++;
    tick(1);
  }
  for (const w of c.warehousesToUpdate) {
    const out = await deps.catalog.updateWarehouse(t, w.code, w.patch);
    if (!out.ok) return failed(out.error);
    result.updated++;
    tick(1);
  }
  result.skusCreated = await insertPlainSkus(plan, deps, t, tick);
  for (const b of c.bundlesToCreate) {
    const out = await deps.catalog.createSku(t, b);
    if (!out.ok && out.error.code !== 'SKU_EXISTS') return failed(out.error);
    if (out.ok) result.bundlesCreated++;
    tick(1);
  }
  for (const s of c.skusToUpdate) {
    const out = await deps.catalog.updateSku(t, s.code, s.patch);
    if (!out.ok) return failed(out.error);
    result.updated++;
    tick(1);
  }
  const stock = await applyStock(plan, deps, options, (batch) => tick(batch.lines.length));
  if (!stock.ok) return failed(stock.error);
  result.stockBatchesApplied = stock.applied;
  result.stockBatchesReplayed = stock.replayed;
  return { ok: true, value: result };
}

/**
 * Plain SKUs are inserted SKU_INSERT_BATCH per transaction rather than one transaction each: a
 * 100,000-SKU catalogue in seconds. A plain SKU has no rule beyond its row (no components), so
 * this is what CatalogService.createSku does for it, minus the read-back.
 */
async function insertPlainSkus(
  plan: ImportPlan,
  deps: ApplyDeps,
  tenantId: string,
  tick: (n: number) => void,
): Promise<number> {
  const skus = plan.catalog.skusToCreate;
  const batches: SkuCreate[][] = [];
  for (let i = 0; i < skus.length; i += SKU_INSERT_BATCH)
    batches.push(skus.slice(i, i + SKU_INSERT_BATCH));
  let created = 0;
  await inParallel(batches, parallelismOf(deps.dialect), async (part) => {
    const nowMs = deps.nowMs();
    const inserted = await deps.db.transaction().execute(async (trx) => {
      let n = 0;
      for (const { components: _none, ...sku } of part) {
        if ((await insertSku(trx, tenantId, { ...sku, isBundle: false, nowMs })) !== null) n++;
      }
      return n;
    });
    created += inserted;
    tick(part.length);
    return true;
  });
  return created;
}

/**
 * SQLite has one writer: batches go one at a time. On PostgreSQL batches touch disjoint rows
 * (each SKU once per warehouse), so several run side by side without waiting on each other.
 */
function parallelismOf(dialect: DialectName): number {
  return dialect === 'postgres' ? PG_PARALLEL_BATCHES : 1;
}

/** Runs `work` over items with at most `parallel` at a time; stops at the first `false`. */
async function inParallel<T>(
  items: readonly T[],
  parallel: number,
  work: (item: T) => Promise<boolean>,
): Promise<void> {
  let next = 0;
  let stopped = false;
  const worker = async () => {
    while (!stopped && next < items.length) {
      const item = items[next++] as T;
      if (!(await work(item))) stopped = true;
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, items.length) }, worker));
}

async function applyStock(
  plan: ImportPlan,
  deps: ApplyDeps,
  options: ApplyOptions,
  onBatch: (batch: StockBatch) => void,
): Promise<{ ok: true; applied: number; replayed: number } | { ok: false; error: DomainError }> {
  const counts = { applied: 0, replayed: 0 };
  let error: DomainError | null = null;
  await inParallel(plan.stock.batches, parallelismOf(deps.dialect), async (batch) => {
    const out = await deps.inventory.stocktake(
      { tenantId: options.tenantId, name: options.actorName },
      {
        idempotencyKey: batch.key,
        warehouse: batch.warehouse,
        reference: `import:${plan.stock.digest}`,
        referenceType: 'import',
        lines: batch.lines,
      },
    );
    onBatch(batch);
    if (out.ok) {
      counts[out.value.replayed ? 'replayed' : 'applied']++;
      return true;
    }
    error = { ...out.error, details: { ...out.error.details, batch: batch.key } };
    return false;
  });
  const failure = error as DomainError | null;
  return failure ? { ok: false, error: failure } : { ok: true, ...counts };
}
