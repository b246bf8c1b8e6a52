/**
 * The columns and sheets a seller's import file may use, in English and in Chinese. Headers are
 * matched loosely (case, spaces, `_ - . /` and a bracketed note such as "Cost (USD)" are
 * ignored), so a seller's own sheet usually works as it is.
 */

/** What a row on an item sheet (SKUs, Bundles, Stock, or one flat sheet) may carry. */
export const ITEM_FIELDS = [
  'sku',
  'name',
  'barcode',
  'cost',
  'currency',
  'lowStockThreshold',
  'allowBackorder',
  'components',
  'warehouse',
  'onHand',
] as const;
export type ItemField = (typeof ITEM_FIELDS)[number];

/** What a row on the Warehouses sheet may carry. */
export const WAREHOUSE_FIELDS = ['code', 'name', 'kind', 'country'] as const;
export type WarehouseField = (typeof WAREHOUSE_FIELDS)[number];

/** The header written in templates and exports, per language. The first alias of each field. */
export const ITEM_HEADERS: Record<ItemField, { en: string; zh: string }> = {
  sku: { en: 'SKU', zh: '商品编码' },
  name: { en: 'Name', zh: '商品名称' },
  barcode: { en: 'Barcode', zh: '条码' },
  cost: { en: 'Cost', zh: '成本价' },
  currency: { en: 'Currency', zh: '币种' },
  lowStockThreshold: { en: 'Low stock threshold', zh: '低库存阈值' },
  allowBackorder: { en: 'Allow back-orders', zh: '允许超卖' },
  components: { en: 'Components', zh: '组合明细' },
  warehouse: { en: 'Warehouse', zh: '仓库' },
  onHand: { en: 'On hand', zh: '库存数量' },
};

export const WAREHOUSE_HEADERS: Record<WarehouseField, { en: string; zh: string }> = {
  code: { en: 'Code', zh: '仓库编码' },
  name: { en: 'Name', zh: '仓库名称' },
  kind: { en: 'Type', zh: '仓库类型' },
  country: { en: 'Country', zh: '国家' },
};

const ITEM_ALIASES: Record<ItemField, string[]> = {
  sku: [
    'sku',
    'skucode',
    'sellersku',
    'code',
    'itemcode',
    '商品编码',
    'sku编码',
    'sku编号',
    '货号',
    '编码',
  ],
  name: ['name', 'productname', 'skuname', 'title', '商品名称', '名称', '品名', '商品名'],
  barcode: ['barcode', 'ean', 'upc', 'gtin', '条码', '条形码', '商品条码'],
  cost: ['cost', 'unitcost', 'costprice', '成本价', '成本', '采购价'],
  currency: ['currency', '币种', '货币'],
  lowStockThreshold: [
    'lowstockthreshold',
    'lowstock',
    'threshold',
    '低库存阈值',
    '库存预警值',
    '预警值',
    '低库存预警',
  ],
  allowBackorder: [
    'allowbackorders',
    'allowbackorder',
    'backorders',
    'backorder',
    '允许超卖',
    '允许负库存',
  ],
  components: [
    'components',
    'bundlecomponents',
    'bundle',
    'kit',
    '组合明细',
    '组合商品明细',
    '组成',
    '子商品',
  ],
  warehouse: ['warehouse', 'warehousecode', 'location', '仓库', '仓库编码', '仓库代码'],
  onHand: [
    'onhand',
    'quantity',
    'qty',
    'stock',
    'counted',
    '库存数量',
    '实际库存',
    '在库',
    '在库数量',
    '库存',
    '数量',
    '盘点数量',
  ],
};

const WAREHOUSE_ALIASES: Record<WarehouseField, string[]> = {
  code: ['code', 'warehouse', 'warehousecode', '仓库编码', '仓库代码', '编码', '仓库'],
  name: ['name', 'warehousename', '仓库名称', '名称'],
  kind: ['type', 'kind', 'warehousetype', '仓库类型', '类型'],
  country: ['country', 'countrycode', 'country/region', '国家', '国家地区', '国家/地区'],
};

export type SheetKind = 'warehouses' | 'skus' | 'bundles' | 'stock' | 'readme';

const SHEET_ALIASES: Record<SheetKind, string[]> = {
  warehouses: ['warehouses', 'warehouse', '仓库', '仓库列表'],
  skus: ['skus', 'sku', 'products', 'items', '商品', '商品列表', 'sku列表'],
  bundles: ['bundles', 'bundle', 'kits', '组合商品', '组合'],
  stock: ['stock', 'inventory', 'openingstock', '库存', '期初库存'],
  readme: ['readme', 'instructions', 'help', '说明', '填写说明', '使用说明'],
};

/** "Cost (USD)" → "cost"; "商品编码（必填）" → "商品编码"; "On_hand" → "onhand". */
export function normalizeHeader(header: string): string {
  return header
    .trim()
    .replace(/[(（[【].*?[)）\]】]\s*$/u, '')
    .toLowerCase()
    .replace(/[\s_\-./*:：]/gu, '');
}

function lookup<F extends string>(aliases: Record<F, string[]>, header: string): F | null {
  const key = normalizeHeader(header);
  if (!key) return null;
  for (const [field, names] of Object.entries(aliases) as [F, string[]][]) {
    if (names.some((n) => normalizeHeader(n) === key)) return field;
  }
  return null;
}

export function itemFieldOf(header: string): ItemField | null {
  return lookup(ITEM_ALIASES, header);
}

export function warehouseFieldOf(header: string): WarehouseField | null {
  return lookup(WAREHOUSE_ALIASES, header);
}

/** What a sheet holds, from its name; null for a name we do not know (read as a flat sheet). */
export function sheetKindOf(name: string): SheetKind | null {
  return lookup(SHEET_ALIASES, name);
}
