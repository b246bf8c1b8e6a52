// Proves the Shopify client's platform rules (shopify.md §5.1, §5.4, §5.5) against the emulator
// over real HTTP: the costs it paces by are the costs Shopify requests; a THROTTLED answer (HTTP
// 200) is RATE_LIMITED with the wait the bucket needs; a refused token is AUTH_FAILED unless
// another connector stored a new one; orders longer than one read get all their lines; the
// seller's cancellation is INVENTORY with restock, and a second one is REJECTED.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import type { RefreshedTokens } from '../contract.ts';
import { isConnectorError } from '../errors.ts';
import { SHOP, products, startFixture, TOKEN, type Fixture } from './emulator-fixture.ts';
import { updatedWindowQuery } from './orders.ts';
import {
  SHOPIFY_CATALOG_PAGE_SIZE,
  SHOPIFY_LINES_PER_ORDER,
  SHOPIFY_MAX_QUERY_COST,
  SHOPIFY_ORDER_PAGE_SIZE,
} from './options.ts';
import {
  CATALOG_QUERY,
  catalogCost,
  ORDER_LINES_COST,
  ORDER_LINES_QUERY,
  ORDER_NODES_QUERY,
  orderNodesCost,
  ORDERS_QUERY,
  ordersCost,
  VARIANT_STOCK_QUERY,
  variantStockCost,
} from './queries.ts';

