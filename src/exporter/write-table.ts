/**
 * Writes export tables: CSV (one table; UTF-8 with a BOM so Excel shows Chinese correctly) or
 * XLSX (one sheet per table, streamed, so a large ledger never sits in memory whole).
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Cell, ExportTable } from './export-tables.ts';

/**
 * A CSV field. Text that a spreadsheet would run as a formula (=, +, -, @ not starting a number)
 * gets a leading apostrophe; the importer removes it again.
 */
export function csvField(cell: Cell): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return String(cell);
  const safe = /^[=+\-@\t\r]/.test(cell) && !/^[+-]?\d/.test(cell) ? `'${cell}` : cell;
  return /[",\r\n]|^\s|\s$/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

async function write(out: Writable, chunk: string): Promise<void> {
  if (!out.write(chunk)) await once(out, 'drain');
}

/** Writes the table; returns the number of data rows. */
export async function writeCsv(table: ExportTable, out: Writable): Promise<number> {
  let rows = 0;
  await write(out, `\uFEFF${table.headers.map(csvField).join(',')}\r\n`);
  for await (const page of table.pages()) {
    rows += page.length;
    if (page.length > 0)
      await write(out, page.map((r) => `${r.map(csvField).join(',')}\r\n`).join(''));
  }
  return rows;
}

export async function writeCsvFile(table: ExportTable, path: string): Promise<number> {
  const out = createWriteStream(path);
  const rows = await writeCsv(table, out);
  out.end();
  await once(out, 'finish');
  return rows;
}

export async function writeXlsxFile(tables: readonly ExportTable[], path: string): Promise<number> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: path,
    useStyles: true,
    useSharedStrings: false,
  });
  let rows = 0;
  for (const table of tables) {
    const sheet = workbook.addWorksheet(table.sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = table.headers.map((header) => ({
      header,
      width: Math.max(12, header.length + 4),
    }));
    sheet.getRow(1).font = { bold: true };
    sheet.getRow(1).commit();
    for await (const page of table.pages()) {
      for (const cells of page) sheet.addRow(cells).commit();
      rows += page.length;
    }
    sheet.commit();
  }
  await workbook.commit();
  return rows;
}
