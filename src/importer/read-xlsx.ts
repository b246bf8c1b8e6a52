/** Reads every sheet of an XLSX workbook as text cells, as the seller sees them in Excel. */
import ExcelJS from 'exceljs';
import { MAX_ROWS_PER_FILE, fileProblem, type FileResult } from './import-problem.ts';
import type { RawRow, RawSheet } from './raw-sheet.ts';

/** The text a seller sees in a cell, whatever ExcelJS made of it. */
export function cellText(value: ExcelJS.CellValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.trim();
  // 15 significant digits is what Excel itself shows: 0.1+0.2 reads as 0.3, as the seller saw it.
  if (typeof value === 'number') return String(Number(value.toPrecision(15)));
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('richText' in value)
    return value.richText
      .map((r) => r.text)
      .join('')
      .trim();
  if ('formula' in value || 'sharedFormula' in value)
    return cellText((value as ExcelJS.CellFormulaValue).result);
  if ('text' in value) return cellText(value.text);
  if ('error' in value) return String(value.error);
  return '';
}

function toCells(values: ExcelJS.CellValue[] | { [key: string]: ExcelJS.CellValue }): string[] {
  // ExcelJS row values are 1-based and sparse: index 0 is always empty.
  const list = Array.isArray(values) ? values : [];
  const cells: string[] = [];
  for (let i = 1; i < list.length; i++) cells.push(cellText(list[i]));
  return cells;
}

function toRawSheet(worksheet: ExcelJS.Worksheet, budget: { rows: number }): RawSheet | null {
  let header: { cells: string[]; rowNumber: number } | null = null;
  const rows: RawRow[] = [];
  let overBudget = false;
  worksheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (overBudget) return;
    const cells = toCells(row.values);
    if (!header) {
      if (cells.some((c) => c !== '')) header = { cells, rowNumber };
      return;
    }
    if (--budget.rows < 0) overBudget = true;
    else rows.push({ rowNumber, cells });
  });
  if (overBudget) return null;
  const found = header as { cells: string[]; rowNumber: number } | null;
  if (!found) return { name: worksheet.name, headers: [], headerRowNumber: 1, rows: [] };
  return { name: worksheet.name, headers: found.cells, headerRowNumber: found.rowNumber, rows };
}

/**
 * XLSX is read whole (ExcelJS's streaming reader loses zip entries at random: sheet names, even
 * sheets), which costs about 6 KB of memory per row; larger workbooks are refused with a hint to
 * save them as CSV, which is read lean.
 */
export const MAX_XLSX_BYTES = 8 * 1024 * 1024;

export async function readXlsxFile(path: string): Promise<FileResult<RawSheet[]>> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.readFile(path);
  } catch (error) {
    return fileProblem('FILE_UNREADABLE', { path, reason: (error as Error).message });
  }
  const sheets: RawSheet[] = [];
  const budget = { rows: MAX_ROWS_PER_FILE };
  for (const worksheet of workbook.worksheets) {
    const sheet = toRawSheet(worksheet, budget);
    if (!sheet) return fileProblem('FILE_TOO_LARGE', { path, maxRows: MAX_ROWS_PER_FILE });
    sheets.push(sheet);
  }
  if (sheets.every((s) => s.headers.length === 0)) return fileProblem('FILE_EMPTY', { path });
  return { ok: true, value: sheets.filter((s) => s.headers.length > 0) };
}
