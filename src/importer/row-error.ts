/**
 * A problem with one row of an import file: where it is (sheet, row, column as the seller wrote
 * it), the cell's text, and a stable reason code. Messages for each reason are in
 * row-error-messages.ts, in English and Chinese.
 */

export const ROW_ERROR_REASONS = [
  // a sheet's header row
  'MISSING_COLUMN',
  'DUPLICATE_COLUMN',
  // one cell
  'REQUIRED',
  'NOT_WHOLE_NUMBER',
  'TOO_LARGE',
  'TOO_LONG',
  'BAD_CHARACTERS',
  'NOT_BARCODE',
  'NOT_CURRENCY',
  'NOT_MONEY',
  'NOT_YES_NO',
  'NOT_WAREHOUSE_KIND',
  'NOT_COUNTRY',
  'NOT_COMPONENTS',
  'COMPONENT_TWICE',
  // a pair of cells on one row
  'CURRENCY_NEEDED',
  'WAREHOUSE_NEEDED',
  'ON_HAND_NEEDED',
  // across rows of the file
  'CONFLICTS_WITH_ROW',
  'DUPLICATE_STOCK_ROW',
  'DUPLICATE_WAREHOUSE_ROW',
  'BUNDLE_CONTAINS_ITSELF',
  'COMPONENT_IS_BUNDLE',
  'STOCK_ON_BUNDLE',
  // against what the database already holds
  'UNKNOWN_SKU',
  'NEW_SKU_NEEDS_NAME',
  'UNKNOWN_WAREHOUSE',
  'PLAIN_SKU_CANNOT_BECOME_BUNDLE',
  'COUNT_BELOW_RESERVED',
] as const;

export type RowErrorReason = (typeof ROW_ERROR_REASONS)[number];

export interface RowError {
  /** Sheet name; null for a CSV file. */
  sheet: string | null;
  row: number;
  /** The column header as written in the file; null when the whole row is at fault. */
  column: string | null;
  /** The cell's text, when one cell is at fault. */
  value?: string;
  reason: RowErrorReason;
  details?: Record<string, unknown>;
}

/** Identifies a row across sheets, for --skip-bad-rows. */
export function rowKey(sheet: string | null, row: number): string {
  return `${sheet ?? ''}\u0000${row}`;
}

/** Sheet order as in the file, then row, then column: how a seller reads a report. */
export function sortRowErrors(
  errors: readonly RowError[],
  sheetOrder: readonly (string | null)[],
): RowError[] {
  const rank = (s: string | null) => sheetOrder.indexOf(s);
  return [...errors].sort(
    (a, b) =>
      rank(a.sheet) - rank(b.sheet) ||
      a.row - b.row ||
      (a.column ?? '').localeCompare(b.column ?? ''),
  );
}
