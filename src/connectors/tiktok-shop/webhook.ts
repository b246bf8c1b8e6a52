/**
 * TikTok Shop webhooks (tiktok-shop.md §1.9): verifying the Authorization header on the raw body
 * and reading the envelope into a normalized WebhookEvent.
 */
import { createHash } from 'node:crypto';
import type { z } from 'zod';
import type { AppSecrets, WebhookEvent, WebhookRequest } from '../contract.ts';
import { ConnectorError } from '../errors.ts';
import { headerValue, hmacSha256Hex, signaturesMatch } from '../http/hmac.ts';
import {
  RawOrderStatusChangeData,
  RawReturnStatusChangeData,
  RawWebhookEnvelope,
} from './raw-types.ts';

/** Webhook type numbers → event names (§1.9 table); unknown numbers keep their number. */
const WEBHOOK_TYPE_NAMES: Readonly<Record<number, string>> = {
  1: 'ORDER_STATUS_CHANGE',
  2: 'REVERSE_STATUS_UPDATE',
  3: 'RECIPIENT_ADDRESS_UPDATE',
  4: 'PACKAGE_UPDATE',
  5: 'PRODUCT_STATUS_CHANGE',
  6: 'SELLER_DEAUTHORIZATION',
  7: 'UPCOMING_AUTHORIZATION_EXPIRATION',
  11: 'CANCELLATION_STATUS_CHANGE',
  12: 'RETURN_STATUS_CHANGE',
  15: 'PRODUCT_INFORMATION_CHANGE',
  16: 'PRODUCT_CREATION',
  24: 'FBT_INVENTORY_UPDATE',
  27: 'INVENTORY_STATUS_CHANGE',
};

/** The type number of ORDER_STATUS_CHANGE. */
export const TIKTOK_ORDER_STATUS_CHANGE = 1;

/** The type number of RETURN_STATUS_CHANGE: a return changes the order's stock as well (§1.8). */
export const TIKTOK_RETURN_STATUS_CHANGE = 12;

/**
 * The Authorization value TikTok sends: lowercase hex HMAC-SHA256(app_secret, app_key + raw body)
 * (§1.9, from EcomPHP and laraditz, vector `tiktok-webhook-authorization`).
 */
export function tiktokWebhookSignature(secrets: AppSecrets, rawBody: Buffer): string {
  const message = Buffer.concat([Buffer.from(secrets.appKey, 'utf8'), rawBody]);
  return hmacSha256Hex(secrets.appSecret, message);
}

/**
 * True when the request's Authorization header (no "Bearer " prefix) is the signature of its raw
 * body. Constant-time; never throws (a missing header is simply false).
 */
export function verifyTikTokShopWebhook(request: WebhookRequest, secrets: AppSecrets): boolean {
  const received = headerValue(request.headers, 'authorization');
  const expected = tiktokWebhookSignature(secrets, request.rawBody);
  return signaturesMatch(expected, received?.toLowerCase());
}

/**
 * Reads a verified webhook body. ORDER_STATUS_CHANGE becomes an 'order' event (the webhook's
 * `CANCEL` is passed on as sent; mapping.ts reads both `CANCEL` and `CANCELLED`); so does
 * RETURN_STATUS_CHANGE, with the return status as the raw status, because the order read it
 * triggers picks up the return (returns.ts); any other type becomes 'other'. The event id is `tts_notification_id`, or a sha256 of the body when it is
 * missing, so a redelivered body always has the same id.
 * @throws ConnectorError('BAD_PAYLOAD') when the body is not JSON or not the documented shape.
 */
export function parseTikTokShopWebhook(rawBody: Buffer): WebhookEvent {
  const envelope = parseWithSchema(RawWebhookEnvelope, parseJson(rawBody), 'webhook envelope');
  const eventId = envelope.tts_notification_id ?? `sha256:${sha256Hex(rawBody)}`;
  if (envelope.type === TIKTOK_RETURN_STATUS_CHANGE) return readReturnEvent(envelope, eventId);
  if (envelope.type !== TIKTOK_ORDER_STATUS_CHANGE) {
    return {
      kind: 'other',
      eventId,
      platformShopId: envelope.shop_id ?? null,
      type: WEBHOOK_TYPE_NAMES[envelope.type] ?? String(envelope.type),
    };
  }
  if (envelope.shop_id === undefined) throw badPayload('ORDER_STATUS_CHANGE without shop_id');
  const data = parseWithSchema(RawOrderStatusChangeData, envelope.data, 'ORDER_STATUS_CHANGE data');
  return {
    kind: 'order',
    eventId,
    platformShopId: envelope.shop_id,
    orderId: data.order_id,
    rawStatus: data.order_status,
    updatedAtMs: data.update_time * 1000,
  };
}

function readReturnEvent(
  envelope: z.output<typeof RawWebhookEnvelope>,
  eventId: string,
): WebhookEvent {
  if (envelope.shop_id === undefined) throw badPayload('RETURN_STATUS_CHANGE without shop_id');
  const data = parseWithSchema(
    RawReturnStatusChangeData,
    envelope.data,
    'RETURN_STATUS_CHANGE data',
  );
  return {
    kind: 'order',
    eventId,
    platformShopId: envelope.shop_id,
    orderId: data.order_id,
    rawStatus: data.return_status,
    updatedAtMs: data.update_time * 1000,
  };
}

function parseJson(rawBody: Buffer): unknown {
  try {
    return JSON.parse(rawBody.toString('utf8')) as unknown;
  } catch (error) {
    throw badPayload('webhook body is not JSON', error);
  }
}

function parseWithSchema<T extends z.ZodType>(
  schema: T,
  value: unknown,
  what: string,
): z.output<T> {
  const result = schema.safeParse(value);
  if (!result.success) throw badPayload(`${what} does not conform`, result.error);
  return result.data;
}

function badPayload(message: string, cause?: unknown): ConnectorError {
  return new ConnectorError('BAD_PAYLOAD', `TikTok Shop webhook: ${message}`, { cause });
}

function sha256Hex(body: Buffer): string {
  return createHash('sha256').update(body).digest('hex');
}
