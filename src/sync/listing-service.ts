/**
 * Listings for the API: the list (with the unmatched ones the seller must map), mapping a listing
 * to a SKU or bundle with its units per listing, and importing a shop's catalogue. A new mapping
 * queues a push and re-applies the orders that waited for it.
 */
import type { Kysely } from 'kysely';
import { isLineQuantity } from '../domain/movements.ts';
import { fail, succeed, type Outcome } from '../domain/outcome.ts';
import type { Actor } from '../inventory/command-context.ts';
import type { Clock } from '../ports/clock.ts';
import {
  findListing,
  listListings,
  mapListing,
  type ListingRecord,
} from '../store/listings-repo.ts';
import type { DB } from '../store/schema.ts';
import { platformFailure } from './platform-failure.ts';
import { findSkusByCodes } from '../store/catalog-lookup.ts';
import { findShop } from '../store/shops-repo.ts';
import { importCatalogue, type CatalogueDeps, type ImportSummary } from './catalogue-import.ts';
import { markSkusForPush } from './push-marks.ts';

export interface ListingView {
  id: string;
  shopId: string;
  itemId: string;
  variantId: string;
  sellerSku: string;
  title: string;
  sku: string | null;
  unitsPerListing: number;
  match: string;
  targetQuantity: number | null;
  pushedQuantity: number | null;
  pushedAt: string | null;
  platformQuantity: number | null;
  checkedAt: string | null;
  outOfSyncSince: string | null;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function listingViewOf(l: ListingRecord): ListingView {
  return {
    id: l.id,
    shopId: l.shopId,
    itemId: l.itemId,
    variantId: l.variantId,
    sellerSku: l.sellerSku,
    title: l.title,
    sku: l.skuCode,
    unitsPerListing: l.unitsPerListing,
    match: l.matchState,
    targetQuantity: l.targetQuantity,
    pushedQuantity: l.pushedQuantity,
    pushedAt: iso(l.pushedAtMs),
    platformQuantity: l.platformQuantity,
    checkedAt: iso(l.checkedAtMs),
    outOfSyncSince: iso(l.outOfSyncSinceMs),
  };
}

export interface ListingServiceDeps extends CatalogueDeps {
  db: Kysely<DB>;
  clock: Clock;
  /** Re-applies the tenant's orders that were waiting for a mapping. */
  reapplyUnmatched: (tenantId: string) => Promise<void>;
}

export class ListingService {
  constructor(private readonly deps: ListingServiceDeps) {}

  async list(
    actor: Actor,
    q: { shopId?: string; unmatchedOnly?: boolean; sku?: string; limit: number; after?: string },
  ): Promise<ListingView[]> {
    let skuId: number | undefined;
    if (q.sku !== undefined) {
      const sku = await this.skuId(actor.tenantId, q.sku);
      if (sku === null) return [];
      skuId = sku;
    }
    const rows = await listListings(this.deps.db, {
      tenantId: actor.tenantId,
      shopId: q.shopId,
      unmatchedOnly: q.unmatchedOnly,
      skuId,
      limit: q.limit,
      after: q.after,
    });
    return rows.map(listingViewOf);
  }

  async map(
    actor: Actor,
    listingId: string,
    mapping: { sku: string | null; unitsPerListing: number },
  ): Promise<Outcome<ListingView>> {
    const listing = await findListing(this.deps.db, actor.tenantId, listingId);
    if (!listing) return fail('LISTING_NOT_FOUND', { listingId });
    if (!isLineQuantity(mapping.unitsPerListing))
      return fail('INVALID_QUANTITY', {
        sku: mapping.sku ?? '',
        quantity: String(mapping.unitsPerListing),
        min: 1,
        max: 1_000_000,
      });
    const skuId = mapping.sku === null ? null : await this.skuId(actor.tenantId, mapping.sku);
    if (mapping.sku !== null && skuId === null) return fail('SKU_NOT_FOUND', { sku: mapping.sku });
    const nowMs = this.deps.clock.nowMs();
    await mapListing(
      this.deps.db,
      { tenantId: actor.tenantId, listingId },
      { skuId, unitsPerListing: mapping.unitsPerListing, nowMs },
    );
    const changed = [skuId, listing.skuId].filter((id): id is number => id !== null);
    await markSkusForPush(this.deps.db, {
      tenantId: actor.tenantId,
      skuIds: changed,
      originAtMs: nowMs,
      nowMs,
    });
    if (skuId !== null) await this.deps.reapplyUnmatched(actor.tenantId);
    const updated = await findListing(this.deps.db, actor.tenantId, listingId);
    return updated ? succeed(listingViewOf(updated)) : fail('LISTING_NOT_FOUND', { listingId });
  }

  async importCatalogue(actor: Actor, shopId: string): Promise<Outcome<ImportSummary>> {
    const shop = await findShop(this.deps.db, actor.tenantId, shopId);
    if (!shop) return fail('SHOP_NOT_FOUND', { shopId });
    try {
      const summary = await importCatalogue(this.deps, shop);
      await this.deps.reapplyUnmatched(actor.tenantId);
      return succeed(summary);
    } catch (error) {
      return platformFailure(shopId, error);
    }
  }

  private async skuId(tenantId: string, code: string): Promise<number | null> {
    return (await findSkusByCodes(this.deps.db, tenantId, [code])).get(code)?.id ?? null;
  }
}
