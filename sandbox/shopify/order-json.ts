/**
 * Orders and refunds in the REST JSON shape webhooks carry (shopify.md §5.4): numeric ids,
 * `financial_status`, `fulfillment_status`, `cancelled_at`, `line_items` with product and variant
 * ids. Times in ISO 8601 with an offset, to the second.
 */
import type { Order } from './state.ts';

function restTime(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', '+00:00');
}

export function toRestOrder(order: Order, shopDomain: string): Record<string, unknown> {
  return {
    id: Number(order.id),
    admin_graphql_api_id: `gid://shopify/Order/${order.id}`,
    name: `#${order.number}`,
    order_number: order.number,
    created_at: restTime(order.createdAtMs),
    updated_at: restTime(order.updatedAtMs),
    // When the order was processed (checkout), not when it was paid: Shopify's meaning.
    processed_at: restTime(order.createdAtMs),
    cancelled_at: order.cancelledAtMs === null ? null : restTime(order.cancelledAtMs),
    cancel_reason: order.cancelReason,
    financial_status: order.financialStatus,
    fulfillment_status: order.fulfillmentStatus,
    currency: 'USD',
    order_status_url: `https://${shopDomain}/orders/${order.id}/authenticate`,
    line_items: order.lines.map((line) => ({
      id: Number(line.id),
      admin_graphql_api_id: `gid://shopify/LineItem/${line.id}`,
      product_id: Number(line.productId),
      variant_id: Number(line.variantId),
      sku: line.sku,
      title: line.title,
      quantity: line.quantity,
      fulfillable_quantity:
        order.fulfillmentStatus === 'fulfilled' || order.cancelledAtMs !== null ? 0 : line.quantity,
      fulfillment_status: order.fulfillmentStatus,
    })),
  };
}

/** A refund of every line, not restocked (the buyer's return: restocking is the seller's call). */
export function toRestRefund(
  order: Order,
  refundId: string,
  atMs: number,
): Record<string, unknown> {
  return {
    id: Number(refundId),
    admin_graphql_api_id: `gid://shopify/Refund/${refundId}`,
    order_id: Number(order.id),
    created_at: restTime(atMs),
    processed_at: restTime(atMs),
    restock: false,
    refund_line_items: order.lines.map((line, index) => ({
      id: Number(refundId) + index + 1,
      line_item_id: Number(line.id),
      quantity: line.quantity,
      restock_type: 'no_restock',
      location_id: null,
    })),
  };
}
