/**
 * Proves how the Shopee connector surfaces failures over real HTTP: an outage and server errors
 * are UNAVAILABLE (not retried inside the connector: the caller retries), a push applied but never
 * answered times out as UNAVAILABLE while the stock did change, and an answer that does not have
 * the documented shape is BAD_PAYLOAD instead of a crash.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import Fastify from 'fastify';
import { ConnectorError } from '../errors.ts';
import { ShopeeConnector } from './client.ts';
import {
  PARTNER_ID,
  PARTNER_KEY,
  SHOP_ID,
  startShopeeFixture,
  type ShopeeFixture,
} from './emulator-fixture.ts';

const push = {
  listing: { itemId: '500', variantId: '0' },
  stock: [{ warehouseId: null, quantity: 9 }],
};

function hasCode(code: string, platformCode?: string) {
  return (error: unknown) =>
    error instanceof ConnectorError &&
    error.code === code &&
    (platformCode === undefined || error.platformCode === platformCode);
}

describe('Shopee connector under injected faults', () => {
  let fixture: ShopeeFixture;

  before(async () => {
    fixture = await startShopeeFixture();
    fixture.emulator.seedProducts(SHOP_ID, [
      {
        itemId: '500',
        title: 'Mug',
        variants: [{ variantId: '0', sellerSku: 'MUG', stock: { SGZ: 1 } }],
      },
    ]);
  });
  after(() => fixture.close());

  it('fails a push during an outage as UNAVAILABLE error_server and applies nothing', async () => {
    fixture.emulator.faults.update({ outageUntilMs: Date.now() + 60_000 });
    try {
      await assert.rejects(
        fixture.connector.setStock([push]),
        hasCode('UNAVAILABLE', 'error_server'),
      );
      assert.equal(fixture.emulator.shownStock(SHOP_ID, push.listing)[0]?.available, 1);
    } finally {
      fixture.emulator.faults.update({ outageUntilMs: 0 });
    }
  });

  it('fails a read on a server error at once as UNAVAILABLE error_inner; the caller retries', async () => {
    const before = fixture.emulator.stats().requests['/api/v2/product/get_item_list'] ?? 0;
    fixture.emulator.faults.update({ errorRate: 1 });
    try {
      await assert.rejects(
        fixture.connector.listCatalog(null),
        hasCode('UNAVAILABLE', 'error_inner'),
      );
      assert.equal(
        (fixture.emulator.stats().requests['/api/v2/product/get_item_list'] ?? 0) - before,
        1,
      );
    } finally {
      fixture.emulator.faults.update({ errorRate: 0 });
    }
  });

  it('times a push out as UNAVAILABLE when Shopee applied it but never answered', async () => {
    fixture.emulator.faults.update({ timeoutAfterApplyRate: 1 });
    try {
      const impatient = fixture.connectorWith({ timeoutMs: 300 });
      await assert.rejects(impatient.setStock([push]), hasCode('UNAVAILABLE'));
      assert.equal(fixture.emulator.shownStock(SHOP_ID, push.listing)[0]?.available, 9);
    } finally {
      fixture.emulator.faults.update({ timeoutAfterApplyRate: 0 });
    }
  });

  it('still answers correctly under added latency', async () => {
    fixture.emulator.faults.update({ latencyMs: 100 });
    try {
      const started = Date.now();
      const [result] = await fixture.connector.setStock([
        { ...push, stock: [{ warehouseId: null, quantity: 3 }] },
      ]);
      assert.equal(result?.ok, true);
      assert.ok(Date.now() - started >= 100);
    } finally {
      fixture.emulator.faults.update({ latencyMs: 0 });
    }
  });
});

describe('Shopee connector facing malformed answers', () => {
  const server = Fastify({ logger: false });
  let connector: ShopeeConnector;

  before(async () => {
    server.get('/api/v2/product/get_item_list', async () => ({
      error: '',
      response: { has_next_page: 'yes' },
    }));
    server.get('/api/v2/order/get_order_detail', async () => ({
      error: '',
      response: { order_list: [{ order_sn: 'A', create_time: 1, update_time: 2 }] },
    }));
    server.post('/api/v2/product/update_stock', async () => 'plain text');
    const url = await server.listen({ port: 0, host: '127.0.0.1' });
    connector = new ShopeeConnector({
      baseUrl: url,
      auth: {
        appKey: PARTNER_ID,
        appSecret: PARTNER_KEY,
        accessToken: 'token',
        refreshToken: 'refresh',
        accessTokenExpiresAtMs: Date.now() + 3600_000,
        refreshTokenExpiresAtMs: null,
        platformShopId: SHOP_ID,
      },
    });
  });
  after(() => server.close());

  it('calls a mistyped response, a missing field and a non-JSON body BAD_PAYLOAD', async () => {
    await assert.rejects(connector.listCatalog(null), hasCode('BAD_PAYLOAD'));
    await assert.rejects(connector.getOrders(['A']), hasCode('BAD_PAYLOAD'));
    await assert.rejects(connector.setStock([push]), hasCode('BAD_PAYLOAD'));
  });
});
