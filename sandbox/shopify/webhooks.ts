/**
 * Webhook deliveries as Shopify makes them (shopify.md §5.4): POST of the JSON body with
 * X-Shopify-Topic, X-Shopify-Hmac-Sha256 (base64 HMAC-SHA256 of the raw body with the app's client
 * secret), X-Shopify-Shop-Domain, X-Shopify-API-Version, X-Shopify-Webhook-Id (one per delivery,
 * kept on its retries), X-Shopify-Triggered-At and X-Shopify-Event-Id; retried on the sender's
 * schedule until a 2xx.
 */
import { createHmac, randomUUID } from 'node:crypto';
import type { EmulatorContext } from './context.ts';
import { toRestOrder, toRestRefund } from './order-json.ts';
import type { Order, Shop } from './state.ts';

export const WEBHOOK_API_VERSION = '2026-04';

export type OrderTopic = 'orders/create' | 'orders/paid' | 'orders/cancelled' | 'orders/fulfilled';

export function sendOrderWebhook(
  context: EmulatorContext,
  shop: Shop,
  order: Order,
  topic: OrderTopic,
): void {
  send(context, shop, topic, toRestOrder(order, shop.seed.platformShopId));
}

export function sendRefundWebhook(context: EmulatorContext, shop: Shop, order: Order): void {
  const refundId = context.state.nextNumber();
  send(context, shop, 'refunds/create', toRestRefund(order, refundId, context.nowMs()));
}

function send(context: EmulatorContext, shop: Shop, topic: string, payload: unknown): void {
  const url = shop.seed.webhookUrl;
  if (url === null) return;
  const body = JSON.stringify(payload);
  const hmac = createHmac('sha256', shop.seed.appSecret).update(body).digest('base64');
  context.sender.send({
    url,
    body,
    headers: {
      'X-Shopify-Topic': topic,
      'X-Shopify-Hmac-Sha256': hmac,
      'X-Shopify-Shop-Domain': shop.seed.platformShopId,
      'X-Shopify-API-Version': WEBHOOK_API_VERSION,
      'X-Shopify-Webhook-Id': randomUUID(),
      'X-Shopify-Triggered-At': new Date(context.nowMs()).toISOString(),
      'X-Shopify-Event-Id': randomUUID(),
    },
  });
}
