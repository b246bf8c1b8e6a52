/**
 * Row errors in the seller's language: `row 14, column "On hand": "-3" is not a whole number ≥ 0`
 * / `第 14 行，“库存数量”列：“-3” 不是大于等于 0 的整数`. Every reason has both.
 */
import type { Locale } from '../i18n/locale.ts';
import type { RowError, RowErrorReason } from './row-error.ts';

type Facts = {
  v: string;
  d: Record<string, unknown>;
  where: (sheet: unknown, row: unknown) => string;
};
type Template = (f: Facts) => string;

const s = (x: unknown): string =>
  typeof x === 'string' ? x : typeof x === 'number' ? String(x) : JSON.stringify(x ?? '?');

const MESSAGES: Record<RowErrorReason, Record<Locale, Template>> = {
  MISSING_COLUMN: {
    en: ({ d }) => `the sheet has no "${s(d.column)}" column`,
    'zh-CN': ({ d }) => `缺少“${s(d.column)}”列`,
  },
  DUPLICATE_COLUMN: {
    en: ({ d }) => `this column means the same as column "${s(d.first)}"`,
    'zh-CN': ({ d }) => `该列与“${s(d.first)}”列含义相同，重复了`,
  },
  REQUIRED: { en: () => 'must not be empty', 'zh-CN': () => '不能为空' },
  NOT_WHOLE_NUMBER: {
    en: ({ v }) => `"${v}" is not a whole number ≥ 0`,
    'zh-CN': ({ v }) => `“${v}”不是大于等于 0 的整数`,
  },
  TOO_LARGE: {
    en: ({ v, d }) => `"${v}" is larger than ${s(d.max)}`,
    'zh-CN': ({ v, d }) => `“${v}”超过上限 ${s(d.max)}`,
  },
  TOO_LONG: {
    en: ({ d }) => `is longer than ${s(d.max)} characters`,
    'zh-CN': ({ d }) => `超过 ${s(d.max)} 个字符`,
  },
  BAD_CHARACTERS: {
    en: () => 'contains control characters',
    'zh-CN': () => '包含不可见的控制字符',
  },
  NOT_BARCODE: {
    en: ({ v }) => `"${v}" is not a barcode (letters, digits and -, at most 64)`,
    'zh-CN': ({ v }) => `“${v}”不是有效条码（字母、数字和 -，最多 64 位）`,
  },
  NOT_CURRENCY: {
    en: ({ v }) => `"${v}" is not a 3-letter currency code such as USD or CNY`,
    'zh-CN': ({ v }) => `“${v}”不是三位币种代码，如 USD、CNY`,
  },
  NOT_MONEY: {
    en: ({ v, d }) => `"${v}" is not an amount ≥ 0 with at most ${s(d.digits)} decimals`,
    'zh-CN': ({ v, d }) => `“${v}”不是有效金额（不小于 0，最多 ${s(d.digits)} 位小数）`,
  },
  NOT_YES_NO: {
    en: ({ v }) => `"${v}" is not yes or no`,
    'zh-CN': ({ v }) => `“${v}”应为“是”或“否”`,
  },
  NOT_WAREHOUSE_KIND: {
    en: ({ v }) =>
      `"${v}" is not a warehouse type (domestic, overseas, platform_fulfilled, third_party)`,
    'zh-CN': ({ v }) => `“${v}”不是仓库类型（国内仓、海外仓、平台仓、第三方仓）`,
  },
  NOT_COUNTRY: {
    en: ({ v }) => `"${v}" is not a 2-letter country code such as US or CN`,
    'zh-CN': ({ v }) => `“${v}”不是两位国家代码，如 US、CN`,
  },
  NOT_COMPONENTS: {
    en: ({ v }) => `"${v}" is not a component list like A*2+B*1`,
    'zh-CN': ({ v }) => `“${v}”不符合组合明细格式，如 A*2+B*1`,
  },
  COMPONENT_TWICE: {
    en: ({ d }) => `lists ${s(d.component)} twice`,
    'zh-CN': ({ d }) => `${s(d.component)} 出现了两次`,
  },
  CURRENCY_NEEDED: {
    en: () => 'a cost needs a Currency on the same row',
    'zh-CN': () => '填写成本价时，需在同一行填写币种',
  },
  WAREHOUSE_NEEDED: {
    en: () => 'a stock figure needs a Warehouse (add the column, or use --warehouse)',
    'zh-CN': () => '填写库存数量时需指定仓库（添加“仓库”列，或使用 --warehouse）',
  },
  ON_HAND_NEEDED: {
    en: () => 'a warehouse is given but On hand is empty',
    'zh-CN': () => '填写了仓库，但库存数量为空',
  },
  CONFLICTS_WITH_ROW: {
    en: ({ v, d, where }) =>
      `"${v}" differs from ${where(d.firstSheet, d.firstRow)} ("${s(d.firstValue)}")`,
    'zh-CN': ({ v, d, where }) =>
      `“${v}”与${where(d.firstSheet, d.firstRow)}（“${s(d.firstValue)}”）不一致`,
  },
  DUPLICATE_STOCK_ROW: {
    en: ({ d, where }) =>
      `${s(d.sku)} in warehouse ${s(d.warehouse)} is already counted in ${where(d.firstSheet, d.firstRow)}`,
    'zh-CN': ({ d, where }) =>
      `仓库 ${s(d.warehouse)} 的 ${s(d.sku)} 已在${where(d.firstSheet, d.firstRow)}填写过库存`,
  },
  DUPLICATE_WAREHOUSE_ROW: {
    en: ({ d, where }) =>
      `warehouse ${s(d.warehouse)} is already listed in ${where(d.firstSheet, d.firstRow)}`,
    'zh-CN': ({ d, where }) => `仓库 ${s(d.warehouse)} 已在${where(d.firstSheet, d.firstRow)}列出`,
  },
  BUNDLE_CONTAINS_ITSELF: {
    en: () => 'a bundle cannot contain itself',
    'zh-CN': () => '组合商品不能包含自身',
  },
  COMPONENT_IS_BUNDLE: {
    en: ({ d }) => `${s(d.component)} is a bundle; a bundle's components must be single SKUs`,
    'zh-CN': ({ d }) => `${s(d.component)} 是组合商品，组合明细只能包含单品 SKU`,
  },
  STOCK_ON_BUNDLE: {
    en: ({ d }) =>
      `${s(d.sku ?? 'this SKU')} is a bundle: its stock comes from its components, so it has no On hand of its own`,
    'zh-CN': ({ d }) =>
      `${s(d.sku ?? '该商品')} 是组合商品，库存来自其组成 SKU，不能单独填写库存数量`,
  },
  UNKNOWN_SKU: {
    en: ({ d }) =>
      `SKU ${s(d.sku)} is not in StockPool and this file does not define it (with a Name)`,
    'zh-CN': ({ d }) => `SKU ${s(d.sku)} 不在系统中，文件中也没有定义（需填写商品名称）`,
  },
  NEW_SKU_NEEDS_NAME: {
    en: ({ d }) => `${s(d.sku)} is a new SKU and needs a Name`,
    'zh-CN': ({ d }) => `${s(d.sku)} 是新商品，需要填写商品名称`,
  },
  UNKNOWN_WAREHOUSE: {
    en: ({ d }) =>
      `warehouse ${s(d.warehouse)} is neither on the Warehouses sheet nor in StockPool`,
    'zh-CN': ({ d }) => `仓库 ${s(d.warehouse)} 既不在“仓库”工作表中，也不在系统中`,
  },
  PLAIN_SKU_CANNOT_BECOME_BUNDLE: {
    en: ({ d }) => `${s(d.sku)} already exists as a single SKU; give the bundle a new SKU code`,
    'zh-CN': ({ d }) => `${s(d.sku)} 已是单品 SKU，组合商品请使用新的商品编码`,
  },
  COUNT_BELOW_RESERVED: {
    en: ({ v, d }) =>
      `"${v}" is below the ${s(d.reserved)} units held by open orders; release those orders first`,
    'zh-CN': ({ v, d }) => `“${v}”少于未完成订单占用的 ${s(d.reserved)} 件，请先释放这些订单`,
  },
};

/** "row 14" or `sheet "Stock", row 14`; "第 14 行" or "工作表“库存”第 14 行". */
export function describePlace(sheet: string | null, row: number, locale: Locale): string {
  if (locale === 'zh-CN') return `${sheet ? `工作表“${sheet}”` : ''}第 ${row} 行`;
  return `${sheet ? `sheet "${sheet}", ` : ''}row ${row}`;
}

export function describeRowError(error: RowError, locale: Locale): string {
  const place = describePlace(error.sheet, error.row, locale);
  const where = (sheet: unknown, row: unknown) =>
    sheet === error.sheet || sheet === undefined
      ? describePlace(null, Number(row), locale)
      : describePlace((sheet as string | null) ?? null, Number(row), locale);
  const reason = MESSAGES[error.reason][locale]({
    v: error.value ?? '',
    d: error.details ?? {},
    where,
  });
  if (locale === 'zh-CN')
    return `${place}${error.column ? `，“${error.column}”列` : ''}：${reason}`;
  return `${place}${error.column ? `, column "${error.column}"` : ''}: ${reason}`;
}
