/**
 * WooCommerce webhooks (woocommerce.md §6.4): verifying X-WC-Webhook-Signature on the raw body and
 * reading the body (the resource's whole v3 representation) into a normalized WebhookEvent.
 */
import { createHash, createHmac } from 'node:crypto';
import type { AppSecrets, ShopAuth, WebhookEvent, WebhookRequest } from '../contract.ts';
import { ConnectorError } from '../errors.ts';
import { headerValue, signaturesMatch } from '../http/hmac.ts';
import { toPlatformOrder } from './mapping.ts';
import { RawOrder } from './raw-types.ts';

/** base64 HMAC-SHA256(webhook secret, raw body) (§6.4, vector `woocommerce-webhook-signature`). */
export function wooWebhookSignature(secret: string, rawBody: Buffer): string {
  return createHmac('sha256', secret).update(rawBody).digest('base64');
}

/**
 * True when X-WC-Webhook-Signature is the signature of the raw body under `secrets.appSecret`,
 * which for WooCommerce is the webhook's own secret (see `wooWebhookSecrets`). Constant-time;
 * never throws. The unsigned ping WooCommerce sends when a webhook is saved is false here.
 */
export function verifyWooCommerceWebhook(request: WebhookRequest, secrets: AppSecrets): boolean {
  const received = headerValue(request.headers, 'x-wc-webhook-signature');
  if (!received || secrets.appSecret === '') return false;
  return signaturesMatch(wooWebhookSignature(secrets.appSecret, request.rawBody), received.trim());
}

/**
 * The secrets a shop's webhooks verify with: the secret is per webhook in WooCommerce, not the
 * consumer secret. It is `auth.extra.webhookSecret` when the seller gave one, else the consumer
 * secret (the docs ask sellers to use it as the webhook secret, so one secret serves both).
 */
export function wooWebhookSecrets(
  auth: Pick<ShopAuth, 'appKey' | 'appSecret' | 'extra'>,
): AppSecrets {
  return { appKey: auth.appKey, appSecret: auth.extra?.webhookSecret || auth.appSecret };
}

/**
 * The store's URL as StockPool names the shop: scheme and host lowercased, no trailing slash.
 * `X-WC-Webhook-Source` is the site's home URL with a trailing slash (§6.4).
 */
export function normalizeWooStoreUrl(url: string): string {
  const trimmed = url.trim().replace(/\/+$/, '');
  const match = /^(https?):\/\/([^/?#]+)(.*)$/i.exec(trimmed);
  if (!match) return trimmed;
  return `${match[1]!.toLowerCase()}://${match[2]!.toLowerCase()}${match[3]}`;
}

/**
 * Reads a verified webhook body. An order body (`order.created`, `order.updated`, …) becomes an
 * 'order' event carrying the whole order; the ping (`webhook_id=<n>`), product and deleted-order
 * bodies become 'other'. The shop is the X-WC-Webhook-Source header when given, else the store
 * part of the order's `_links.self` (the v3 representation links itself). The event id is a sha256
 * of the body: WooCommerce's delivery id is new on every attempt, a redelivered body is the same.
 * @throws ConnectorError('BAD_PAYLOAD') when the body is neither the ping nor a v3 resource.
 */
export function parseWooCommerceWebhook(
  rawBody: Buffer,
  headers: WebhookRequest['headers'] = {},
): WebhookEvent {
  const text = rawBody.toString('utf8');
  const eventId = `sha256:${createHash('sha256').update(rawBody).digest('hex')}`;
  const source = headerValue(headers, 'x-wc-webhook-source');
  const topic = headerValue(headers, 'x-wc-webhook-topic');
  const shopFromHeader = source ? normalizeWooStoreUrl(source) : null;
  if (/^webhook_id=\d+$/.test(text.trim()))
    return { kind: 'other', eventId, platformShopId: shopFromHeader, type: 'ping' };
  const body = parseObject(text);
  if (topic && !topic.startsWith('order.'))
    return { kind: 'other', eventId, platformShopId: shopFromHeader, type: topic };
  const parsed = RawOrder.safeParse(body);
  if (!parsed.success) return notAnOrder(body, { eventId, shopFromHeader, topic });
  const order = toPlatformOrder(parsed.data);
  const platformShopId = shopFromHeader ?? storeUrlOfLinks(parsed.data);
  if (!platformShopId)
    throw badPayload('the order names no store (no X-WC-Webhook-Source, no _links)');
  return {
    kind: 'order',
    eventId,
    platformShopId,
    orderId: order.orderId,
    rawStatus: order.rawStatus,
    updatedAtMs: order.updatedAtMs,
    order,
  };
}

/** A deleted resource's body is only `{id}`; a product is an other event; anything else is bad. */
function notAnOrder(
  body: Record<string, unknown>,
  a: { eventId: string; shopFromHeader: string | null; topic: string | undefined },
): WebhookEvent {
  const keys = Object.keys(body);
  if (keys.length === 1 && keys[0] === 'id' && Number.isInteger(body.id))
    return {
      kind: 'other',
      eventId: a.eventId,
      platformShopId: a.shopFromHeader,
      type: a.topic ?? 'order.deleted',
    };
  if (Number.isInteger(body.id) && typeof body.type === 'string' && 'stock_status' in body)
    return {
      kind: 'other',
      eventId: a.eventId,
      platformShopId: a.shopFromHeader,
      type: a.topic ?? 'product.updated',
    };
  throw badPayload('the body is not a WooCommerce order');
}

/** `https://shop.example/wp-json/wc/v3/orders/727` → `https://shop.example`. */
function storeUrlOfLinks(order: RawOrder): string | null {
  const href = order._links?.self?.[0]?.href;
  if (!href) return null;
  const at = href.search(/\/(wp-json\/|index\.php|\?rest_route=)/);
  return at > 0 ? normalizeWooStoreUrl(href.slice(0, at)) : null;
}

function parseObject(text: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch (error) {
    throw badPayload('the body is not JSON', error);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw badPayload('the body is not a JSON object');
  return value as Record<string, unknown>;
}

function badPayload(message: string, cause?: unknown): ConnectorError {
  return new ConnectorError('BAD_PAYLOAD', `WooCommerce webhook: ${message}`, { cause });
}
