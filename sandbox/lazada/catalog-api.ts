/**
 * GetProducts and UpdateSellableQuantity as Lazada serves them (lazada.md §3.7): paging by
 * offset/limit (≤ 50, offset ≤ 10,000), stock buckets with `options=1`, and sellable figures set
 * as absolute overrides with per-SKU failures in `detail[]`. A Lazada Choice listing takes only
 * increases through the API: a decrease is refused for that SKU.
 */
import type { ApiAnswer } from './answers.ts';
import { refuse } from './answers.ts';
import type { EmulatorContext } from './context.ts';
import { parseSellablePayload, type SellableSku } from './sellable-payload.ts';
import type { ShopRecord, SkuRecord } from './state.ts';

/** Our code for a refused Choice decrease: Lazada's own is not in the sheet [ours]. */
export const CHOICE_DECREASE_CODE = 'ChoiceSkuStockDecrease';

const MAX_LIMIT = 50;
const MAX_OFFSET = 10_000;
/** At most 50 SKUs per request (§3.6). */
const MAX_SKUS = 50;

export function getProducts(shop: ShopRecord, params: URLSearchParams): ApiAnswer {
  const offset = Number(params.get('offset') ?? '0');
  const limit = Number(params.get('limit') ?? '10');
  if (!Number.isInteger(offset) || offset < 0 || offset > MAX_OFFSET)
    return refuse('E005', 'Invalid Request Format: offset must be 0..10000');
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT)
    return refuse('E005', 'Invalid Request Format: limit must be 1..50');
  const withBuckets = params.get('options') === '1';
  const all = [...shop.products.values()];
  const products = all.slice(offset, offset + limit).map((product) => ({
    item_id: Number(product.itemId),
    status: 'Active',
    attributes: { name: product.title },
    skus: [...product.skus.values()].map((sku) => skuJson(sku, withBuckets)),
  }));
  return { ok: true, data: { total_products: all.length, products } };
}

function skuJson(sku: SkuRecord, withBuckets: boolean): Record<string, unknown> {
  const entries = [...sku.stock.entries()];
  const sellable = entries.reduce((sum, [, b]) => sum + b.sellable, 0);
  const total = entries.reduce((sum, [, b]) => sum + b.sellable + b.withhold + b.occupy, 0);
  return {
    SkuId: Number(sku.skuId),
    SellerSku: sku.sellerSku,
    ShopSku: `${sku.itemId}_SGAMZ-${sku.skuId}`,
    Status: 'active',
    quantity: total,
    Available: sellable,
    ...(withBuckets
      ? {
          multiWarehouseInventories: entries.map(([code, b]) => ({
            warehouseCode: code,
            quantity: b.sellable + b.withhold + b.occupy,
            totalQuantity: b.sellable + b.withhold + b.occupy,
            sellableQuantity: b.sellable,
            occupyQuantity: b.occupy,
            withholdQuantity: b.withhold,
          })),
        }
      : {}),
  };
}

/** UpdateSellableQuantity: valid SKUs are set; the others are listed in `detail[]`. */
export function updateSellable(
  context: EmulatorContext,
  shop: ShopRecord,
  params: URLSearchParams,
): ApiAnswer {
  const payload = params.get('payload');
  if (!payload)
    return refuse(
      'MissingParameter',
      'The input parameter "payload" that is mandatory for processing this request is not supplied.',
    );
  const skus = parseSellablePayload(payload);
  if (skus === null) return refuse('E005', 'Invalid Request Format');
  if (skus.length === 0) return refuse('E030', 'Empty Request');
  if (skus.length > MAX_SKUS) return refuse('E204', 'Too many SKUs in one request (at most 50)');
  const detail: unknown[] = [];
  let updated = 0;
  for (const sku of skus) {
    const problem = applySku(shop, sku);
    if (problem === null) updated += 1;
    else detail.push({ ...named(sku), ...problem });
  }
  context.stats.stockWrites += updated;
  if (updated === 0) return { ok: false, code: 'E501', message: 'Update product failed', detail };
  return { ok: true, data: {}, detail };
}

type Problem = { field: string; code: string; message: string };

/** Sets one SKU's sellable figure(s), or says why not (nothing is set then). */
function applySku(shop: ShopRecord, input: SellableSku): Problem | null {
  const record = findSku(shop, input);
  if (!record) return { field: 'SkuId', code: 'E501', message: 'SKU not found for this seller' };
  const singleWarehouse = shop.seed.warehouseIds.length === 1;
  if (input.warehouses !== null && singleWarehouse)
    return {
      field: 'MultiWarehouseInventories',
      code: 'E501',
      message: 'single-warehouse sellers must not use MultiWarehouseInventories',
    };
  const figures = input.warehouses ?? [
    { code: shop.seed.warehouseIds[0] as string, sellable: input.sellable ?? Number.NaN },
  ];
  for (const figure of figures) {
    if (!record.stock.has(figure.code))
      return { field: 'WarehouseCode', code: 'E501', message: `unknown warehouse ${figure.code}` };
    if (!Number.isInteger(figure.sellable) || figure.sellable < 0)
      return {
        field: 'SellableQuantity',
        code: 'E501',
        message: 'SellableQuantity must be a whole number, at least 0',
      };
  }
  const product = shop.products.get(record.itemId);
  const lowered = figures.some(
    (figure) => figure.sellable < (record.stock.get(figure.code)?.sellable ?? 0),
  );
  if (product?.choice && lowered)
    return {
      field: 'SellableQuantity',
      code: CHOICE_DECREASE_CODE,
      message: 'Lazada Choice SKUs accept stock increases only',
    };
  for (const figure of figures) {
    const buckets = record.stock.get(figure.code);
    if (buckets) buckets.sellable = figure.sellable;
  }
  return null;
}

/** By SkuId (with its ItemId when given), else by SellerSku. */
function findSku(shop: ShopRecord, input: SellableSku): SkuRecord | undefined {
  for (const product of shop.products.values()) {
    if (input.itemId !== null && product.itemId !== input.itemId) continue;
    for (const sku of product.skus.values()) {
      if (input.skuId !== null ? sku.skuId === input.skuId : sku.sellerSku === input.sellerSku)
        return sku;
    }
  }
  return undefined;
}

/** The ids the caller named the SKU by (those it left out are left out here too). */
function named(sku: SellableSku): Record<string, string> {
  return Object.fromEntries(
    Object.entries({ item_id: sku.itemId, sku_id: sku.skuId, seller_sku: sku.sellerSku }).filter(
      (entry): entry is [string, string] => entry[1] !== null,
    ),
  );
}
