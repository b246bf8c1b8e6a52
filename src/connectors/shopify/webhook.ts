/**
 * Shopify webhooks (§5.4): verifying `X-Shopify-Hmac-Sha256` on the raw body, and reading a body
 * into a WebhookEvent. The headers name what the body does not: the topic (`X-Shopify-Topic`),
 * the shop (`X-Shopify-Shop-Domain`, the platformShopId) and the delivery
 * (`X-Shopify-Webhook-Id`, the same on every retry of one delivery: the event id). The newer
 * "Events" delivery spells them lower-case `shopify-*`; both are read.
 */
import { createHash } from 'node:crypto';
import type { AppSecrets, WebhookEvent, WebhookRequest } from '../contract.ts';
import { ConnectorError } from '../errors.ts';
import { headerValue, signaturesMatch } from '../http/hmac.ts';
import { toPlatformOrderFromRest } from './mapping.ts';
import { RawRestOrder, RawRestRefund } from './raw-types.ts';
import { shopifyWebhookHmac } from './signing.ts';

type Headers = WebhookRequest['headers'];

/** Topics whose body is the whole order (§5.4). */
const ORDER_TOPICS = new Set([
  'orders/create',
  'orders/paid',
  'orders/cancelled',
  'orders/updated',
  'orders/fulfilled',
  'orders/partially_fulfilled',
  'orders/edited',
]);

const REFUND_TOPIC = 'refunds/create';

/** True when the body's HMAC matches the header, in constant time; never throws. */
export function verifyShopifyWebhook(request: WebhookRequest, secrets: AppSecrets): boolean {
  const received = shopifyHeader(request.headers, 'hmac-sha256');
  if (!received) return false;
  return signaturesMatch(shopifyWebhookHmac(secrets.appSecret, request.rawBody), received.trim());
}

/**
 * Reads a verified webhook. orders/* bodies are the REST order: an 'order' event carrying the
 * mapped order. refunds/create bodies are the refund: an 'order' event naming the order, to be
 * read again. Other topics are 'other'. Without headers (a body alone), the topic is told by the
 * body's shape and the event id is a hash of the body; an order event still needs the shop domain.
 * @throws ConnectorError('BAD_PAYLOAD') when the body is not JSON or not the topic's shape.
 */
export function parseShopifyWebhook(rawBody: Buffer, headers: Headers = {}): WebhookEvent {
  const body = parseJson(rawBody);
  const eventId =
    shopifyHeader(headers, 'webhook-id') ??
    shopifyHeader(headers, 'event-id') ??
    `sha256:${createHash('sha256').update(rawBody).digest('hex')}`;
  const shop = shopifyHeader(headers, 'shop-domain') ?? null;
  const topic = shopifyHeader(headers, 'topic') ?? topicByShape(body);
  if (topic !== REFUND_TOPIC && !ORDER_TOPICS.has(topic))
    return { kind: 'other', eventId, platformShopId: shop, type: topic };
  if (shop === null) throw badPayload(`${topic} without X-Shopify-Shop-Domain`);
  if (topic === REFUND_TOPIC) {
    const refund = RawRestRefund.safeParse(body);
    if (!refund.success) throw badPayload('refunds/create body does not conform', refund.error);
    return {
      kind: 'order',
      eventId,
      platformShopId: shop,
      orderId: String(refund.data.order_id),
      rawStatus: 'refunded',
      updatedAtMs: Date.parse(refund.data.processed_at ?? refund.data.created_at),
    };
  }
  const raw = RawRestOrder.safeParse(body);
  if (!raw.success) throw badPayload(`${topic} body does not conform`, raw.error);
  const order = toPlatformOrderFromRest(raw.data);
  if (Number.isNaN(order.updatedAtMs)) throw badPayload(`${topic}: updated_at is not a time`);
  return {
    kind: 'order',
    eventId,
    platformShopId: shop,
    orderId: order.orderId,
    rawStatus: order.rawStatus,
    updatedAtMs: order.updatedAtMs,
    order,
  };
}

/** `X-Shopify-<name>`, or the Events delivery's `shopify-<name>`. */
function shopifyHeader(headers: Headers, name: string): string | undefined {
  return headerValue(headers, `x-shopify-${name}`) ?? headerValue(headers, `shopify-${name}`);
}

/** The topic a header-less body must be: a refund, an order, or nothing StockPool knows. */
function topicByShape(body: unknown): string {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw badPayload('the body is not a JSON object');
  if ('order_id' in body && 'refund_line_items' in body) return REFUND_TOPIC;
  if ('line_items' in body) return 'orders/updated';
  throw badPayload('the body is neither an order nor a refund');
}

function parseJson(rawBody: Buffer): unknown {
  try {
    return JSON.parse(rawBody.toString('utf8')) as unknown;
  } catch (error) {
    throw badPayload('the body is not JSON', error);
  }
}

function badPayload(message: string, cause?: unknown): ConnectorError {
  return new ConnectorError('BAD_PAYLOAD', `Shopify webhook: ${message}`, { cause });
}
