// Proves TikTok Shop webhooks are verified by HMAC-SHA256(app_secret, app_key + raw body) on the
// Authorization header (vector `tiktok-webhook-authorization`) and read into normalized events,
// with malformed bodies refused as BAD_PAYLOAD (tiktok-shop.md §1.9).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isConnectorError } from '../errors.ts';
import { parseTikTokShopWebhook, verifyTikTokShopWebhook } from './webhook.ts';

/** vectors.json `tiktok-webhook-authorization` (EcomPHP WebhookTest sample data). */
const VECTOR = {
  secrets: { appKey: 'fake_app_key', appSecret: 'fake_app_secret' },
  rawBody:
    '{"type":1,"shop_id":"7494726673780148744","timestamp":1664095733,"data":{"order_id":"576684019603311365","order_status":"AWAITING_SHIPMENT","update_time":1664095610}}',
  expected: '21109834de72ec53c9959716d8514ae388ce1f123e5ffdcafc46713fcdf62b27',
};

const request = (authorization: string | undefined, body = VECTOR.rawBody) => ({
  rawBody: Buffer.from(body),
  headers: authorization === undefined ? {} : { Authorization: authorization },
  url: 'https://stockpool.example/webhooks/tiktok',
});

const isBadPayload = (error: unknown) => isConnectorError(error) && error.code === 'BAD_PAYLOAD';

describe('verifyTikTokShopWebhook', () => {
  it('accepts the vector signature, whatever the header name case', () => {
    assert.equal(verifyTikTokShopWebhook(request(VECTOR.expected), VECTOR.secrets), true);
    const lower = { ...request(undefined), headers: { authorization: VECTOR.expected } };
    assert.equal(verifyTikTokShopWebhook(lower, VECTOR.secrets), true);
  });

  it('refuses a changed body, another secret, another app key and a missing header', () => {
    const { secrets } = VECTOR;
    const changed = VECTOR.rawBody.replace('AWAITING_SHIPMENT', 'CANCEL');
    assert.equal(verifyTikTokShopWebhook(request(VECTOR.expected, changed), secrets), false);
    const otherSecret = { ...secrets, appSecret: 'other' };
    assert.equal(verifyTikTokShopWebhook(request(VECTOR.expected), otherSecret), false);
    const otherKey = { ...secrets, appKey: 'other' };
    assert.equal(verifyTikTokShopWebhook(request(VECTOR.expected), otherKey), false);
    assert.equal(verifyTikTokShopWebhook(request(undefined), secrets), false);
    assert.equal(verifyTikTokShopWebhook(request(`Bearer ${VECTOR.expected}`), secrets), false);
  });
});

describe('parseTikTokShopWebhook', () => {
  it('reads ORDER_STATUS_CHANGE into an order event, seconds into ms', () => {
    const body = JSON.stringify({
      type: 1,
      tts_notification_id: '7327112393057371910',
      shop_id: '7494049642642441621',
      timestamp: 1644412885,
      data: { order_id: '576486316948490001', order_status: 'CANCEL', update_time: 1644412880 },
    });
    assert.deepEqual(parseTikTokShopWebhook(Buffer.from(body)), {
      kind: 'order',
      eventId: '7327112393057371910',
      platformShopId: '7494049642642441621',
      orderId: '576486316948490001',
      rawStatus: 'CANCEL',
      updatedAtMs: 1644412880000,
    });
  });

  it('derives a stable event id from the body when tts_notification_id is missing', () => {
    const first = parseTikTokShopWebhook(Buffer.from(VECTOR.rawBody));
    const again = parseTikTokShopWebhook(Buffer.from(VECTOR.rawBody));
    const other = parseTikTokShopWebhook(
      Buffer.from(VECTOR.rawBody.replace('1664095610', '1664095611')),
    );
    assert.match(first.eventId, /^sha256:[0-9a-f]{64}$/);
    assert.equal(again.eventId, first.eventId);
    assert.notEqual(other.eventId, first.eventId);
  });

  it('reads other types as other events named by their type', () => {
    const body = { type: 11, tts_notification_id: 'n1', shop_id: 's1', timestamp: 1, data: {} };
    assert.deepEqual(parseTikTokShopWebhook(Buffer.from(JSON.stringify(body))), {
      kind: 'other',
      eventId: 'n1',
      platformShopId: 's1',
      type: 'CANCELLATION_STATUS_CHANGE',
    });
    const unknown = { ...body, type: 999 };
    const event = parseTikTokShopWebhook(Buffer.from(JSON.stringify(unknown)));
    assert.equal(event.kind === 'other' && event.type, '999');
  });

  it('refuses bodies that are not JSON or not the documented shape as BAD_PAYLOAD', () => {
    const orderWithoutData = { type: 1, tts_notification_id: 'n', shop_id: 's', timestamp: 1 };
    const orderWithoutShop = {
      type: 1,
      data: { order_id: '1', order_status: 'UNPAID', update_time: 1 },
    };
    for (const body of [
      '{',
      '"text"',
      '{"type":"1"}',
      JSON.stringify(orderWithoutData),
      JSON.stringify(orderWithoutShop),
    ])
      assert.throws(() => parseTikTokShopWebhook(Buffer.from(body)), isBadPayload, body);
  });
});
