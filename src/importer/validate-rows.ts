/**
 * Row validation: every cell of every row is checked on its own and against the other cells of
 * its row, and becomes a typed record or a list of errors naming row and column. Pure.
 */
import type { ItemField, WarehouseField } from './columns.ts';
import {
  parseBarcode,
  parseCode,
  parseComponents,
  parseCountry,
  parseCurrency,
  parseMoney,
  parseName,
  parseWarehouseKind,
  parseWholeNumber,
  parseYesNo,
  type ComponentSpec,
  type Parsed,
} from './parse-cell.ts';
import { isBlankRow, type RawRow } from './raw-sheet.ts';
import type { RowError, RowErrorReason } from './row-error.ts';
import type { SheetLayout } from './sheet-layout.ts';
import type { WarehouseKind } from '../store/warehouses-repo.ts';

export interface RowRef {
  sheet: string | null;
  row: number;
}

export interface ItemRow extends RowRef {
  sku: string;
  name?: string;
  barcode?: string;
  costMinor?: number;
  currency?: string;
  lowStockThreshold?: number;
  allowBackorder?: boolean;
  components?: ComponentSpec[];
  stock?: { warehouse: string; onHand: number };
}

export interface WarehouseRow extends RowRef {
  code: string;
  name?: string;
  kind?: WarehouseKind;
  country?: string;
}

export interface RowOptions {
  /** The warehouse for stock rows that name none (a seller with one warehouse). */
  defaultWarehouse?: string;
}

type Result<T> = { record: T | null; errors: RowError[] };

/** Reads one row's cells by field and collects errors with the row's position. */
class RowReader<F extends string> {
  readonly errors: RowError[] = [];
  constructor(
    private readonly layout: SheetLayout,
    private readonly raw: RawRow,
  ) {}

  text(field: F): string | undefined {
    const index = this.layout.indexOf[field as ItemField & WarehouseField];
    const cell = index === undefined ? undefined : this.raw.cells[index] || undefined;
    // Our CSV export guards formula-like text with an apostrophe; the value is what follows it.
    return cell !== undefined && /^'[=+\-@]/.test(cell) ? cell.slice(1) : cell;
  }

  column(field: F): string | null {
    return this.layout.headerOf[field as ItemField & WarehouseField] ?? null;
  }

  fail(field: F, reason: RowErrorReason, details?: Record<string, unknown>): void {
    const value = this.text(field);
    this.errors.push({
      sheet: this.layout.sheet,
      row: this.raw.rowNumber,
      column: this.column(field),
      ...(value !== undefined && { value }),
      reason,
      ...(details && { details }),
    });
  }

  /** The parsed value of a non-empty cell; undefined when empty or invalid (then recorded). */
  parse<T>(field: F, parser: (text: string) => Parsed<T>): T | undefined {
    const text = this.text(field);
    if (text === undefined) return undefined;
    const parsed = parser(text);
    if (parsed.ok) return parsed.value;
    this.fail(field, parsed.reason, parsed.details);
    return undefined;
  }
}

export function validateItemRow(
  layout: SheetLayout,
  raw: RawRow,
  options: RowOptions = {},
): Result<ItemRow> {
  if (isBlankRow(raw)) return { record: null, errors: [] };
  const r = new RowReader<ItemField>(layout, raw);
  const sku = r.parse('sku', parseCode);
  if (r.text('sku') === undefined) r.fail('sku', 'REQUIRED');
  const currency = r.parse('currency', parseCurrency);
  const costText = r.text('cost');
  const costMinor = currency ? r.parse('cost', (t) => parseMoney(t, currency)) : undefined;
  if (costText !== undefined && r.text('currency') === undefined) r.fail('cost', 'CURRENCY_NEEDED');
  const record: ItemRow = { sheet: layout.sheet, row: raw.rowNumber, sku: sku ?? '' };
  assign(record, 'name', r.parse('name', parseName));
  assign(record, 'barcode', r.parse('barcode', parseBarcode));
  assign(record, 'costMinor', costMinor);
  assign(record, 'currency', currency);
  assign(record, 'lowStockThreshold', r.parse('lowStockThreshold', parseWholeNumber));
  assign(record, 'allowBackorder', r.parse('allowBackorder', parseYesNo));
  assign(record, 'components', r.parse('components', parseComponents));
  if (layout.role === 'bundles' && r.text('components') === undefined)
    r.fail('components', 'REQUIRED');
  if (sku !== undefined && record.components?.some((c) => c.sku === sku))
    r.fail('components', 'BUNDLE_CONTAINS_ITSELF');
  readStock(r, record, layout, options);
  return { record: r.errors.length === 0 ? record : null, errors: r.errors };
}

function readStock(
  r: RowReader<ItemField>,
  record: ItemRow,
  layout: SheetLayout,
  options: RowOptions,
): void {
  const onHand = r.parse('onHand', parseWholeNumber);
  const warehouseText = r.text('warehouse');
  const warehouse =
    r.parse('warehouse', parseCode) ?? (warehouseText ? undefined : options.defaultWarehouse);
  const hasCount = r.text('onHand') !== undefined;
  if (layout.role === 'stock' && !hasCount) r.fail('onHand', 'REQUIRED');
  if (warehouseText !== undefined && !hasCount && layout.role !== 'stock')
    r.fail('warehouse', 'ON_HAND_NEEDED');
  if (hasCount && warehouseText === undefined && options.defaultWarehouse === undefined)
    r.fail('onHand', 'WAREHOUSE_NEEDED');
  if (hasCount && record.components) r.fail('onHand', 'STOCK_ON_BUNDLE');
  if (onHand !== undefined && warehouse !== undefined) record.stock = { warehouse, onHand };
}

export function validateWarehouseRow(layout: SheetLayout, raw: RawRow): Result<WarehouseRow> {
  if (isBlankRow(raw)) return { record: null, errors: [] };
  const r = new RowReader<WarehouseField>(layout, raw);
  const code = r.parse('code', parseCode);
  if (r.text('code') === undefined) r.fail('code', 'REQUIRED');
  const record: WarehouseRow = { sheet: layout.sheet, row: raw.rowNumber, code: code ?? '' };
  assign(record, 'name', r.parse('name', parseName));
  assign(record, 'kind', r.parse('kind', parseWarehouseKind));
  assign(record, 'country', r.parse('country', parseCountry));
  return { record: r.errors.length === 0 ? record : null, errors: r.errors };
}

/** Sets an optional property only when there is a value (exactOptionalPropertyTypes-friendly). */
function assign<T, K extends keyof T>(target: T, key: K, value: T[K] | undefined): void {
  if (value !== undefined) target[key] = value;
}
