/**
 * What a batch of orders read from one shop needs to know up front, asked once for the batch
 * instead of once per order: which orders are already stored, and the listings their lines name.
 * On PostgreSQL every statement is a round trip, and in a burst most orders are new, so this
 * saves two statements per order.
 *
 * Only absence is trusted from it: an order it says is new is inserted directly (the insert still
 * refuses a duplicate, and the order is then read fresh); a stored order is always read fresh.
 * A listing may be mapped by the seller a moment after the batch began; that reads the same as
 * the seller mapping it a moment later.
 */
import type { Kysely } from 'kysely';
import type { PlatformOrder } from '../connectors/contract.ts';
import { storedPlatformOrderIds } from '../store/channel-orders-repo.ts';
import {
  findListingsByItemIds,
  listingRefKey,
  type ListingRecord,
} from '../store/listings-repo.ts';
import type { DB } from '../store/schema.ts';

export interface OrderBatchLookup {
  /** False when the order was not stored as the batch began (it may be inserted directly). */
  maybeStored(platformOrderId: string): boolean;
  /** The listing of a line, null when the shop had none for it (undefined: not looked up). */
  listing(itemId: string, variantId: string): ListingRecord | null | undefined;
}

export async function lookUpOrderBatch(
  db: Kysely<DB>,
  shopId: string,
  orders: readonly PlatformOrder[],
): Promise<OrderBatchLookup> {
  const itemIds = [...new Set(orders.flatMap((o) => o.lines.map((l) => l.itemId)))];
  const [stored, listings] = await Promise.all([
    storedPlatformOrderIds(
      db,
      shopId,
      orders.map((o) => o.orderId),
    ),
    findListingsByItemIds(db, shopId, itemIds),
  ]);
  const asked = new Set(itemIds);
  return {
    maybeStored: (platformOrderId) => stored.has(platformOrderId),
    listing: (itemId, variantId) =>
      asked.has(itemId) ? (listings.get(listingRefKey(itemId, variantId)) ?? null) : undefined,
  };
}
