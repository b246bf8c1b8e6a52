/** Reads an import file by its extension: .xlsx (every sheet) or .csv (one flat table). */
import { readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { fileProblem, type FileResult } from './import-problem.ts';
import { decodeText, parseCsvText } from './read-csv.ts';
import { MAX_XLSX_BYTES, readXlsxFile } from './read-xlsx.ts';
import type { RawFile } from './raw-sheet.ts';

/** Larger files are refused before reading: a bound on memory. */
export const MAX_FILE_BYTES = 200 * 1024 * 1024;

export async function readImportFile(path: string): Promise<FileResult<RawFile>> {
  const info = await stat(path).catch(() => null);
  if (!info?.isFile()) return fileProblem('FILE_NOT_FOUND', { path });
  if (info.size > MAX_FILE_BYTES)
    return fileProblem('FILE_TOO_LARGE', { path, maxBytes: MAX_FILE_BYTES });
  const ext = extname(path).toLowerCase();
  if (ext === '.csv' || ext === '.txt') {
    const sheet = parseCsvText(path, decodeText(await readFile(path)));
    return sheet.ok ? { ok: true, value: { path, format: 'csv', sheets: [sheet.value] } } : sheet;
  }
  if (ext === '.xlsx' || ext === '.xlsm') {
    if (info.size > MAX_XLSX_BYTES)
      return fileProblem('FILE_TOO_LARGE', { path, maxBytes: MAX_XLSX_BYTES, hint: 'csv' });
    const sheets = await readXlsxFile(path);
    return sheets.ok ? { ok: true, value: { path, format: 'xlsx', sheets: sheets.value } } : sheets;
  }
  return fileProblem('UNSUPPORTED_FILE', { path });
}
