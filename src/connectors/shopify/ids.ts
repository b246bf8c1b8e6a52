/**
 * Shopify's global ids (`gid://shopify/<Type>/<number>`, §5.2) and the plain numbers StockPool
 * keeps: ListingRef holds the product and variant numbers, warehouses are location numbers, order
 * ids are order numbers (the same `id` the webhook body carries).
 */
export type ShopifyResource =
  'Product' | 'ProductVariant' | 'InventoryItem' | 'Location' | 'Order' | 'LineItem';

/** The global id of a resource number; a value that already is a gid is returned as it is. */
export function toGid(resource: ShopifyResource, id: string): string {
  return id.startsWith('gid://') ? id : `gid://shopify/${resource}/${id}`;
}

/** The number at the end of a gid (query strings such as `?inventory_item_id=` dropped). */
export function fromGid(gid: string): string {
  const path = gid.split('?')[0] ?? gid;
  return path.slice(path.lastIndexOf('/') + 1);
}
