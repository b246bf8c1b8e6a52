/**
 * An emulator order as get_order_detail writes it (§2.7, SP-SCHEMA get_order_detail): default
 * fields always, the others only when named in response_optional_fields. order_item_id equals
 * item_id, as Shopee does outside bundle deals; product_location_id only for named locations.
 */
import type { EmulatedOrder, EmulatedOrderLine } from './types.ts';
import { NO_LOCATION } from './types.ts';

const DAYS_TO_SHIP = 3;

export function toOrderDetailJson(order: EmulatedOrder, fields: Set<string>) {
  return {
    order_sn: order.orderSn,
    order_status: order.status,
    create_time: order.createTimeSec,
    update_time: order.updateTimeSec,
    days_to_ship: DAYS_TO_SHIP,
    ship_by_date: order.createTimeSec + DAYS_TO_SHIP * 24 * 3600,
    ...(fields.has('item_list') ? { item_list: order.lines.map(toItemJson) } : {}),
    // "NULL when order is not paid yet" (SP-SCHEMA).
    ...(fields.has('pay_time') ? { pay_time: order.payTimeSec } : {}),
    ...(fields.has('cancel_by') ? { cancel_by: order.cancelBy ?? '' } : {}),
    ...(fields.has('cancel_reason') ? { cancel_reason: order.cancelReason ?? '' } : {}),
    ...(fields.has('buyer_cancel_reason')
      ? { buyer_cancel_reason: order.cancelBy === 'buyer' ? (order.cancelReason ?? '') : '' }
      : {}),
  };
}

function toItemJson(line: EmulatedOrderLine) {
  return {
    item_id: line.itemId,
    item_sku: line.itemSku,
    model_id: line.modelId,
    model_sku: line.modelSku,
    model_quantity_purchased: line.quantity,
    order_item_id: line.itemId,
    promotion_group_id: 0,
    ...(line.location === NO_LOCATION ? {} : { product_location_id: line.location }),
  };
}
