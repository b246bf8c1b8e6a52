/**
 * Opening stock as stock-takes: each warehouse's counted figures, in batches of STOCK_BATCH_SIZE
 * lines, each batch one idempotent stock-take command. A batch's key is derived from the file's
 * stock content, so importing the same figures again replays (changes nothing), and a file whose
 * figures changed is a new count that adjusts on hand to it.
 */
import { createHash } from 'node:crypto';
import type { ImportDraft, StockDraft } from './assemble.ts';
import { levelKey, type ExistingState } from './existing-state.ts';
import type { CatalogPlan } from './plan-catalog.ts';
import type { Report } from './plan-report.ts';

/** Lines per stock-take command: one short transaction each, so a running server is not held up. */
export const STOCK_BATCH_SIZE = 500;

export interface StockBatch {
  key: string;
  warehouse: string;
  lines: { sku: string; counted: number }[];
  /** This exact batch was imported before: applying it again changes nothing. */
  alreadyImported: boolean;
}

export interface StockChange {
  sku: string;
  warehouse: string;
  before: number;
  after: number;
}

export interface StockPlan {
  /** Identifies the file's stock content; part of every batch key and the ledger reference. */
  digest: string;
  batches: StockBatch[];
  lineCount: number;
  /** Lines showing the figure the latest import already counted: left alone (see planStock). */
  unchangedSinceImport: number;
}

export interface StockPlanOptions {
  /** Count every line again, even those whose figure the latest import already counted. */
  recount: boolean;
}

/**
 * The stock lines to count. A line whose figure equals what the latest import counted for that
 * SKU and warehouse is left out unless `recount`: the seller re-imports a sheet to change some
 * figures, and re-counting the untouched lines would undo every sale since the last import.
 */
export function planStock(
  draft: ImportDraft,
  state: ExistingState,
  catalog: CatalogPlan,
  report: Report,
  options: StockPlanOptions = { recount: false },
): StockPlan {
  const newSkus = new Map(catalog.skusToCreate.map((s) => [s.code, s]));
  const newWarehouses = new Set(catalog.warehousesToCreate.map((w) => w.code));
  const valid: StockDraft[] = [];
  for (const line of draft.stock) {
    const existing = state.skus.get(line.sku);
    const drafted = draft.skus.get(line.sku);
    if (existing?.isBundle) {
      report(line, 'onHand', 'STOCK_ON_BUNDLE', { sku: line.sku });
      continue;
    }
    if (!existing && !newSkus.has(line.sku)) {
      // A SKU with details but no name is reported once, on its own row (plan-catalog.ts).
      const reportedThere = drafted !== undefined && Object.keys(drafted.origin).length > 0;
      if (!reportedThere) report(line, 'sku', 'UNKNOWN_SKU', { sku: line.sku });
      continue;
    }
    if (!state.warehouses.has(line.warehouse) && !newWarehouses.has(line.warehouse)) {
      report(line, 'warehouse', 'UNKNOWN_WAREHOUSE', { warehouse: line.warehouse });
      continue;
    }
    const level = state.levels.get(levelKey(line.warehouse, line.sku));
    const backorder = existing?.allowBackorder ?? newSkus.get(line.sku)?.allowBackorder ?? false;
    if (level && line.onHand < level.reserved && !backorder) {
      report(line, 'onHand', 'COUNT_BELOW_RESERVED', {
        reserved: level.reserved,
        value: line.onHand,
      });
      continue;
    }
    valid.push(line);
  }
  const fresh = options.recount
    ? valid
    : valid.filter((l) => state.lastImported.get(levelKey(l.warehouse, l.sku)) !== l.onHand);
  return { ...batchLines(fresh), unchangedSinceImport: valid.length - fresh.length };
}

function batchLines(lines: StockDraft[]): Omit<StockPlan, 'unchangedSinceImport'> {
  const sorted = [...lines].sort(
    (a, b) => compare(a.warehouse, b.warehouse) || compare(a.sku, b.sku),
  );
  const hash = createHash('sha256');
  for (const l of sorted) hash.update(`${l.warehouse}\t${l.sku}\t${l.onHand}\n`);
  const digest = hash.digest('hex').slice(0, 20);
  const batches: StockBatch[] = [];
  let current: StockBatch | null = null;
  let n = 0;
  for (const l of sorted) {
    if (!current || current.warehouse !== l.warehouse || current.lines.length >= STOCK_BATCH_SIZE) {
      n = current?.warehouse === l.warehouse ? n + 1 : 1;
      current = {
        key: `import:${digest}:${l.warehouse}:${n}`,
        warehouse: l.warehouse,
        lines: [],
        alreadyImported: false,
      };
      batches.push(current);
    }
    current.lines.push({ sku: l.sku, counted: l.onHand });
  }
  return { digest, batches, lineCount: sorted.length };
}

/** Code order that is the same on every machine (not locale-dependent). */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Marks batches already imported, and lists the lines whose on hand would change. */
export function resolveStockChanges(
  plan: StockPlan,
  state: ExistingState,
  appliedKeys: ReadonlySet<string>,
): StockChange[] {
  const changes: StockChange[] = [];
  for (const batch of plan.batches) {
    batch.alreadyImported = appliedKeys.has(batch.key);
    if (batch.alreadyImported) continue;
    for (const line of batch.lines) {
      const before = state.levels.get(levelKey(batch.warehouse, line.sku))?.onHand ?? 0;
      if (before !== line.counted)
        changes.push({ sku: line.sku, warehouse: batch.warehouse, before, after: line.counted });
    }
  }
  return changes;
}
