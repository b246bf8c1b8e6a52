/**
 * Records as the API shows them (tiktok-shop.md §1.7): products with `skus[].inventory[]`,
 * inventory search entries with available and committed per warehouse, and orders whose line items
 * are one unit each. Times are unix seconds.
 */
import type { OrderRecord, ProductRecord, SkuRecord } from './state.ts';

export function toProductView(product: ProductRecord): Record<string, unknown> {
  return {
    id: product.id,
    title: product.title,
    status: product.status,
    create_time: product.createTime,
    update_time: product.updateTime,
    skus: [...product.skus.values()].map((sku) => ({
      id: sku.id,
      seller_sku: sku.sellerSku,
      inventory: [...sku.stock].map(([warehouseId, stock]) => ({
        warehouse_id: warehouseId,
        quantity: stock.available,
      })),
    })),
  };
}

export function toInventorySkuView(sku: SkuRecord): Record<string, unknown> {
  const entries = [...sku.stock];
  return {
    id: sku.id,
    seller_sku: sku.sellerSku,
    total_available_quantity: entries.reduce((sum, [, stock]) => sum + stock.available, 0),
    total_committed_quantity: entries.reduce((sum, [, stock]) => sum + stock.committed, 0),
    warehouse_inventory: entries.map(([warehouseId, stock]) => ({
      warehouse_id: warehouseId,
      available_quantity: stock.available,
      committed_quantity: stock.committed,
    })),
  };
}

export function toOrderView(order: OrderRecord): Record<string, unknown> {
  return {
    id: order.id,
    status: order.status,
    create_time: order.createTime,
    update_time: order.updateTime,
    ...(order.paidTime === null ? {} : { paid_time: order.paidTime }),
    ...(order.cancelTime === null ? {} : { cancel_time: order.cancelTime }),
    ...(order.cancelReason === null ? {} : { cancel_reason: order.cancelReason }),
    ...(order.cancellationInitiator === null
      ? {}
      : { cancellation_initiator: order.cancellationInitiator }),
    is_buyer_request_cancel: false,
    is_on_hold_order: order.status === 'ON_HOLD',
    warehouse_id: order.warehouseId,
    fulfillment_type: 'FULFILLMENT_BY_SELLER',
    line_items: order.lineItems.map((line) => ({
      id: line.id,
      sku_id: line.skuId,
      product_id: line.productId,
      seller_sku: line.sellerSku,
      sku_name: line.skuName,
      display_status: line.cancelledBy === null ? order.status : 'CANCELLED',
      ...(line.cancelledBy === null ? {} : { cancel_user: line.cancelledBy }),
      ...(line.cancelReason === null ? {} : { cancel_reason: line.cancelReason }),
      is_gift: false,
    })),
  };
}
