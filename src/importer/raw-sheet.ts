/** A file's contents before any meaning is given to them: sheets of text cells. */

export interface RawRow {
  /** The row number the seller sees in Excel (the header is usually row 1). */
  rowNumber: number;
  /** Cell texts, aligned with the sheet's headers; trimmed, '' for an empty cell. */
  cells: string[];
}

export interface RawSheet {
  /** The sheet's name; null for a CSV file, which has one unnamed table. */
  name: string | null;
  headers: string[];
  headerRowNumber: number;
  rows: RawRow[];
}

export interface RawFile {
  path: string;
  format: 'xlsx' | 'csv';
  sheets: RawSheet[];
}

export function isBlankRow(row: RawRow): boolean {
  return row.cells.every((c) => c === '');
}
