/**
 * Proves Shopee push verification reproduces the published vector (shopee-push-authorization),
 * refuses a wrong key, a tampered body, another URL or a missing header, and that parsing turns
 * an order status push into an order event and malformed bodies into BAD_PAYLOAD.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ConnectorError } from '../errors.ts';
import { parseShopeePush, shopeePushSignature, verifyShopeePush } from './webhook.ts';

const PARTNER_KEY = 'shpk_test_partner_key_0123456789abcdef';
const CALLBACK_URL = 'https://example.com/shopee/push';
const RAW_BODY =
  '{"data":{"items":[],"ordersn":"220810QSK8S7BX","status":"PROCESSED","completed_scenario":"","update_time":1660123127},"shop_id":727720655,"code":3,"timestamp":1660123127}';
const EXPECTED = '275af07bbe53c1b909b73965082ad833fa7c07a256bad9eda8c2a6ff02c673d8';
const SECRETS = { appKey: '2001887', appSecret: PARTNER_KEY };

function request(body: string, authorization: string | undefined, url = CALLBACK_URL) {
  return { rawBody: Buffer.from(body, 'utf8'), headers: { authorization }, url };
}

describe('Shopee push verification', () => {
  it('computes the vector signature over url|body', () => {
    assert.equal(shopeePushSignature(PARTNER_KEY, CALLBACK_URL, RAW_BODY), EXPECTED);
  });

  it('accepts the vector push with its Authorization header, whatever the header case', () => {
    assert.equal(verifyShopeePush(request(RAW_BODY, EXPECTED), SECRETS), true);
    const upperCased = { ...request(RAW_BODY, undefined), headers: { Authorization: EXPECTED } };
    assert.equal(verifyShopeePush(upperCased, SECRETS), true);
  });

  it('refuses a push signed with another key', () => {
    const wrong = shopeePushSignature('another-key', CALLBACK_URL, RAW_BODY);
    assert.equal(verifyShopeePush(request(RAW_BODY, wrong), SECRETS), false);
  });

  it('refuses a tampered body, another callback URL and a missing header', () => {
    const tampered = RAW_BODY.replace('PROCESSED', 'CANCELLED');
    assert.equal(verifyShopeePush(request(tampered, EXPECTED), SECRETS), false);
    assert.equal(
      verifyShopeePush(request(RAW_BODY, EXPECTED, 'https://example.com/other'), SECRETS),
      false,
    );
    assert.equal(verifyShopeePush(request(RAW_BODY, undefined), SECRETS), false);
  });
});

describe('Shopee push parsing', () => {
  it('reads an order status push (code 3) with ordersn, status and update_time in ms', () => {
    const event = parseShopeePush(Buffer.from(RAW_BODY));
    assert.equal(event.kind, 'order');
    assert.ok(event.kind === 'order');
    assert.equal(event.orderId, '220810QSK8S7BX');
    assert.equal(event.rawStatus, 'PROCESSED');
    assert.equal(event.updatedAtMs, 1660123127000);
    assert.equal(event.platformShopId, '727720655');
    assert.match(event.eventId, /^[0-9a-f]{64}$/);
  });

  it('gives the same event id to a redelivery of the same bytes and another id to another push', () => {
    const first = parseShopeePush(Buffer.from(RAW_BODY)).eventId;
    assert.equal(parseShopeePush(Buffer.from(RAW_BODY)).eventId, first);
    const other = RAW_BODY.replace('1660123127}', '1660123128}');
    assert.notEqual(parseShopeePush(Buffer.from(other)).eventId, first);
  });

  it('reads other push codes as kind other with the code as type', () => {
    const body = JSON.stringify({ data: { item_id: 1 }, shop_id: 42, code: 6, timestamp: 1 });
    const event = parseShopeePush(Buffer.from(body));
    assert.deepEqual(
      { ...event, eventId: 'x' },
      {
        kind: 'other',
        eventId: 'x',
        platformShopId: '42',
        type: 'code_6',
      },
    );
  });

  it('refuses non-JSON bodies and order pushes without ordersn as BAD_PAYLOAD', () => {
    const isBadPayload = (error: unknown) =>
      error instanceof ConnectorError && error.code === 'BAD_PAYLOAD';
    assert.throws(() => parseShopeePush(Buffer.from('not json')), isBadPayload);
    const noOrder = JSON.stringify({
      data: { status: 'SHIPPED', update_time: 1 },
      shop_id: 1,
      code: 3,
    });
    assert.throws(() => parseShopeePush(Buffer.from(noOrder)), isBadPayload);
    assert.throws(() => parseShopeePush(Buffer.from('{"code":"3"}')), isBadPayload);
  });
});
