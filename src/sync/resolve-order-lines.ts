/**
 * Ties a platform order's lines to listings and master SKUs. A listing not seen before is matched
 * by the seller SKU code on the line (and stored, matched or not, so the seller sees it); a line
 * whose listing has no SKU stays unmatched until the seller maps it.
 */
import type { Kysely } from 'kysely';
import type { PlatformOrderLine } from '../connectors/contract.ts';
import type { Ids } from '../ports/ids.ts';
import type { ChannelOrderLineRecord } from '../store/channel-orders-repo.ts';
import { findListingByRef, upsertCatalogue, type ListingRecord } from '../store/listings-repo.ts';
import { findSkusByCodes } from '../store/catalog-lookup.ts';
import type { DB } from '../store/schema.ts';
import type { ShopRecord } from '../store/shops-repo.ts';

export async function listingForLine(
  db: Kysely<DB>,
  deps: { shop: ShopRecord; ids: Ids; nowMs: number },
  line: PlatformOrderLine,
  /** The listing as the batch looked it up (null: none then; undefined: not looked up). */
  lookedUp?: ListingRecord | null,
): Promise<ListingRecord | null> {
  const ref = { shopId: deps.shop.id, itemId: line.itemId, variantId: line.variantId };
  const known = lookedUp === undefined ? await findListingByRef(db, ref) : lookedUp;
  if (known) return known;
  const sku = (await findSkusByCodes(db, deps.shop.tenantId, [line.sellerSku])).get(line.sellerSku);
  await upsertCatalogue(
    db,
    {
      tenantId: deps.shop.tenantId,
      shopId: deps.shop.id,
      nowMs: deps.nowMs,
      newId: () => deps.ids.next('lst'),
    },
    [
      {
        itemId: line.itemId,
        variantId: line.variantId,
        sellerSku: line.sellerSku,
        title: line.sellerSku,
        skuId: sku?.id ?? null,
      },
    ],
  );
  return findListingByRef(db, ref);
}

/** A stored line with its listing's current mapping (a seller may have mapped it since). */
export function withMapping(
  line: ChannelOrderLineRecord,
  listing: ListingRecord | null,
): ChannelOrderLineRecord {
  if (!listing || listing.skuId === null) return { ...line, listingId: listing?.id ?? null };
  // Units are fixed once a hold exists, so a later change of multiplier cannot skew the release.
  const units =
    line.holdId !== null && line.units !== null
      ? line.units
      : line.quantity * listing.unitsPerListing;
  return { ...line, listingId: listing.id, skuId: listing.skuId, units };
}
