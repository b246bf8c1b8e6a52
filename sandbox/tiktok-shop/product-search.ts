/**
 * Search Products (paged, filtered by status and seller SKU) and Inventory Search (by product ids
 * or SKU ids, SKU ids winning), tiktok-shop.md §1.7.
 */
import { z } from 'zod';
import type { ApiOutcome } from './envelope.ts';
import { CODES, refuse } from './envelope.ts';
import { pageOf, readPageRequest } from './paging.ts';
import type { ShopRecord, SkuRecord } from './state.ts';
import { toInventorySkuView, toProductView } from './views.ts';

const ProductsSearchBody = z
  .object({
    status: z
      .enum([
        'ALL',
        'DRAFT',
        'PENDING',
        'FAILED',
        'ACTIVATE',
        'SELLER_DEACTIVATED',
        'PLATFORM_DEACTIVATED',
        'FREEZE',
        'DELETED',
      ])
      .optional(),
    seller_skus: z.array(z.string()).optional(),
  })
  .optional();

const InventorySearchBody = z.object({
  product_ids: z.array(z.string()).max(100).optional(),
  sku_ids: z.array(z.string()).max(600).optional(),
});

export function searchProducts(
  shop: ShopRecord,
  query: URLSearchParams,
  body: unknown,
): ApiOutcome {
  const page = readPageRequest(query);
  if (!page) return refuse(CODES.badRequest, 'page_size must be 1..100 and page_token valid');
  const parsed = ProductsSearchBody.safeParse(body);
  if (!parsed.success) return refuse(CODES.badRequest, `Invalid body: ${parsed.error.message}`);
  const status = parsed.data?.status ?? 'ALL';
  const sellerSkus = parsed.data?.seller_skus;
  const matching = [...shop.products.values()].filter(
    (product) =>
      (status === 'ALL' || product.status === status) &&
      (!sellerSkus || [...product.skus.values()].some((sku) => sellerSkus.includes(sku.sellerSku))),
  );
  const { items, nextPageToken } = pageOf(matching, page);
  return {
    ok: true,
    data: {
      products: items.map(toProductView),
      next_page_token: nextPageToken,
      total_count: matching.length,
    },
  };
}

export function searchInventory(shop: ShopRecord, body: unknown): ApiOutcome {
  const parsed = InventorySearchBody.safeParse(body);
  if (!parsed.success) return refuse(CODES.badRequest, `Invalid body: ${parsed.error.message}`);
  const { product_ids: productIds, sku_ids: skuIds } = parsed.data;
  if (!productIds?.length && !skuIds?.length)
    return refuse(CODES.badRequest, 'product_ids or sku_ids is required');
  const byProduct = new Map<string, SkuRecord[]>();
  for (const product of shop.products.values()) {
    const skus = [...product.skus.values()].filter((sku) =>
      skuIds?.length ? skuIds.includes(sku.id) : (productIds ?? []).includes(product.id),
    );
    if (skus.length > 0) byProduct.set(product.id, skus);
  }
  const inventory = [...byProduct].map(([productId, skus]) => ({
    product_id: productId,
    skus: skus.map(toInventorySkuView),
  }));
  return { ok: true, data: { inventory } };
}
