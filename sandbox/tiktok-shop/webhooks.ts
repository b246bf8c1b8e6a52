/**
 * ORDER_STATUS_CHANGE notifications (type 1, tiktok-shop.md §1.9), signed as TikTok signs them and
 * delivered through the kit's WebhookSender on TikTok's retry schedule.
 */
import { createHmac } from 'node:crypto';
import type { EmulatorContext } from './context.ts';
import { nowSeconds } from './context.ts';
import type { OrderRecord, ShopRecord } from './state.ts';

/** Authorization = lowercase hex HMAC-SHA256(app_secret, app_key + raw body) (§1.9). */
export function webhookAuthorization(appKey: string, appSecret: string, body: string): string {
  return createHmac('sha256', appSecret)
    .update(appKey + body, 'utf8')
    .digest('hex');
}

/** Sends the order's current status to the shop's webhook URL, when it has one. */
export function notifyOrderStatus(
  context: EmulatorContext,
  shop: ShopRecord,
  order: OrderRecord,
): void {
  const url = shop.seed.webhookUrl;
  if (url === null) return;
  const body = JSON.stringify({
    type: 1,
    tts_notification_id: context.ids.next('notification'),
    shop_id: shop.seed.platformShopId,
    timestamp: nowSeconds(context),
    data: {
      order_id: order.id,
      // The webhook doc spells the cancelled status `CANCEL`, unlike the Orders API (§1.9).
      order_status: order.status === 'CANCELLED' ? 'CANCEL' : order.status,
      is_on_hold_order: order.status === 'ON_HOLD',
      update_time: order.updateTime,
    },
  });
  const authorization = webhookAuthorization(shop.seed.appKey, shop.seed.appSecret, body);
  context.sender.send({ url, body, headers: { authorization } });
}
