/**
 * What an export contains, as tables of cells with headers in the user's language. The stock
 * export uses the import format's own headers and sheet names, so an exported file imports back
 * as it is (docs/import-format.md): XLSX has Warehouses / SKUs / Bundles / Stock sheets, CSV is
 * the flat table. Reserved, Available and Status are extra columns that import ignores.
 */
import type { Kysely } from 'kysely';
import { formatMinorAsDecimal } from '../domain/money.ts';
import type { Locale } from '../i18n/locale.ts';
import { ITEM_HEADERS, WAREHOUSE_HEADERS, type ItemField } from '../importer/columns.ts';
import type { DB } from '../store/schema.ts';
import { listWarehouses, type WarehouseKind } from '../store/warehouses-repo.ts';
import { walkSkus, type CatalogRow } from './catalog-query.ts';
import { walkLedger } from './ledger-query.ts';
import { walkStockRows, type StockRow } from './stock-query.ts';

export type Cell = string | number | null;

export interface ExportTable {
  sheet: string;
  headers: string[];
  /** Pages of rows, read from the database as they are written out. */
  pages: () => AsyncIterable<Cell[][]>;
}

type Words = Record<string, { en: string; zh: string }>;
const say = (words: Words, key: string, locale: Locale) =>
  locale === 'zh-CN' ? (words[key]?.zh ?? key) : (words[key]?.en ?? key);

const EXTRA: Words = {
  reserved: { en: 'Reserved', zh: '占用库存' },
  available: { en: 'Available', zh: '可用库存' },
  status: { en: 'Status', zh: '状态' },
  Warehouses: { en: 'Warehouses', zh: '仓库' },
  SKUs: { en: 'SKUs', zh: '商品' },
  Bundles: { en: 'Bundles', zh: '组合商品' },
  Stock: { en: 'Stock', zh: '库存' },
  Ledger: { en: 'Ledger', zh: '库存流水' },
  zero: { en: 'zero', zh: '零库存' },
  low: { en: 'low', zh: '低库存' },
  normal: { en: 'normal', zh: '正常' },
  yes: { en: 'yes', zh: '是' },
  no: { en: 'no', zh: '否' },
  domestic: { en: 'domestic', zh: '国内仓' },
  overseas: { en: 'overseas', zh: '海外仓' },
  platform_fulfilled: { en: 'platform_fulfilled', zh: '平台仓' },
  third_party: { en: 'third_party', zh: '第三方仓' },
};

function itemHeaders(fields: readonly ItemField[], locale: Locale): string[] {
  return fields.map((f) => (locale === 'zh-CN' ? ITEM_HEADERS[f].zh : ITEM_HEADERS[f].en));
}

function skuCells(s: CatalogRow, locale: Locale): Cell[] {
  const cost =
    s.unitCostMinor === null || s.currency === null
      ? null
      : Number(formatMinorAsDecimal(s.unitCostMinor, s.currency));
  return [
    s.code,
    s.name,
    s.barcode,
    cost,
    s.currency,
    s.lowStockThreshold,
    say(EXTRA, s.allowBackorder ? 'yes' : 'no', locale),
    s.components.map((c) => `${c.sku}*${c.quantity}`).join('+') || null,
  ];
}

const SKU_FIELDS: ItemField[] = [
  'sku',
  'name',
  'barcode',
  'cost',
  'currency',
  'lowStockThreshold',
  'allowBackorder',
  'components',
];

function stockCells(r: StockRow, locale: Locale): Cell[] {
  return [r.warehouse, r.onHand, r.reserved, r.available, say(EXTRA, r.status, locale)];
}

function stockHeaders(locale: Locale): string[] {
  const extra = ['reserved', 'available', 'status'].map((k) => say(EXTRA, k, locale));
  return [...itemHeaders(['warehouse', 'onHand'], locale), ...extra];
}

