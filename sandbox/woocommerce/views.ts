/**
 * The REST v3 representations the emulator answers with (woocommerce.md §6.2): products,
 * variations and orders with their GMT dates and `_links`, as the API and the webhooks send them.
 */
import type { OrderRecord, ProductRecord, StoreRecord, VariationRecord } from './state.ts';

export const API_PREFIX = '/wp-json/wc/v3';

/** 'YYYY-MM-DDTHH:MM:SS' in GMT, as WooCommerce writes `*_gmt` (the site here runs on UTC). */
export function gmt(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19);
}

function stockStatus(manage: boolean, quantity: number | null): string {
  return manage && (quantity ?? 0) <= 0 ? 'outofstock' : 'instock';
}

export function productJson(store: StoreRecord, product: ProductRecord): Record<string, unknown> {
  return {
    id: product.id,
    name: product.name,
    type: product.type,
    status: 'publish',
    sku: product.sku,
    date_modified_gmt: gmt(product.modifiedMs),
    manage_stock: product.manageStock,
    stock_quantity: product.manageStock ? product.stockQuantity : null,
    stock_status: stockStatus(product.manageStock, product.stockQuantity),
    backorders: 'no',
    variations: [...product.variations.keys()],
    _links: links(store, `products/${product.id}`, 'products'),
  };
}

export function variationJson(
  store: StoreRecord,
  variation: VariationRecord,
): Record<string, unknown> {
  return {
    id: variation.id,
    sku: variation.sku,
    date_modified_gmt: gmt(variation.modifiedMs),
    manage_stock: variation.manageStock,
    stock_quantity: variation.manageStock ? variation.stockQuantity : null,
    stock_status: stockStatus(variation.manageStock, variation.stockQuantity),
    backorders: 'no',
    attributes: [{ id: 0, name: 'Option', option: variation.option }],
    _links: links(
      store,
      `products/${variation.parentId}/variations/${variation.id}`,
      `products/${variation.parentId}/variations`,
    ),
  };
}

export function orderJson(store: StoreRecord, order: OrderRecord): Record<string, unknown> {
  return {
    id: order.id,
    parent_id: 0,
    status: order.status,
    currency: 'USD',
    date_created: gmt(order.createdMs),
    date_created_gmt: gmt(order.createdMs),
    date_modified: gmt(order.modifiedMs),
    date_modified_gmt: gmt(order.modifiedMs),
    date_paid: order.paidMs === null ? null : gmt(order.paidMs),
    date_paid_gmt: order.paidMs === null ? null : gmt(order.paidMs),
    date_completed_gmt: order.status === 'completed' ? gmt(order.modifiedMs) : null,
    customer_note: '',
    line_items: order.lines.map((line) => ({
      id: line.id,
      name: line.name,
      product_id: line.productId,
      variation_id: line.variationId,
      quantity: line.quantity,
      sku: line.sku,
    })),
    _links: links(store, `orders/${order.id}`, 'orders'),
  };
}

function links(store: StoreRecord, self: string, collection: string): Record<string, unknown> {
  return {
    self: [{ href: `${store.url}${API_PREFIX}/${self}` }],
    collection: [{ href: `${store.url}${API_PREFIX}/${collection}` }],
  };
}
