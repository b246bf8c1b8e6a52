/**
 * From a read file to a plan: validate every row, put the rows together, compare with the
 * database, and list every problem with its row and column. With `skipBadRows`, rows with
 * problems are dropped and the rest planned again until what remains is clean (dropping a SKU's
 * row can make the stock rows that need it bad too). Reads the database; writes nothing.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import { assembleDraft } from './assemble.ts';
import { findAppliedKeys, loadExistingState } from './existing-state.ts';
import { planCatalog, type CatalogPlan } from './plan-catalog.ts';
import { reporterFor } from './plan-report.ts';
import { planStock, resolveStockChanges, type StockChange, type StockPlan } from './plan-stock.ts';
import type { RawFile } from './raw-sheet.ts';
import { rowKey, sortRowErrors, type RowError } from './row-error.ts';
import { validateFile, type ValidatedFile } from './validate-file.ts';

export interface PlanOptions {
  tenantId: string;
  skipBadRows: boolean;
  /** Warehouse for stock rows that name none. */
  defaultWarehouse?: string;
  /** Count every stock line again, even those unchanged since the latest import. */
  recount?: boolean;
}

export interface ImportPlan {
  path: string;
  validated: Pick<ValidatedFile, 'ignoredSheets' | 'ignoredColumns' | 'dataRows'>;
  /** Every problem found, in file order. */
  errors: RowError[];
  /** Rows left out because of those problems (only with skipBadRows). */
  skippedRows: number;
  catalog: CatalogPlan;
  stock: StockPlan;
  /** Stock lines whose on hand the import would change. */
  changes: StockChange[];
  /** No problem stands in the way: no errors, or every bad row was left out (skipBadRows). */
  canApply: boolean;
}

/** Enough rounds for any chain of dependent rows a real file has (SKU → stock, component → bundle). */
const MAX_SKIP_ROUNDS = 8;

export async function planImport(
  db: Kysely<DB>,
  file: RawFile,
  options: PlanOptions,
): Promise<ImportPlan> {
  const validated = validateFile(file, { defaultWarehouse: options.defaultWarehouse });
  const codes = validated.itemRows.flatMap((r) => [
    r.sku,
    ...(r.components ?? []).map((c) => c.sku),
  ]);
  const state = await loadExistingState(db, options.tenantId, codes);
  const errors = [...validated.errors];
  const excluded = new Set(errors.map((e) => rowKey(e.sheet, e.row)));
  let round: { catalog: CatalogPlan; stock: StockPlan; clean: boolean };
  for (let i = 0; ; i++) {
    const keep = (r: { sheet: string | null; row: number }) =>
      !excluded.has(rowKey(r.sheet, r.row));
    const draft = assembleDraft({
      layouts: validated.layouts,
      warehouseRows: validated.warehouseRows.filter(keep),
      itemRows: validated.itemRows.filter(keep),
    });
    const found = [...draft.errors];
    const report = reporterFor(validated.layouts, found);
    const catalog = planCatalog(draft, state, report);
    const stock = planStock(draft, state, catalog, report, { recount: options.recount ?? false });
    round = { catalog, stock, clean: found.length === 0 };
    errors.push(...found);
    for (const e of found) excluded.add(rowKey(e.sheet, e.row));
    if (!options.skipBadRows || found.length === 0 || i + 1 >= MAX_SKIP_ROUNDS) break;
  }
  const applied = await findAppliedKeys(
    db,
    options.tenantId,
    round.stock.batches.map((b) => b.key),
  );
  return {
    path: file.path,
    validated,
    errors: sortRowErrors(
      errors,
      file.sheets.map((s) => s.name),
    ),
    skippedRows: options.skipBadRows ? excluded.size : 0,
    catalog: round.catalog,
    stock: round.stock,
    changes: resolveStockChanges(round.stock, state, applied),
    canApply: options.skipBadRows ? round.clean : errors.length === 0,
  };
}
