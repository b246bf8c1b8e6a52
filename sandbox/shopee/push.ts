/**
 * Order status pushes (code 3) from the emulator to the shop's callback URL (§2.9): the body of
 * the official sample (`ordersn`, `status`, `update_time`), signed in the Authorization header
 * with hex HMAC-SHA256(partner_key, url + "|" + body), accepted on any 2xx. Shopee's retry
 * schedule is not in the sheet: by default 1 min, 5 min, 30 min (types.ts), overridable. A push
 * whose every attempt failed becomes a lost push of the shop's partner (lost-pushes.ts), with the
 * exact body sent, as v2.push.get_lost_push_message serves it.
 */
import { createHmac } from 'node:crypto';
import { WebhookSender } from '../kit/webhook-sender.ts';
import type { LostPushStore } from './lost-pushes.ts';
import {
  DEFAULT_PUSH_RETRY_DELAYS_MS,
  PUSH_TIMEOUT_MS,
  type EmulatedOrder,
  type EmulatedShop,
} from './types.ts';

export class OrderPushes {
  readonly sender: WebhookSender;

  constructor(
    private readonly nowMs: () => number,
    private readonly lost: LostPushStore,
    options: { retryDelaysMs?: number[]; isTargetDown?: () => boolean } = {},
  ) {
    this.sender = new WebhookSender({
      retryDelaysMs: options.retryDelaysMs ?? DEFAULT_PUSH_RETRY_DELAYS_MS,
      timeoutMs: PUSH_TIMEOUT_MS,
      isAccepted: (status) => status >= 200 && status < 300,
      isTargetDown: options.isTargetDown,
    });
  }

  /** Sends one order status push; nothing when the shop has no callback URL. */
  orderChanged(shop: EmulatedShop, order: EmulatedOrder): void {
    if (!shop.webhookUrl) return;
    const body = JSON.stringify({
      data: {
        items: [],
        ordersn: order.orderSn,
        status: order.status,
        completed_scenario: '',
        update_time: order.updateTimeSec,
      },
      shop_id: Number(shop.shopId),
      code: 3,
      timestamp: Math.floor(this.nowMs() / 1000),
    });
    const authorization = createHmac('sha256', shop.partnerKey)
      .update(`${shop.webhookUrl}|${body}`, 'utf8')
      .digest('hex');
    this.sender.send({ url: shop.webhookUrl, body, headers: { authorization } }, () =>
      this.lost.keep(shop.partnerId, body),
    );
  }
}