export function stockTables(db: Kysely<DB>, tenantId: string, locale: Locale): ExportTable[] {
  const zh = locale === 'zh-CN';
  return [
    {
      sheet: say(EXTRA, 'Warehouses', locale),
      headers: (['code', 'name', 'kind', 'country'] as const).map((f) =>
        zh ? WAREHOUSE_HEADERS[f].zh : WAREHOUSE_HEADERS[f].en,
      ),
      pages: async function* () {
        const list = await listWarehouses(db, tenantId);
        yield list.map((w) => [
          w.code,
          w.name,
          say(EXTRA, w.kind satisfies WarehouseKind, locale),
          w.country,
        ]);
      },
    },
    {
      sheet: say(EXTRA, 'SKUs', locale),
      headers: itemHeaders(SKU_FIELDS.slice(0, -1), locale),
      pages: async function* () {
        for await (const page of walkSkus(db, tenantId))
          yield page.filter((s) => !s.isBundle).map((s) => skuCells(s, locale).slice(0, -1));
      },
    },
    {
      sheet: say(EXTRA, 'Bundles', locale),
      headers: itemHeaders(SKU_FIELDS, locale),
      pages: async function* () {
        for await (const page of walkSkus(db, tenantId))
          yield page.filter((s) => s.isBundle).map((s) => skuCells(s, locale));
      },
    },
    {
      sheet: say(EXTRA, 'Stock', locale),
      headers: [...itemHeaders(['sku', 'name'], locale), ...stockHeaders(locale)],
      pages: async function* () {
        for await (const page of walkStockRows(db, tenantId))
          yield page.map((r) => [r.sku, r.skuName, ...stockCells(r, locale)]);
      },
    },
  ];
}

/** The flat table: one row per SKU per warehouse; a SKU without stock (or a bundle) gets one row. */
export function flatStockTable(db: Kysely<DB>, tenantId: string, locale: Locale): ExportTable {
  return {
    sheet: say(EXTRA, 'Stock', locale),
    headers: [...itemHeaders(SKU_FIELDS, locale), ...stockHeaders(locale)],
    pages: async function* () {
      const levels = new Map<string, StockRow[]>();
      for await (const page of walkStockRows(db, tenantId))
        for (const r of page) {
          const list = levels.get(r.sku) ?? [];
          list.push(r);
          levels.set(r.sku, list);
        }
      for await (const page of walkSkus(db, tenantId)) {
        yield page.flatMap((s) => {
          const cells = skuCells(s, locale);
          const rows = levels.get(s.code) ?? [];
          if (rows.length === 0) return [[...cells, null, null, null, null, null]];
          return rows.map((r) => [...cells, ...stockCells(r, locale)]);
        });
      }
    },
  };
}

const LEDGER: Words = {
  time: { en: 'Time (UTC)', zh: '时间（UTC）' },
  kind: { en: 'Kind', zh: '类型' },
  sku: { en: 'SKU', zh: '商品编码' },
  warehouse: { en: 'Warehouse', zh: '仓库' },
  onHand: { en: 'On hand change', zh: '实际库存变化' },
  reserved: { en: 'Reserved change', zh: '占用库存变化' },
  counted: { en: 'Counted', zh: '盘点数' },
  refType: { en: 'Reference type', zh: '单据类型' },
  ref: { en: 'Reference', zh: '单据号' },
  holdId: { en: 'Hold', zh: '占用单' },
  hold: { en: 'hold', zh: '占用' },
  actor: { en: 'Actor', zh: '操作人' },
  note: { en: 'Note', zh: '备注' },
  key: { en: 'Idempotency key', zh: '幂等键' },
  receipt: { en: 'receipt', zh: '入库' },
  adjust: { en: 'stock-take', zh: '盘点调整' },
  release: { en: 'release', zh: '释放' },
  ship: { en: 'ship', zh: '发货' },
  return: { en: 'return', zh: '退货入库' },
  transfer_out: { en: 'transfer out', zh: '调拨出库' },
  transfer_in: { en: 'transfer in', zh: '调拨入库' },
};

export function ledgerTable(db: Kysely<DB>, tenantId: string, locale: Locale): ExportTable {
  return {
    sheet: say(EXTRA, 'Ledger', locale),
    headers: [
      'time',
      'kind',
      'sku',
      'warehouse',
      'onHand',
      'reserved',
      'counted',
      'refType',
      'ref',
      'holdId',
      'actor',
      'note',
      'key',
    ].map((k) => say(LEDGER, k, locale)),
    pages: async function* () {
      for await (const page of walkLedger(db, tenantId))
        yield page.map((m) => [
          new Date(m.createdAtMs).toISOString(),
          say(LEDGER, m.kind, locale),
          m.sku,
          m.warehouse,
          m.onHandDelta,
          m.reservedDelta,
          m.counted,
          m.referenceType,
          m.referenceId,
          m.holdId,
          m.actor,
          m.note,
          m.operationKey,
        ]);
    },
  };
}
