/**
 * Returns in TikTok's separate return/refund flow (tiktok-shop.md §1.8): a buyer sends a shipped
 * order back and is refunded, which the emulator plays as one RETURN_AND_REFUND return of every
 * open line that goes straight to RETURN_OR_REFUND_REQUEST_COMPLETE (goods received, refund paid).
 * The order keeps its status; its update_time moves (our choice: the sheet does not say). A
 * RETURN_STATUS_CHANGE webhook (type 12) follows, with the fields community SDKs agree on
 * (order_id, return_role, return_type, return_status, return_id, create_time, update_time) [M].
 * Available stock does not change: whether returned goods go back on sale is the seller's call.
 */
import type { EmulatorContext } from './context.ts';
import { nowSeconds } from './context.ts';
import { openLines, requireStatus } from './order-flow.ts';
import type { OrderRecord, ReturnRecord, ShopRecord } from './state.ts';
import { webhookAuthorization } from './webhooks.ts';

/** Type number of RETURN_STATUS_CHANGE (§1.9). */
const RETURN_STATUS_CHANGE = 12;

/** The buyer returns a shipped order; refused (Error) before it has shipped. */
export function returnOrder(context: EmulatorContext, shopId: string, orderId: string): void {
  const order = requireStatus(context, shopId, orderId, ['IN_TRANSIT', 'DELIVERED', 'COMPLETED']);
  const now = nowSeconds(context);
  const record: ReturnRecord = {
    id: context.ids.next('return'),
    type: 'RETURN_AND_REFUND',
    status: 'RETURN_OR_REFUND_REQUEST_COMPLETE',
    role: 'BUYER',
    createTime: now,
    updateTime: now,
    lines: openLines(order).map((line) => ({
      id: context.ids.next('returnLineItem'),
      orderLineItemId: line.id,
    })),
  };
  order.returns.push(record);
  order.updateTime = Math.max(order.updateTime, now);
  notifyReturnStatus(context, context.state.shop(shopId), order, record);
}

function notifyReturnStatus(
  context: EmulatorContext,
  shop: ShopRecord,
  order: OrderRecord,
  record: ReturnRecord,
): void {
  const url = shop.seed.webhookUrl;
  if (url === null) return;
  const body = JSON.stringify({
    type: RETURN_STATUS_CHANGE,
    tts_notification_id: context.ids.next('notification'),
    shop_id: shop.seed.platformShopId,
    timestamp: nowSeconds(context),
    data: {
      order_id: order.id,
      return_role: record.role,
      return_type: record.type,
      return_status: record.status,
      return_id: record.id,
      create_time: record.createTime,
      update_time: record.updateTime,
    },
  });
  const authorization = webhookAuthorization(shop.seed.appKey, shop.seed.appSecret, body);
  context.sender.send({ url, body, headers: { authorization } });
}
