/**
 * Proves the Shopee emulator's API behaves as the fact sheet describes, over raw HTTP without the
 * connector: the envelope, and the error names for a window over 15 days
 * (order.order_list_invalid_time), a repeated model ("Repeat model_id."), OUT_OF_STOCK without
 * item_list, a reused refresh token ("Invalid refresh_token.") and the 429 throttle per path.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  PARTNER_ID,
  PARTNER_KEY,
  SHOP_ID,
  startShopeeFixture,
  type ShopeeFixture,
} from './emulator-fixture.ts';
import { signedCommonParams } from './signing.ts';

const MUG = { itemId: '500', variantId: '0' };

/** One raw call to the emulator, signed as a shop call (or a public one without a token). */
async function call(
  fixture: ShopeeFixture,
  request: {
    method: 'GET' | 'POST';
    path: string;
    query?: Record<string, string>;
    body?: unknown;
    shop?: boolean;
  },
): Promise<{ status: number; body: Record<string, unknown> }> {
  const params = signedCommonParams({
    partnerId: PARTNER_ID,
    partnerKey: PARTNER_KEY,
    path: request.path,
    timestampSec: Math.floor(Date.now() / 1000),
    shop:
      request.shop === false
        ? undefined
        : { accessToken: fixture.auth.accessToken, shopId: SHOP_ID },
  });
  for (const [key, value] of Object.entries(request.query ?? {})) params.append(key, value);
  const response = await fetch(`${fixture.emulator.baseUrl}${request.path}?${params.toString()}`, {
    method: request.method,
    headers: request.body === undefined ? {} : { 'content-type': 'application/json' },
    body: request.body === undefined ? undefined : JSON.stringify(request.body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('Shopee emulator API', () => {
  let fixture: ShopeeFixture;

  before(async () => {
    fixture = await startShopeeFixture();
    fixture.emulator.seedProducts(SHOP_ID, [
      {
        itemId: '500',
        title: 'Mug',
        variants: [{ variantId: '0', sellerSku: 'MUG', stock: { SGZ: 10 } }],
      },
    ]);
  });
  after(() => fixture.close());

  it('answers success in the envelope with error "" and the data under response', async () => {
    const { status, body } = await call(fixture, {
      method: 'GET',
      path: '/api/v2/product/get_item_list',
      query: { offset: '0', page_size: '10', item_status: 'NORMAL' },
    });
    assert.equal(status, 200);
    assert.equal(body.error, '');
    assert.match(String(body.request_id), /^[0-9a-f]{32}$/);
    assert.deepEqual((body.response as { item: unknown[] }).item.length, 1);
  });

  it('refuses an order window over 15 days with order.order_list_invalid_time', async () => {
    const now = Math.floor(Date.now() / 1000);
    const { body } = await call(fixture, {
      method: 'GET',
      path: '/api/v2/order/get_order_list',
      query: {
        time_range_field: 'update_time',
        time_from: String(now - 16 * 86400),
        time_to: String(now),
        page_size: '10',
      },
    });
    assert.equal(body.error, 'order.order_list_invalid_time');
  });

  it('refuses a repeated model_id in one update_stock call', async () => {
    const stockList = [0, 0].map((modelId) => ({
      model_id: modelId,
      seller_stock: [{ stock: 1 }],
    }));
    const { status, body } = await call(fixture, {
      method: 'POST',
      path: '/api/v2/product/update_stock',
      body: { item_id: 500, stock_list: stockList },
    });
    assert.equal(status, 400);
    assert.deepEqual([body.error, body.message], ['error_param', 'Repeat model_id.']);
  });

  it('requires item_list for an OUT_OF_STOCK cancellation', async () => {
    const placed = fixture.emulator.placeOrder({
      platformShopId: SHOP_ID,
      lines: [{ ...MUG, quantity: 1 }],
    });
    assert.ok(placed.ok);
    const { body } = await call(fixture, {
      method: 'POST',
      path: '/api/v2/order/cancel_order',
      body: { order_sn: placed.orderId, cancel_reason: 'OUT_OF_STOCK' },
    });
    assert.equal(body.error, 'error_param');
    assert.equal(fixture.emulator.orderStatus(SHOP_ID, placed.orderId), 'UNPAID');
  });

  it('spends a refresh token once: reusing it is error_auth "Invalid refresh_token."', async () => {
    const refresh = () =>
      call(fixture, {
        method: 'POST',
        path: '/api/v2/auth/access_token/get',
        shop: false,
        body: {
          refresh_token: fixture.auth.refreshToken,
          partner_id: Number(PARTNER_ID),
          shop_id: Number(SHOP_ID),
        },
      });
    const first = await refresh();
    assert.equal(first.body.error, '');
    assert.equal(first.body.expire_in, 14400);
    assert.notEqual(first.body.refresh_token, fixture.auth.refreshToken);
    const second = await refresh();
    assert.deepEqual(
      [second.body.error, second.body.message],
      ['error_auth', 'Invalid refresh_token.'],
    );
  });

  it('throttles per partner, shop and path with HTTP 429 error_rate_limit', async () => {
    const slow = await startShopeeFixture({ emulator: { rateLimitPerSecond: 1 } });
    try {
      const list = () =>
        call(slow, {
          method: 'GET',
          path: '/api/v2/product/get_item_list',
          query: { page_size: '1', item_status: 'NORMAL' },
        });
      const answers = await Promise.all(Array.from({ length: 6 }, list));
      const throttled = answers.filter((a) => a.status === 429);
      // A bucket of one per second: most of a burst of six is refused even on a slow machine.
      assert.ok(throttled.length >= 3, `only ${throttled.length} throttled`);
      assert.ok(throttled.every((a) => a.body.error === 'error_rate_limit'));
      // Another path has its own bucket.
      const other = await call(slow, {
        method: 'GET',
        path: '/api/v2/order/get_order_detail',
        query: { order_sn_list: 'X' },
      });
      assert.equal(other.status, 200);
      assert.equal(slow.emulator.stats().throttled, throttled.length);
    } finally {
      await slow.close();
    }
  });
});
