/**
 * Reading a WooCommerce catalogue one page of products at a time (woocommerce.md §6.2): 100
 * products per page ordered by id, and for every variable product on the page all its variations
 * (their own paged collection). Simple products are one listing each; grouped and external
 * products hold no stock and are skipped.
 */
import type { Page, PlatformListing } from '../contract.ts';
import type { WooCommerceClient } from './client.ts';
import { toSimpleListing, toVariationListing } from './mapping.ts';
import { WOO_PAGE_SIZE, WOO_PATHS, WOO_VARIATION_READ_CONCURRENCY } from './options.ts';
import type { RawProduct, RawVariation } from './raw-types.ts';
import { RawProductList, RawVariationList } from './raw-types.ts';

/** One catalogue page; the page token is the next page number. */
export async function readCatalogPage(
  client: WooCommerceClient,
  pageToken: string | null,
): Promise<Page<PlatformListing>> {
  const page = pageToken && /^\d+$/.test(pageToken) ? Number(pageToken) : 1;
  const answer = await client.call({
    method: 'GET',
    path: WOO_PATHS.products,
    query: { per_page: String(WOO_PAGE_SIZE), page: String(page), orderby: 'id', order: 'asc' },
    schema: RawProductList,
  });
  const products = answer.data;
  const variations = await readVariations(
    client,
    products.filter((product) => product.type === 'variable'),
  );
  const items = products.flatMap((product): PlatformListing[] => {
    if (product.type === 'variable')
      return (variations.get(product.id) ?? []).map((v) => toVariationListing(product, v));
    if (product.type === 'simple') return [toSimpleListing(product)];
    return [];
  });
  // X-WP-TotalPages says when to stop; without it, a short page is the last.
  const last =
    answer.totalPages !== null ? page >= answer.totalPages : products.length < WOO_PAGE_SIZE;
  return { items, nextPageToken: last ? null : String(page + 1) };
}

/** Every variation of the given products, a few products at a time. */
async function readVariations(
  client: WooCommerceClient,
  products: RawProduct[],
): Promise<Map<string, RawVariation[]>> {
  const result = new Map<string, RawVariation[]>();
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < products.length) {
      const product = products[next++] as RawProduct;
      result.set(product.id, await readAllVariations(client, product.id));
    }
  };
  const lanes = Math.min(WOO_VARIATION_READ_CONCURRENCY, products.length);
  await Promise.all(Array.from({ length: lanes }, lane));
  return result;
}

async function readAllVariations(
  client: WooCommerceClient,
  productId: string,
): Promise<RawVariation[]> {
  const all: RawVariation[] = [];
  for (let page = 1; ; page++) {
    const answer = await client.call({
      method: 'GET',
      path: WOO_PATHS.variations(productId),
      query: { per_page: String(WOO_PAGE_SIZE), page: String(page), orderby: 'id', order: 'asc' },
      schema: RawVariationList,
    });
    all.push(...answer.data);
    const last =
      answer.totalPages !== null ? page >= answer.totalPages : answer.data.length < WOO_PAGE_SIZE;
    if (last || answer.data.length === 0) return all;
  }
}
