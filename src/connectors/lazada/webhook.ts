/**
 * Lazada pushes (lazada.md §3.9): verifying the Authorization header on the raw body and reading
 * the body into a normalized WebhookEvent. Lazada sends no push id, so a push is identified by
 * the SHA-256 of its raw body: a redelivery has the same bytes and so the same id.
 */
import { createHash } from 'node:crypto';
import type { z } from 'zod';
import type { AppSecrets, WebhookEvent, WebhookRequest } from '../contract.ts';
import { ConnectorError } from '../errors.ts';
import { headerValue, hmacSha256Hex, signaturesMatch } from '../http/hmac.ts';
import { RawPush, RawReverseOrderPushData, RawTradeOrderPushData } from './raw-types.ts';

/** message_type of a trade order push (§3.9). */
export const LAZADA_TRADE_ORDER_PUSH = 0;

/** message_type of a reverse order push (returns, cancellations after payment, §3.9). */
export const LAZADA_REVERSE_ORDER_PUSH = 10;

/** message_type → name (§3.9 table); unknown numbers keep their number. */
const PUSH_TYPE_NAMES: Readonly<Record<number, string>> = {
  0: 'trade_order',
  1: 'product_qc',
  2: 'im_message',
  3: 'product_update',
  6: 'shallow_stock',
  7: 'short_video',
  8: 'token_expiration',
  10: 'reverse_order',
  11: 'promotion',
  12: 'product_category_update',
  13: 'seller_status',
  14: 'fulfillment_order',
  19: 'im_session',
  21: 'product_review',
  35: 'jit_po_status',
  46: 'jit_pickup',
};

/**
 * The Authorization value of a push: hex HMAC-SHA256(app_secret, app_key + raw body) (§3.9,
 * vector `lazada-push-authorization`). Lower case, as the doc's Java sample prints it.
 */
export function lazadaPushSignature(secrets: AppSecrets, rawBody: Buffer | string): string {
  const body = typeof rawBody === 'string' ? Buffer.from(rawBody, 'utf8') : rawBody;
  return hmacSha256Hex(
    secrets.appSecret,
    Buffer.concat([Buffer.from(secrets.appKey, 'utf8'), body]),
  );
}

/**
 * True when the Authorization header is the signature of the raw body. Case-insensitive (the
 * doc's sample is lower case, a community SDK compares upper case, §3.9); constant-time; never
 * throws (a missing header is false).
 */
export function verifyLazadaPush(request: WebhookRequest, secrets: AppSecrets): boolean {
  const received = headerValue(request.headers, 'authorization');
  return signaturesMatch(lazadaPushSignature(secrets, request.rawBody), received?.toLowerCase());
}

/**
 * Reads a verified push. A trade order push (type 0) is an 'order' event with the order status
 * as sent; so is a reverse order push (type 10), whose order read picks up the return; every
 * other type is 'other'. `updatedAtMs` is the push's `status_update_time` (seconds).
 * @throws ConnectorError('BAD_PAYLOAD') when the body is not JSON or not the documented shape.
 */
export function parseLazadaPush(rawBody: Buffer): WebhookEvent {
  const push = parseWith(RawPush, parseJson(rawBody), 'push body');
  const eventId = `sha256:${createHash('sha256').update(rawBody).digest('hex')}`;
  const platformShopId = push.seller_id;
  if (push.message_type === LAZADA_TRADE_ORDER_PUSH) {
    const data = parseWith(RawTradeOrderPushData, push.data, 'trade order data');
    const updatedAtMs = data.status_update_time * 1000;
    return {
      kind: 'order',
      eventId,
      platformShopId,
      orderId: data.trade_order_id,
      rawStatus: data.order_status,
      updatedAtMs,
    };
  }
  if (push.message_type === LAZADA_REVERSE_ORDER_PUSH) {
    const data = parseWith(RawReverseOrderPushData, push.data, 'reverse order data');
    const rawStatus = data.reverse_status ?? 'reverse';
    const updatedAtMs = data.status_update_time * 1000;
    return {
      kind: 'order',
      eventId,
      platformShopId,
      orderId: data.trade_order_id,
      rawStatus,
      updatedAtMs,
    };
  }
  const type = PUSH_TYPE_NAMES[push.message_type] ?? String(push.message_type);
  return { kind: 'other', eventId, platformShopId, type };
}

function parseJson(rawBody: Buffer): unknown {
  try {
    return JSON.parse(rawBody.toString('utf8')) as unknown;
  } catch (error) {
    throw badPayload('the body is not JSON', error);
  }
}

function parseWith<T extends z.ZodType>(schema: T, value: unknown, what: string): z.output<T> {
  const result = schema.safeParse(value);
  if (!result.success) throw badPayload(`${what} does not conform`, result.error);
  return result.data;
}

function badPayload(message: string, cause?: unknown): ConnectorError {
  return new ConnectorError('BAD_PAYLOAD', `Lazada push: ${message}`, { cause });
}
