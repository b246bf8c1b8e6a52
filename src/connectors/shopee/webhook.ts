/**
 * Shopee push (webhook) verification and parsing (shopee.md §2.9). The `Authorization` header is
 * lowercase hex HMAC-SHA256(partner_key, callback_url + "|" + raw_body), where the URL is exactly
 * the registered one. Shopee sends no notification id, so a push is identified by the SHA-256 of
 * its raw body: a redelivery of the same push has the same bytes and so the same id.
 */
import { createHash } from 'node:crypto';
import type { AppSecrets, WebhookEvent, WebhookRequest } from '../contract.ts';
import { ConnectorError } from '../errors.ts';
import { headerValue, hmacSha256Hex, signaturesMatch } from '../http/hmac.ts';
import { RawOrderStatusPushData, RawShopeePush } from './raw-types.ts';

/** Push code of an order status change (§2.9). */
export const SHOPEE_ORDER_STATUS_PUSH = 3;

/** The Authorization value Shopee sends for one push (also used by the emulator). */
export function shopeePushSignature(
  partnerKey: string,
  callbackUrl: string,
  rawBody: Buffer | string,
): string {
  const body = typeof rawBody === 'string' ? Buffer.from(rawBody, 'utf8') : rawBody;
  return hmacSha256Hex(partnerKey, Buffer.concat([Buffer.from(`${callbackUrl}|`, 'utf8'), body]));
}

/**
 * Constant-time check of a push's Authorization header over the exact received bytes.
 * `secrets.appSecret` is the partner_key. False when the header is missing or differs.
 */
export function verifyShopeePush(request: WebhookRequest, secrets: AppSecrets): boolean {
  const received = headerValue(request.headers, 'authorization');
  const expected = shopeePushSignature(secrets.appSecret, request.url, request.rawBody);
  return signaturesMatch(expected, received);
}

/**
 * Reads a verified push. Code 3 becomes an order event (the push says `ordersn`, §2.9); every
 * other code is 'other' with type `code_<n>`. Throws ConnectorError('BAD_PAYLOAD') when the body
 * is not JSON or does not have the documented shape.
 */
export function parseShopeePush(rawBody: Buffer): WebhookEvent {
  const push = RawShopeePush.safeParse(parseJson(rawBody));
  if (!push.success) throw badPush(push.error);
  const eventId = createHash('sha256').update(rawBody).digest('hex');
  const platformShopId = push.data.shop_id === undefined ? null : String(push.data.shop_id);
  if (push.data.code !== SHOPEE_ORDER_STATUS_PUSH) {
    return { kind: 'other', eventId, platformShopId, type: `code_${push.data.code}` };
  }
  const data = RawOrderStatusPushData.safeParse(push.data.data);
  if (!data.success || platformShopId === null) throw badPush(data.error ?? 'shop_id missing');
  return {
    kind: 'order',
    eventId,
    platformShopId,
    orderId: data.data.ordersn,
    rawStatus: data.data.status,
    updatedAtMs: data.data.update_time * 1000,
  };
}

function parseJson(rawBody: Buffer): unknown {
  try {
    return JSON.parse(rawBody.toString('utf8')) as unknown;
  } catch (error) {
    throw badPush(error);
  }
}

function badPush(cause: unknown): ConnectorError {
  return new ConnectorError('BAD_PAYLOAD', 'the Shopee push does not have the documented shape', {
    cause,
  });
}
