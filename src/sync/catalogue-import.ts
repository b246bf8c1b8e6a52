/**
 * A shop's catalogue into listings: new platform listings are stored, matched to the master SKU
 * whose code equals the seller SKU code, or kept as unmatched for the seller to map; a mapping a
 * seller made is never overwritten. After an import every matched listing is queued for a push,
 * so the shop shows the pool's figure from the start.
 */
import type { Kysely } from 'kysely';
import type { PlatformListing } from '../connectors/contract.ts';
import type { Clock } from '../ports/clock.ts';
import type { Ids } from '../ports/ids.ts';
import { upsertCatalogue } from '../store/listings-repo.ts';
import { findSkusByCodes } from '../store/catalog-lookup.ts';
import type { DB } from '../store/schema.ts';
import type { ShopRecord } from '../store/shops-repo.ts';
import { markShopListingsForPush } from './push-marks.ts';
import type { ShopConnectors } from './shop-connectors.ts';

export interface CatalogueDeps {
  db: Kysely<DB>;
  connectors: ShopConnectors;
  clock: Clock;
  ids: Ids;
}

const MAX_PAGES = 1_000;

/** Stores listings not seen before; returns how many were new. */
export async function addPlatformListings(
  deps: CatalogueDeps,
  shop: ShopRecord,
  items: PlatformListing[],
): Promise<number> {
  const codes = [...new Set(items.map((i) => i.sellerSku).filter((c) => c.length > 0))];
  const skus = await findSkusByCodes(deps.db, shop.tenantId, codes);
  return upsertCatalogue(
    deps.db,
    {
      tenantId: shop.tenantId,
      shopId: shop.id,
      nowMs: deps.clock.nowMs(),
      newId: () => deps.ids.next('lst'),
    },
    items.map((i) => ({
      itemId: i.itemId,
      variantId: i.variantId,
      sellerSku: i.sellerSku,
      title: i.title,
      skuId: skus.get(i.sellerSku)?.id ?? null,
      fulfilledByPlatform: i.stock.length > 0 && i.stock.every((s) => s.platformRun === true),
    })),
  );
}

export interface ImportSummary {
  read: number;
  added: number;
  matched: number;
  unmatched: number;
}

export async function importCatalogue(
  deps: CatalogueDeps,
  shop: ShopRecord,
): Promise<ImportSummary> {
  const connector = deps.connectors.connectorFor(shop);
  let token: string | null = null;
  let read = 0;
  let added = 0;
  for (let page = 0; page < MAX_PAGES; page++) {
    const result = await connector.listCatalog(token);
    read += result.items.length;
    added += await addPlatformListings(deps, shop, result.items);
    token = result.nextPageToken;
    if (!token) break;
  }
  const listings = await deps.db
    .selectFrom('listings')
    .select(['id', 'sku_id'])
    .where('shop_id', '=', shop.id)
    .execute();
  const matched = listings.filter((l) => l.sku_id !== null);
  const nowMs = deps.clock.nowMs();
  await markShopListingsForPush(
    deps.db,
    { tenantId: shop.tenantId, shopId: shop.id },
    matched.map((l) => l.id),
    { nowMs },
  );
  return { read, added, matched: matched.length, unmatched: listings.length - matched.length };
}
