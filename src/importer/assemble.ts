/**
 * Puts valid rows together into what the file says: warehouses, SKUs (a SKU may appear on many
 * rows, one per warehouse, and its details must agree), bundles and stock counts. Reports what
 * only shows across rows: a detail that differs from an earlier row, a count given twice, a
 * bundle inside a bundle, stock on a bundle. Pure.
 */
import type { ItemField } from './columns.ts';
import type { ComponentSpec } from './parse-cell.ts';
import { reporterFor, type Report } from './plan-report.ts';
import type { RowError } from './row-error.ts';
import type { SheetLayout } from './sheet-layout.ts';
import type { ItemRow, RowRef, WarehouseRow } from './validate-rows.ts';

const SKU_DETAILS = [
  'name',
  'barcode',
  'costMinor',
  'currency',
  'lowStockThreshold',
  'allowBackorder',
  'components',
] as const;
type SkuDetail = (typeof SKU_DETAILS)[number];

const COLUMN_OF: Record<SkuDetail, ItemField> = {
  name: 'name',
  barcode: 'barcode',
  costMinor: 'cost',
  currency: 'currency',
  lowStockThreshold: 'lowStockThreshold',
  allowBackorder: 'allowBackorder',
  components: 'components',
};

export interface SkuDraft {
  code: string;
  /** The first row naming this SKU. */
  firstSeen: RowRef;
  details: Partial<Pick<ItemRow, SkuDetail>>;
  /** Where each detail was first given. */
  origin: Partial<Record<SkuDetail, RowRef>>;
}

export interface StockDraft extends RowRef {
  sku: string;
  warehouse: string;
  onHand: number;
}

export interface ImportDraft {
  warehouses: Map<string, WarehouseRow>;
  /** With a Warehouses sheet, stock may only name warehouses it (or the database) knows. */
  hasWarehouseSheet: boolean;
  skus: Map<string, SkuDraft>;
  stock: StockDraft[];
  errors: RowError[];
}

export interface AssembleInput {
  layouts: ReadonlyMap<string | null, SheetLayout>;
  warehouseRows: readonly WarehouseRow[];
  itemRows: readonly ItemRow[];
}

export function assembleDraft(input: AssembleInput): ImportDraft {
  const draft: ImportDraft = {
    warehouses: new Map(),
    hasWarehouseSheet: [...input.layouts.values()].some((l) => l.role === 'warehouses'),
    skus: new Map(),
    stock: [],
    errors: [],
  };
  const report = reporterFor(input.layouts, draft.errors);

  for (const w of input.warehouseRows) {
    const first = draft.warehouses.get(w.code);
    if (first)
      report(w, 'code', 'DUPLICATE_WAREHOUSE_ROW', { ...firstAt(first), warehouse: w.code });
    else draft.warehouses.set(w.code, w);
  }
  const stockAt = new Map<string, StockDraft>();
  for (const row of input.itemRows) {
    const conflicts = mergeSku(draft.skus, row);
    for (const c of conflicts) report(row, COLUMN_OF[c.detail], 'CONFLICTS_WITH_ROW', c.details);
    if (!row.stock) continue;
    const key = `${row.stock.warehouse}\u0000${row.sku}`;
    const first = stockAt.get(key);
    if (first) {
      report(row, 'onHand', 'DUPLICATE_STOCK_ROW', {
        ...firstAt(first),
        sku: row.sku,
        warehouse: row.stock.warehouse,
      });
      continue;
    }
    const line = { sheet: row.sheet, row: row.row, sku: row.sku, ...row.stock };
    stockAt.set(key, line);
    draft.stock.push(line);
  }
  checkBundles(draft, report);
  return draft;
}

function firstAt(at: RowRef): Record<string, unknown> {
  return { firstRow: at.row, firstSheet: at.sheet };
}

function mergeSku(
  skus: Map<string, SkuDraft>,
  row: ItemRow,
): { detail: SkuDetail; details: Record<string, unknown> }[] {
  let sku = skus.get(row.sku);
  if (!sku) {
    sku = { code: row.sku, firstSeen: { sheet: row.sheet, row: row.row }, details: {}, origin: {} };
    skus.set(row.sku, sku);
  }
  const conflicts: { detail: SkuDetail; details: Record<string, unknown> }[] = [];
  for (const detail of SKU_DETAILS) {
    const value = row[detail];
    if (value === undefined) continue;
    const origin = sku.origin[detail];
    if (!origin) {
      (sku.details as Record<string, unknown>)[detail] = value;
      sku.origin[detail] = { sheet: row.sheet, row: row.row };
    } else if (show(sku.details[detail]) !== show(value)) {
      conflicts.push({
        detail,
        details: { ...firstAt(origin), firstValue: show(sku.details[detail]), value: show(value) },
      });
    }
  }
  return conflicts;
}

/** How a detail reads in a message and compares across rows. */
function show(value: unknown): string {
  if (Array.isArray(value))
    return (value as ComponentSpec[]).map((c) => `${c.sku}*${c.quantity}`).join('+');
  return String(value);
}

function checkBundles(draft: ImportDraft, report: Report): void {
  const isBundle = (code: string) => draft.skus.get(code)?.details.components !== undefined;
  for (const sku of draft.skus.values()) {
    const at = sku.origin.components;
    const inner = sku.details.components?.find((c) => isBundle(c.sku));
    if (at && inner) report(at, 'components', 'COMPONENT_IS_BUNDLE', { component: inner.sku });
  }
  for (const line of draft.stock) {
    if (isBundle(line.sku)) report(line, 'onHand', 'STOCK_ON_BUNDLE', { sku: line.sku });
  }
}
