/**
 * Cancel Order as the seller (tiktok-shop.md §1.7): the reason must fit the order's status
 * (25001021), a cancelled order cannot be cancelled again (25001011), a shipped one neither
 * (25001045; completed 25001051). Whole orders or single line items (order_line_item_ids, or skus
 * with a quantity); the units go back to available. Out-of-stock cancels complete at once.
 */
import { z } from 'zod';
import type { EmulatorContext } from './context.ts';
import { nowSeconds } from './context.ts';
import type { ApiOutcome } from './envelope.ts';
import { CODES, refuse } from './envelope.ts';
import { cancelLines, closeAsCancelled, openLines } from './order-flow.ts';
import type { LineItemRecord, OrderRecord, OrderStatus, ShopRecord } from './state.ts';

/** Seller reasons per status (§1.7, US doc). */
const UNPAID_REASONS = [
  'seller_cancel_unpaid_reason_out_of_stock',
  'seller_cancel_unpaid_reason_wrong_price',
  'seller_cancel_unpaid_reason_buyer_hasnt_paid_within_time_allowed',
  'seller_cancel_unpaid_reason_buyer_requested_cancellation',
];
const PAID_REASONS = [
  'seller_cancel_reason_out_of_stock',
  'seller_cancel_reason_wrong_price',
  'seller_cancel_paid_reason_address_not_deliver',
  'seller_cancel_paid_reason_buyer_requested_cancellation',
];
const SHIPPED: ReadonlySet<OrderStatus> = new Set([
  'PARTIALLY_SHIPPING',
  'AWAITING_COLLECTION',
  'IN_TRANSIT',
  'DELIVERED',
]);

const CancelBody = z.object({
  order_id: z.string().min(1),
  cancel_reason: z.string().min(1),
  skus: z.array(z.object({ sku_id: z.string(), quantity: z.number().int().positive() })).optional(),
  order_line_item_ids: z.array(z.string()).optional(),
});
type CancelRequest = z.infer<typeof CancelBody>;

export function cancelAsSeller(
  context: EmulatorContext,
  shop: ShopRecord,
  body: unknown,
): ApiOutcome {
  const parsed = CancelBody.safeParse(body);
  if (!parsed.success) return refuse(CODES.badRequest, `Invalid body: ${parsed.error.message}`);
  const order = shop.orders.get(parsed.data.order_id);
  if (!order) return refuse(CODES.badRequest, 'The order does not exist');
  const refusal = checkStatusAndReason(order, parsed.data.cancel_reason);
  if (refusal) return refusal;
  const lines = pickLines(order, parsed.data);
  if (!lines) return refuse(CODES.badRequest, 'The line items or SKUs do not match the order');
  const reason = parsed.data.cancel_reason;
  cancelLines(shop, order, lines, { by: 'SELLER', reason });
  if (openLines(order).length === 0) closeAsCancelled(context, shop, order, 'SELLER');
  else order.updateTime = nowSeconds(context);
  context.stats.sellerCancellations.push({ orderId: order.id, reason });
  const cancelStatus = 'CANCELLATION_REQUEST_COMPLETE';
  return { ok: true, data: { cancel_id: context.ids.next('cancel'), cancel_status: cancelStatus } };
}

function checkStatusAndReason(order: OrderRecord, reason: string): ApiOutcome | null {
  if (order.status === 'CANCELLED')
    return refuse(CODES.alreadyCancelled, 'The order is already cancelled');
  if (order.status === 'COMPLETED')
    return refuse(CODES.completedOrCancelled, 'The order is completed');
  if (SHIPPED.has(order.status)) return refuse(CODES.alreadyShipped, 'The order has shipped');
  const allowed = order.status === 'UNPAID' ? UNPAID_REASONS : PAID_REASONS;
  return allowed.includes(reason)
    ? null
    : refuse(CODES.cancelReasonMismatch, `The reason does not fit an order in ${order.status}`);
}

/** The lines the request names, or all open lines; null when it names what the order lacks. */
function pickLines(order: OrderRecord, request: CancelRequest): LineItemRecord[] | null {
  const open = openLines(order);
  if (request.order_line_item_ids?.length) {
    const lines = request.order_line_item_ids.map((id) => open.find((line) => line.id === id));
    return lines.every((line) => line !== undefined) ? [...new Set(lines)] : null;
  }
  if (request.skus?.length) {
    const picked: LineItemRecord[] = [];
    for (const { sku_id: skuId, quantity } of request.skus) {
      const lines = open.filter((line) => line.skuId === skuId && !picked.includes(line));
      if (lines.length < quantity) return null;
      picked.push(...lines.slice(0, quantity));
    }
    return picked;
  }
  return open;
}
