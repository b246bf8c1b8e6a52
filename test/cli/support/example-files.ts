/**
 * Writes import files for tests and for examples/ (the sample and the empty template, in English
 * and Chinese, as .xlsx and .csv). Run `node --import tsx test/cli/support/example-files.ts` to
 * regenerate examples/ after changing the format.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { csvField } from '../../../src/exporter/write-table.ts';
import { ITEM_HEADERS, WAREHOUSE_HEADERS } from '../../../src/importer/columns.ts';

export type Lang = 'en' | 'zh';
export type Cell = string | number | null;

export interface Table {
  sheet: string;
  headers: string[];
  rows: Cell[][];
}

const h = (lang: Lang, ...fields: (keyof typeof ITEM_HEADERS)[]) =>
  fields.map((f) => ITEM_HEADERS[f][lang]);
const wh = (lang: Lang) =>
  (['code', 'name', 'kind', 'country'] as const).map((f) => WAREHOUSE_HEADERS[f][lang]);

export const SAMPLE = {
  warehouses: [
    ['GZ', 'Guangzhou warehouse 广州仓', 'domestic', 'CN'],
    ['US-W', 'US West overseas warehouse 美西海外仓', 'overseas', 'US'],
  ],
  skus: [
    ['PC-IP15-BLK', 'iPhone 15 case, black 手机壳 黑色', '6901234567892', 1.8, 'USD', 30, 'no'],
    [
      'SP-IP15-2PK',
      'iPhone 15 screen protector, 2-pack 钢化膜两片装',
      null,
      0.9,
      'USD',
      null,
      'no',
    ],
    ['CB-USBC-1M', 'USB-C cable 1 m 数据线', null, 1.1, 'USD', null, 'no'],
    ['CH-GAN-65W', '65 W GaN charger 氮化镓充电器', null, 9.2, 'USD', 20, 'no'],
    ['YG-MAT-6MM', 'Yoga mat 6 mm 瑜伽垫', null, 62, 'CNY', null, 'yes'],
  ] as Cell[][],
  bundles: [
    ['KIT-IP15', 'iPhone 15 starter kit 新机套装', 'PC-IP15-BLK*1+SP-IP15-2PK*1+CB-USBC-1M*1'],
  ],
  stock: [
    ['PC-IP15-BLK', 'GZ', 420],
    ['PC-IP15-BLK', 'US-W', 85],
    ['SP-IP15-2PK', 'GZ', 600],
    ['CB-USBC-1M', 'GZ', 12],
    ['CH-GAN-65W', 'US-W', 8],
    ['YG-MAT-6MM', 'GZ', 0],
  ] as Cell[][],
};

const SHEETS = {
  en: {
    Warehouses: 'Warehouses',
    SKUs: 'SKUs',
    Bundles: 'Bundles',
    Stock: 'Stock',
    ReadMe: 'Read me',
  },
  zh: { Warehouses: '仓库', SKUs: '商品', Bundles: '组合商品', Stock: '库存', ReadMe: '说明' },
};

const README = {
  en: 'Fill in the sheets Warehouses, SKUs, Bundles and Stock (any may be left empty), then run: npx stockpool import <this file> --dry-run. The format is described in docs/import-format.md.',
  zh: '请填写“仓库”“商品”“组合商品”“库存”工作表（不用的可以留空），然后运行：npx stockpool import <本文件> --dry-run。格式说明见 docs/import-format.zh-CN.md。',
};

/** The multi-sheet workbook; `empty` gives the template (headers only). */
export function workbookTables(lang: Lang, empty = false): Table[] {
  const s = SHEETS[lang];
  const pick = (rows: Cell[][]) => (empty ? [] : rows);
  return [
    { sheet: s.Warehouses, headers: wh(lang), rows: pick(SAMPLE.warehouses) },
    {
      sheet: s.SKUs,
      headers: h(
        lang,
        'sku',
        'name',
        'barcode',
        'cost',
        'currency',
        'lowStockThreshold',
        'allowBackorder',
      ),
      rows: pick(SAMPLE.skus),
    },
    { sheet: s.Bundles, headers: h(lang, 'sku', 'name', 'components'), rows: pick(SAMPLE.bundles) },
    { sheet: s.Stock, headers: h(lang, 'sku', 'warehouse', 'onHand'), rows: pick(SAMPLE.stock) },
    { sheet: s.ReadMe, headers: [README[lang]], rows: [] },
  ];
}

/** The same content as one flat table, as a seller's own sheet or a CSV would have it. */
export function flatTable(lang: Lang, empty = false): Table {
  const headers = h(
    lang,
    'sku',
    'name',
    'barcode',
    'cost',
    'currency',
    'lowStockThreshold',
    'components',
    'warehouse',
    'onHand',
  );
  if (empty) return { sheet: 'Sheet1', headers, rows: [] };
  const rows: Cell[][] = [];
  for (const [sku, name, barcode, cost, currency, threshold] of SAMPLE.skus) {
    const counts = SAMPLE.stock.filter((r) => r[0] === sku);
    const details: Cell[] = [sku, name, barcode, cost, currency, threshold, null].map(
      (c) => c ?? null,
    );
    if (counts.length === 0) rows.push([...details, null, null]);
    counts.forEach((c, i) =>
      rows.push([
        ...(i === 0 ? details : [sku ?? null, null, null, null, null, null, null]),
        c[1] ?? null,
        c[2] ?? null,
      ]),
    );
  }
  for (const [sku, name, components] of SAMPLE.bundles)
    rows.push([sku ?? null, name ?? null, null, null, null, null, components ?? null, null, null]);
  return { sheet: 'Sheet1', headers, rows };
}

export async function writeXlsx(path: string, tables: readonly Table[]): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  for (const t of tables) {
    const sheet = workbook.addWorksheet(t.sheet);
    sheet.addRow(t.headers).font = { bold: true };
    for (const row of t.rows) sheet.addRow(row);
    sheet.columns.forEach((c) => (c.width = 18));
  }
  await workbook.xlsx.writeFile(path);
}

export function writeCsv(path: string, table: Table, options: { bom?: boolean } = {}): void {
  const lines = [table.headers, ...table.rows].map((r) => r.map((c) => csvField(c)).join(','));
  writeFileSync(path, `${options.bom === false ? '' : '\uFEFF'}${lines.join('\r\n')}\r\n`);
}

export async function writeExampleFiles(dir: string): Promise<void> {
  mkdirSync(dir, { recursive: true });
  for (const lang of ['en', 'zh'] as const) {
    const suffix = lang === 'en' ? '' : '.zh-CN';
    await writeXlsx(join(dir, `sample-import${suffix}.xlsx`), workbookTables(lang));
    await writeXlsx(join(dir, `import-template${suffix}.xlsx`), workbookTables(lang, true));
    writeCsv(join(dir, `sample-import${suffix}.csv`), flatTable(lang));
    writeCsv(join(dir, `import-template${suffix}.csv`), flatTable(lang, true));
  }
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  await writeExampleFiles(join(import.meta.dirname, '..', '..', '..', 'examples'));
}
