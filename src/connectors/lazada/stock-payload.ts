/**
 * Stock pushes as UpdateSellableQuantity requests (lazada.md §3.7): which listings go in which
 * call (at most 20 SKUs each, §3.6), the XML `payload`, and the per-listing results read from the
 * answer's `detail[]` (SKUs that failed inside an otherwise successful answer).
 *
 * Why sellable and not price_quantity/update: Lazada withholds sellable units for unpaid orders
 * and occupies them for unshipped ones (§3.8). `Quantity` of UpdatePriceQuantity is the total,
 * which must cover those buckets, so buyers could then order total − withheld − occupied: pushing
 * StockPool's "available to sell" there would count the platform's holds twice. `SellableQuantity`
 * is an absolute override of what buyers can order now (§3.7), which is exactly what StockPool
 * computes (its own holds already taken off), so a push never double-counts.
 *
 * XML rather than JSON: JSON payloads are documented for UpdatePriceQuantity only (§8 item 5).
 */
import type { StockPushItem, StockPushResult } from '../contract.ts';
import type { ConnectorError } from '../errors.ts';
import { errorCodeFor } from './envelope.ts';
import type { RawEnvelope, RawStockDetail } from './raw-types.ts';
import { SKUS_PER_STOCK_CALL } from './options.ts';

/** One SKU's figure and the places in the setStock call that asked for it. */
export interface SkuPush {
  indexes: number[];
  item: StockPushItem;
}

/** One UpdateSellableQuantity request. */
export interface StockCall {
  skus: SkuPush[];
}

export interface StockPlan {
  calls: StockCall[];
  /** Listings refused before any call, with their results. */
  refused: Array<{ index: number; result: StockPushResult }>;
}

/**
 * Groups the items into calls of at most 20 SKUs. A SKU given twice is sent once, its last figure
 * winning. A single-warehouse seller has exactly one figure per SKU: more is refused here, since
 * Lazada does not take the warehouse form from such sellers (§3.7).
 */
export function planStockCalls(items: StockPushItem[], multiWarehouse: boolean): StockPlan {
  const bySku = new Map<string, SkuPush>();
  const refused: StockPlan['refused'] = [];
  items.forEach((item, index) => {
    if (!multiWarehouse && item.stock.length !== 1) {
      refused.push({
        index,
        result: failed(item, 'SINGLE_WAREHOUSE', singleWarehouseMessage(item), false),
      });
      return;
    }
    const key = `${item.listing.itemId}/${item.listing.variantId}`;
    const push = bySku.get(key) ?? { indexes: [], item };
    push.indexes.push(index);
    push.item = item;
    bySku.set(key, push);
  });
  const skus = [...bySku.values()];
  const calls: StockCall[] = [];
  for (let start = 0; start < skus.length; start += SKUS_PER_STOCK_CALL)
    calls.push({ skus: skus.slice(start, start + SKUS_PER_STOCK_CALL) });
  return { calls, refused };
}

/**
 * The XML payload (§3.7). Single-warehouse sellers: `<SellableQuantity>` on the SKU; multi-
 * warehouse sellers: one `<MultiWarehouseInventory>` per warehouse code. Negative figures are
 * sent as 0 (Lazada refuses negatives).
 */
export function toSellablePayload(call: StockCall, multiWarehouse: boolean): string {
  const skus = call.skus.map(({ item }) => {
    const ids = `<ItemId>${xml(item.listing.itemId)}</ItemId><SkuId>${xml(item.listing.variantId)}</SkuId>`;
    if (!multiWarehouse) {
      const quantity = Math.max(0, item.stock[0]?.quantity ?? 0);
      return `<Sku>${ids}<SellableQuantity>${quantity}</SellableQuantity></Sku>`;
    }
    const warehouses = item.stock
      .map(
        (entry) =>
          `<MultiWarehouseInventory><WarehouseCode>${xml(entry.warehouseId ?? '')}</WarehouseCode>` +
          `<SellableQuantity>${Math.max(0, entry.quantity)}</SellableQuantity></MultiWarehouseInventory>`,
      )
      .join('');
    return `<Sku>${ids}<MultiWarehouseInventories>${warehouses}</MultiWarehouseInventories></Sku>`;
  });
  return `<?xml version="1.0" encoding="UTF-8" ?><Request><Product><Skus>${skus.join('')}</Skus></Product></Request>`;
}

/**
 * Results of one call, one per SKU of the call, in its order. `detail[]` names the SKUs that
 * failed (by sku_id, else item_id); an entry naming neither concerns the whole call. A failed SKU
 * is retryable only when its code is a throttle or a platform fault; a refused Choice decrease,
 * an unknown SKU or a figure below the campaign lock never succeeds by repeating.
 */
export function toStockResults(call: StockCall, envelope: RawEnvelope): StockPushResult[] {
  const details = envelope.detail ?? [];
  const callWide = details.find((d) => d.sku_id === undefined && d.item_id === undefined);
  const failure = (push: SkuPush): RawStockDetail | undefined =>
    details.find((d) => d.sku_id !== undefined && d.sku_id === push.item.listing.variantId) ??
    details.find((d) => d.sku_id === undefined && d.item_id === push.item.listing.itemId) ??
    callWide;
  return call.skus.map((push) => {
    const detail = failure(push);
    if (!detail) return { listing: push.item.listing, ok: true };
    const code = detail.code ?? envelope.code;
    return failed(push.item, code, detailMessage(detail, envelope), isRetryable(code));
  });
}

/** Every SKU of a call failed with the call's REJECTED error, one result per SKU. */
export function toRejectedResults(call: StockCall, error: ConnectorError): StockPushResult[] {
  return call.skus.map((push) =>
    failed(push.item, error.platformCode ?? 'REJECTED', error.message, false),
  );
}

function failed(
  item: StockPushItem,
  platformCode: string,
  message: string,
  retryable: boolean,
): StockPushResult {
  return { listing: item.listing, ok: false, platformCode, message, retryable };
}

function detailMessage(detail: RawStockDetail, envelope: RawEnvelope): string {
  const what = detail.message || envelope.message || 'stock update failed';
  return detail.field ? `${detail.field}: ${what}` : what;
}

function isRetryable(code: string): boolean {
  const ours = errorCodeFor(code);
  return ours === 'RATE_LIMITED' || ours === 'UNAVAILABLE';
}

function singleWarehouseMessage(item: StockPushItem): string {
  return `a single-warehouse Lazada seller takes one figure per SKU, got ${item.stock.length}`;
}

/** Escapes text for an XML element. */
function xml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
