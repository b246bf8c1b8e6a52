/**
 * WooCommerce webhook delivery as core does it (woocommerce.md §6.4): a POST of the resource's v3
 * representation with the X-WC-Webhook-* headers, signed base64 HMAC-SHA256 with the webhook's
 * secret; delivered when the answer is 200–302. Core does not retry a failed delivery; it counts
 * consecutive failures and disables the webhook after more than 5 (a success resets the count).
 * Each store has one order webhook, whose secret is the store's consumer secret (see the docs).
 */
import { randomUUID } from 'node:crypto';
import { wooWebhookSignature } from '../../src/connectors/woocommerce/webhook.ts';
import type { DeliveryRecord } from '../kit/webhook-sender.ts';
import { WebhookSender } from '../kit/webhook-sender.ts';
import type { StoreRecord } from './state.ts';

/** `woocommerce_max_webhook_delivery_failures` (§6.4). */
export const MAX_DELIVERY_FAILURES = 5;

/** Core's delivery waits up to a minute for the answer ([L]: the http args' timeout). */
const DELIVERY_TIMEOUT_MS = 60_000;

const USER_AGENT = 'WooCommerce/9.8.0 Hookshot (WordPress/6.8.0)';

export interface WebhookDeliveriesOptions {
  retryDelaysMs: number[];
  isTargetDown: () => boolean;
}

export class WebhookDeliveries {
  private readonly senders = new Map<StoreRecord, WebhookSender>();
  private readonly records: Array<{ record: DeliveryRecord; sender: WebhookSender }> = [];

  constructor(private readonly options: WebhookDeliveriesOptions) {}

  /** Sends one topic's payload to the store's delivery URL, if it has an active webhook. */
  send(store: StoreRecord, topic: 'order.created' | 'order.updated', payload: unknown): void {
    const url = store.seed.webhookUrl;
    if (!url || store.webhook.status !== 'active') return;
    // trim(wp_json_encode(payload)): PHP escapes '/' in JSON strings by default.
    const body = JSON.stringify(payload).replace(/\//g, '\\/');
    const [resource, event] = topic.split('.') as [string, string];
    const headers = {
      'user-agent': USER_AGENT,
      'x-wc-webhook-source': `${store.url}/`,
      'x-wc-webhook-topic': topic,
      'x-wc-webhook-resource': resource,
      'x-wc-webhook-event': event,
      'x-wc-webhook-signature': wooWebhookSignature(store.seed.appSecret, Buffer.from(body)),
      'x-wc-webhook-id': String(store.webhook.id),
      'x-wc-webhook-delivery-id': randomUUID().replace(/-/g, ''),
    };
    const sender = this.senderFor(store);
    const record = sender.send({ url, body, headers }, () => this.failed(store));
    this.records.push({ record, sender });
  }

  all(): DeliveryRecord[] {
    return this.records.map(({ record }) => ({ ...record }));
  }

  /** The last `count` first deliveries sent again, unchanged (even to a disabled webhook). */
  resendLast(count: number): number {
    const originals = this.records.filter(({ record }) => record.redelivery !== true).slice(-count);
    for (const { record, sender } of originals) {
      const again = sender.send({ url: record.url, body: record.body, headers: record.headers });
      again.redelivery = true;
      this.records.push({ record: again, sender });
    }
    return originals.length;
  }

  async drain(): Promise<void> {
    for (const sender of this.senders.values()) await sender.drain();
  }

  stop(): void {
    for (const sender of this.senders.values()) sender.stop();
  }

  private senderFor(store: StoreRecord): WebhookSender {
    let sender = this.senders.get(store);
    if (!sender) {
      sender = new WebhookSender({
        retryDelaysMs: this.options.retryDelaysMs,
        timeoutMs: DELIVERY_TIMEOUT_MS,
        isAccepted: (status) => {
          const accepted = status >= 200 && status <= 302;
          if (accepted) store.webhook.failureCount = 0;
          return accepted;
        },
        isTargetDown: this.options.isTargetDown,
      });
      this.senders.set(store, sender);
    }
    return sender;
  }

  private failed(store: StoreRecord): void {
    store.webhook.failureCount += 1;
    if (store.webhook.failureCount > MAX_DELIVERY_FAILURES) store.webhook.status = 'disabled';
  }
}