describe('Shopify client rules', () => {
  const fixtures: Fixture[] = [];
  after(async () => {
    for (const f of fixtures) await f.emulator.close();
  });
  const fixtureOf = async (...args: Parameters<typeof startFixture>) => {
    const fixture = await startFixture(...args);
    fixtures.push(fixture);
    return fixture;
  };

  it('paces by the same requested costs the platform computes, each within the single-query limit', async () => {
    const f = await fixtureOf(products(2));
    const ids = [
      'gid://shopify/ProductVariant/920000001',
      'gid://shopify/ProductVariant/920000002',
    ];
    const cases: Array<[string, Record<string, unknown>, number]> = [
      [CATALOG_QUERY, { first: SHOPIFY_CATALOG_PAGE_SIZE }, catalogCost(SHOPIFY_CATALOG_PAGE_SIZE)],
      [VARIANT_STOCK_QUERY, { ids }, variantStockCost(2)],
      [
        ORDERS_QUERY,
        { first: SHOPIFY_ORDER_PAGE_SIZE, query: '' },
        ordersCost(SHOPIFY_ORDER_PAGE_SIZE),
      ],
      [ORDER_NODES_QUERY, { ids: ['gid://shopify/Order/1'] }, orderNodesCost(1)],
      [ORDER_LINES_QUERY, { id: 'gid://shopify/Order/1' }, ORDER_LINES_COST],
    ];
    for (const [query, variables, expected] of cases) {
      const answer = await f.graphql(query, variables);
      assert.equal(answer.body.errors, undefined, JSON.stringify(answer.body.errors));
      assert.equal(answer.body.extensions?.cost?.requestedQueryCost, expected, query.slice(0, 30));
      assert.ok(expected <= SHOPIFY_MAX_QUERY_COST);
    }
    const tooBig = await f.graphql(CATALOG_QUERY, { first: 250 });
    assert.ok(Array.isArray(tooBig.body.errors));
    assert.equal(tooBig.body.errors[0]?.extensions?.code, 'MAX_COST_EXCEEDED');
  });

  it('a THROTTLED answer is RATE_LIMITED with the time the bucket needs for the request', async () => {
    const f = await fixtureOf(products(1), { restoreRatePerSecond: 10, bucketSize: 50 });
    const connector = f.connector();
    await f.graphql(VARIANT_STOCK_QUERY, { ids: ['gid://shopify/ProductVariant/920000001'] });
    await f.graphql(VARIANT_STOCK_QUERY, { ids: ['gid://shopify/ProductVariant/920000001'] });
    // The connector starts from a full bucket of the assumed size, so it sends and is refused.
    const error: unknown = await connector.listCatalog(null).then(
      () => assert.fail('the platform answered a query larger than its bucket had room for'),
      (thrown: unknown) => thrown,
    );
    assert.ok(isConnectorError(error) && error.code === 'RATE_LIMITED', String(error));
    assert.equal(error.platformCode, 'THROTTLED');
    assert.equal(error.httpStatus, 200);
    assert.ok(
      (error.retryAfterMs ?? 0) >= 1_000,
      `waits ${error.retryAfterMs} ms for 982 points at 10/s`,
    );
    assert.equal(f.emulator.stats().throttled, 1);
  });

  it('a refused token is AUTH_FAILED, and is retried once with a token another connector stored', async () => {
    const f = await fixtureOf(products(1));
    f.emulator.expireAccessToken(SHOP);
    const plain = await f
      .connector()
      .listCatalog(null)
      .catch((e: unknown) => e);
    assert.ok(isConnectorError(plain) && plain.code === 'AUTH_FAILED' && !plain.retryable);
    // The app installed again: a new offline token, stored by another connector of the shop.
    f.emulator.seedShop({
      platformShopId: SHOP,
      appKey: f.auth.appKey,
      appSecret: f.auth.appSecret,
      accessToken: `${TOKEN}_2`,
      refreshToken: '',
      accessTokenExpiresAtMs: Number.MAX_SAFE_INTEGER,
      webhookUrl: null,
      warehouseIds: ['61512351844'],
    });
    f.emulator.seedProducts(SHOP, products(1));
    const stored: RefreshedTokens = {
      accessToken: `${TOKEN}_2`,
      refreshToken: '',
      accessTokenExpiresAtMs: Number.MAX_SAFE_INTEGER,
      refreshTokenExpiresAtMs: null,
    };
    const sharedTokens = {
      refresh: () => Promise.resolve(stored),
      reload: () => Promise.resolve(stored),
    };
    const page = await f.connector({ sharedTokens }).listCatalog(null);
    assert.equal(page.items.length, 1);
  });

  it('asks for the update window widened to whole seconds, in Shopify search syntax', () => {
    const from = Date.parse('2026-11-28T10:00:00.250Z');
    const to = Date.parse('2026-11-28T11:00:00.001Z');
    assert.equal(
      updatedWindowQuery({ updatedFromMs: from, updatedToMs: to }),
      "updated_at:>='2026-11-28T10:00:00Z' AND updated_at:<'2026-11-28T11:00:01Z'",
    );
  });

  it('reads every line of an order longer than one read', async () => {
    const count = SHOPIFY_LINES_PER_ORDER + 3;
    const f = await fixtureOf(products(count, 5));
    const lines = Array.from({ length: count }, (_, i) => ({
      itemId: String(810_000_001 + i),
      variantId: String(920_000_001 + i),
      quantity: 1,
    }));
    const placed = f.emulator.placeOrder({ platformShopId: SHOP, lines, paid: true });
    assert.ok(placed.ok);
    const [order] = await f.connector().getOrders([placed.orderId]);
    assert.equal(order?.lines.length, count);
    assert.equal(new Set(order?.lines.map((l) => l.lineId)).size, count);
    const listed = await f
      .connector()
      .listOrders({ updatedFromMs: Date.now() - 60_000, updatedToMs: Date.now() + 60_000 });
    assert.equal(listed.items[0]?.lines.length, count);
  });

  it('cancels with reason INVENTORY and restock, refunds the paid order, and refuses a second cancellation', async () => {
    const f = await fixtureOf(products(1, 5));
    const placed = f.emulator.placeOrder({
      platformShopId: SHOP,
      lines: [{ itemId: '810000001', variantId: '920000001', quantity: 2 }],
      paid: true,
    });
    assert.ok(placed.ok);
    const connector = f.connector();
    const { reference } = await connector.cancelOrder({ orderId: placed.orderId, state: 'paid' });
    assert.match(reference, /^gid:\/\/shopify\/Job\//);
    assert.deepEqual(f.emulator.stats().sellerCancellations, [
      { orderId: placed.orderId, reason: 'INVENTORY' },
    ]);
    assert.equal(f.emulator.orderStatus(SHOP, placed.orderId), 'cancelled');
    const [order] = await connector.getOrders([placed.orderId]);
    assert.equal(order?.state, 'cancelled');
    assert.equal(
      f.emulator.shownStock(SHOP, { itemId: '810000001', variantId: '920000001' })[0]?.available,
      5,
    );
    const again = await connector
      .cancelOrder({ orderId: placed.orderId, state: 'cancelled' })
      .catch((e: unknown) => e);
    assert.ok(isConnectorError(again) && again.code === 'REJECTED', String(again));
  });
});
