/**
 * Trade order pushes (message_type 0, lazada.md §3.9): one per order item whose status changed,
 * signed as Lazada signs them and delivered through the kit's WebhookSender on Lazada's schedule.
 */
import { createHmac } from 'node:crypto';
import type { EmulatorContext } from './context.ts';
import type { OrderItemRecord, OrderRecord, ShopRecord } from './state.ts';

/** The site name of the shop's market, as pushes carry it ("lazada_vn"). */
function siteOf(shop: ShopRecord): string {
  return `lazada_${(shop.seed.region ?? 'SG').toLowerCase()}`;
}

/** Sends one push per item to the shop's push URL, when it has one. */
export function pushItemStatuses(
  context: EmulatorContext,
  shop: ShopRecord,
  order: OrderRecord,
  items: OrderItemRecord[],
): void {
  const url = shop.seed.webhookUrl;
  if (url === null) return;
  for (const item of items) {
    const body = JSON.stringify({
      seller_id: shop.seed.platformShopId,
      message_type: 0,
      data: {
        order_status: item.status,
        trade_order_id: order.orderId,
        trade_order_line_id: item.orderItemId,
        status_update_time: Math.floor(item.updatedAtMs / 1000),
      },
      timestamp: context.nowMs(),
      site: siteOf(shop),
    });
    const authorization = pushAuthorization(shop.seed.appKey, shop.seed.appSecret, body);
    context.sender.send({ url, body, headers: { authorization } });
  }
}

/** Authorization = hex HMAC-SHA256(app_secret, app_key + body), lower case as the doc's sample. */
export function pushAuthorization(appKey: string, appSecret: string, body: string): string {
  return createHmac('sha256', appSecret)
    .update(appKey + body, 'utf8')
    .digest('hex');
}
