/**
 * Planning a stock push from what Shopify shows now (pure): each listing's figures become
 * `available` quantities per location with the quantity read as `changeFromQuantity` (§5.3), so
 * a buyer order that lands between the read and the write fails the write instead of being
 * overwritten. `available` already excludes the units Shopify committed to open orders (§5.2):
 * StockPool's figure is what buyers may order next, so it is set as `available` and never as
 * `on_hand`, and the committed units are not counted twice. A figure already shown is not sent.
 */
import type { StockPushItem, StockPushResult } from '../contract.ts';
import { toGid } from './ids.ts';
import { quantityOf } from './mapping.ts';
import type { RawVariant } from './raw-types.ts';

/** One `available` quantity to set, with the push it belongs to. */
export interface PlannedQuantity {
  /** Index of the StockPushItem. */
  item: number;
  inventoryItemId: string;
  locationId: string;
  quantity: number;
  changeFromQuantity: number;
  /**
   * The level as read (update time, committed units): part of the idempotency key, so a later
   * push of the same figures over a level that changed meanwhile is a new one.
   */
  levelUpdatedAt: string;
  committed: number;
}

export interface StockPlan {
  quantities: PlannedQuantity[];
  /** Listings refused before any call, by item index. */
  failures: Map<number, StockPushResult>;
}

/** Plans the push of `items` given the variants read (null: no such variant). */
export function planStockPush(
  items: StockPushItem[],
  variants: ReadonlyMap<string, RawVariant>,
): StockPlan {
  const plan: StockPlan = { quantities: [], failures: new Map() };
  items.forEach((item, index) => {
    const variant = variants.get(item.listing.variantId);
    if (!variant || variant.product.legacyResourceId !== item.listing.itemId) {
      plan.failures.set(index, refused(item, 'NOT_FOUND', 'no such variant of this product'));
      return;
    }
    const planned = planListing(item, index, variant);
    if ('failure' in planned) plan.failures.set(index, planned.failure);
    else plan.quantities.push(...planned.quantities);
  });
  return plan;
}

function planListing(
  item: StockPushItem,
  index: number,
  variant: RawVariant,
): { quantities: PlannedQuantity[] } | { failure: StockPushResult } {
  const levels = variant.inventoryItem.inventoryLevels.nodes;
  const quantities: PlannedQuantity[] = [];
  for (const entry of item.stock) {
    // No warehouse named: the item's only location, as the contract's "the only one".
    const level =
      entry.warehouseId === null
        ? levels.length === 1
          ? levels[0]
          : undefined
        : levels.find((l) => l.location.legacyResourceId === entry.warehouseId);
    if (!level)
      return {
        failure: refused(item, 'NOT_STOCKED', `not stocked at location ${entry.warehouseId}`),
      };
    const current = quantityOf(level, 'available');
    const quantity = Math.max(0, Math.floor(entry.quantity));
    if (current === quantity) continue;
    quantities.push({
      item: index,
      inventoryItemId: variant.inventoryItem.id,
      locationId: toGid('Location', level.location.legacyResourceId),
      quantity,
      changeFromQuantity: current,
      levelUpdatedAt: level.updatedAt ?? '',
      committed: quantityOf(level, 'committed'),
    });
  }
  return { quantities };
}

function refused(item: StockPushItem, platformCode: string, message: string): StockPushResult {
  return { listing: item.listing, ok: false, platformCode, message, retryable: false };
}
