// Proves Lazada push handling (lazada.md §3.9): a genuine push verifies in either letter case, a
// forged or altered one does not, the body reads into a normalized event whose id is stable for
// the same bytes, and malformed bodies are BAD_PAYLOAD.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isConnectorError } from '../errors.ts';
import { lazadaPushSignature, parseLazadaPush, verifyLazadaPush } from './webhook.ts';

const SECRETS = { appKey: '123456', appSecret: '3412gyo124goi3124' };
const BODY =
  '{"seller_id":"1234567","message_type":0,"data":{"order_status":"unpaid","trade_order_id":"260422900198363","trade_order_line_id":"260422900298363","status_update_time":1603698638},"timestamp":1603766859530,"site":"lazada_vn"}';
const SIGNATURE = '59e04e1b1f307b7180fd58126161907cd20d33ac17cbce90ec2ae19907e701e6';

const request = (body: string, authorization?: string) => ({
  rawBody: Buffer.from(body),
  headers: authorization === undefined ? {} : { Authorization: authorization },
  url: 'https://stockpool.example/webhooks/lazada',
});

test('a genuine push verifies, in lower or upper case', () => {
  assert.equal(lazadaPushSignature(SECRETS, BODY), SIGNATURE);
  assert.equal(verifyLazadaPush(request(BODY, SIGNATURE), SECRETS), true);
  assert.equal(verifyLazadaPush(request(BODY, SIGNATURE.toUpperCase()), SECRETS), true);
});

test('a forged, altered or unsigned push does not verify', () => {
  assert.equal(
    verifyLazadaPush(request(BODY, SIGNATURE), { ...SECRETS, appSecret: 'other' }),
    false,
  );
  assert.equal(verifyLazadaPush(request(BODY, SIGNATURE), { ...SECRETS, appKey: '654321' }), false);
  assert.equal(
    verifyLazadaPush(request(BODY.replace('unpaid', 'pending'), SIGNATURE), SECRETS),
    false,
  );
  assert.equal(verifyLazadaPush(request(BODY), SECRETS), false);
  assert.equal(verifyLazadaPush(request(BODY, 'short'), SECRETS), false);
});

test('a trade order push is an order event named by seller_id, with a stable body hash as id', () => {
  const event = parseLazadaPush(Buffer.from(BODY));
  assert.deepEqual(
    { ...event, eventId: undefined },
    {
      kind: 'order',
      eventId: undefined,
      platformShopId: '1234567',
      orderId: '260422900198363',
      rawStatus: 'unpaid',
      updatedAtMs: 1603698638000,
    },
  );
  assert.equal(parseLazadaPush(Buffer.from(BODY)).eventId, event.eventId);
  assert.notEqual(
    parseLazadaPush(Buffer.from(BODY.replace('unpaid', 'pending'))).eventId,
    event.eventId,
  );
});

test('a reverse order push is an order event; other types are "other"', () => {
  const reverse = parseLazadaPush(
    Buffer.from(
      JSON.stringify({
        seller_id: 1234567,
        message_type: 10,
        data: {
          trade_order_id: 2604,
          reverse_order_id: 77,
          reverse_status: 'REQUEST_INITIATE',
          status_update_time: 1603698700,
        },
        timestamp: 1603766859530,
      }),
    ),
  );
  assert.equal(reverse.kind === 'order' && reverse.orderId, '2604');
  const token = parseLazadaPush(
    Buffer.from('{"seller_id":"9","message_type":8,"data":{},"timestamp":1}'),
  );
  assert.deepEqual(
    { ...token, eventId: '' },
    { kind: 'other', eventId: '', platformShopId: '9', type: 'token_expiration' },
  );
});

test('bodies that are not a Lazada push are BAD_PAYLOAD', () => {
  const bad = [
    'not json',
    '[]',
    '{"unexpected":true}',
    '{"seller_id":"1","message_type":0,"data":{"order_status":"unpaid"},"timestamp":1}',
    '{"seller_id":"1","message_type":"zero","data":{},"timestamp":1}',
  ];
  for (const body of bad)
    assert.throws(
      () => parseLazadaPush(Buffer.from(body)),
      (error: unknown) => isConnectorError(error) && error.code === 'BAD_PAYLOAD',
      body,
    );
});
