/**
 * Validates every row of every sheet of a file: the header of each sheet, then each row on its
 * own. Returns the valid records, every error, and what was ignored (sheets, columns). Pure.
 */
import type { RawFile } from './raw-sheet.ts';
import type { RowError } from './row-error.ts';
import { layoutOf, type SheetLayout } from './sheet-layout.ts';
import {
  validateItemRow,
  validateWarehouseRow,
  type ItemRow,
  type RowOptions,
  type WarehouseRow,
} from './validate-rows.ts';

export interface ValidatedFile {
  layouts: Map<string | null, SheetLayout>;
  warehouseRows: WarehouseRow[];
  itemRows: ItemRow[];
  errors: RowError[];
  ignoredSheets: string[];
  /** Sheet (null for CSV) → headers we did not recognise. */
  ignoredColumns: { sheet: string | null; headers: string[] }[];
  /** Rows that hold data (blank rows not counted). */
  dataRows: number;
}

export function validateFile(file: RawFile, options: RowOptions = {}): ValidatedFile {
  const result: ValidatedFile = {
    layouts: new Map(),
    warehouseRows: [],
    itemRows: [],
    errors: [],
    ignoredSheets: [],
    ignoredColumns: [],
    dataRows: 0,
  };
  for (const sheet of file.sheets) {
    const layout = layoutOf(sheet);
    if (layout.role === 'ignored') {
      result.ignoredSheets.push(sheet.name ?? '');
      continue;
    }
    result.layouts.set(sheet.name, layout);
    result.errors.push(...layout.errors);
    if (layout.unknownHeaders.length > 0)
      result.ignoredColumns.push({ sheet: sheet.name, headers: layout.unknownHeaders });
    // A sheet whose header is wrong cannot be read row by row: its header error stands for it.
    if (layout.errors.length > 0) continue;
    for (const raw of sheet.rows) {
      const checked =
        layout.role === 'warehouses'
          ? validateWarehouseRow(layout, raw)
          : validateItemRow(layout, raw, options);
      if (checked.record === null && checked.errors.length === 0) continue;
      result.dataRows++;
      result.errors.push(...checked.errors);
      if (!checked.record) continue;
      if (layout.role === 'warehouses') result.warehouseRows.push(checked.record as WarehouseRow);
      else result.itemRows.push(checked.record as ItemRow);
    }
  }
  return result;
}
