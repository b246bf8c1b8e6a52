// Proves the emulator can be driven over HTTP from another process (/_emulator/ routes): seeding,
// buyer actions, shown stock, faults, token expiry and stats, with a caller's mistakes answered 400.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { tiktokShop } from '../../src/connectors/tiktok-shop/index.ts';
import type { PlatformEmulator } from '../kit/emulator.ts';
import { startTikTokShopEmulator } from './server.ts';

const SHOP = {
  platformShopId: '7494000000000000777',
  shopCipher: 'ROW_control',
  appKey: 'control-app',
  appSecret: 'control-secret',
  accessToken: 'control-access',
  refreshToken: 'control-refresh',
  accessTokenExpiresAtMs: Date.now() + 86_400_000,
  webhookUrl: null,
  warehouseIds: ['W1'],
};
const REF = { itemId: '5001', variantId: '6001' };

describe('TikTok Shop emulator control routes', () => {
  let emulator: PlatformEmulator;
  before(async () => {
    emulator = await startTikTokShopEmulator({});
  });
  after(() => emulator.close());

  const control = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${emulator.baseUrl}/_emulator${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const shop = `/shops/${SHOP.platformShopId}`;

  it('seeds a shop and products that a connector then reads', async () => {
    assert.equal((await control('POST', '/shops', SHOP)).status, 200);
    const products = [
      {
        itemId: REF.itemId,
        title: 'Cable',
        variants: [{ ...REF, sellerSku: 'CB-1', stock: { W1: 4 } }],
      },
    ];
    assert.equal((await control('POST', `${shop}/products`, products)).status, 200);
    const connector = tiktokShop.createConnector({
      auth: { ...SHOP, refreshTokenExpiresAtMs: null },
      baseUrl: emulator.baseUrl,
      authBaseUrl: emulator.authBaseUrl,
    });
    const page = await connector.listCatalog(null);
    assert.deepEqual(page.items[0]?.stock, [{ warehouseId: 'W1', available: 4, committed: 0 }]);
  });

  it('acts as a buyer: place, pay, ship, and reads the status and shown stock', async () => {
    const placed = await control('POST', '/orders', {
      platformShopId: SHOP.platformShopId,
      lines: [{ ...REF, quantity: 1 }],
    });
    assert.equal(placed.body.ok, true);
    const orderPath = `${shop}/orders/${String(placed.body.orderId)}`;
    assert.deepEqual((await control('POST', `${orderPath}/pay`)).body, {
      status: 'AWAITING_SHIPMENT',
    });
    assert.deepEqual((await control('POST', `${orderPath}/ship`)).body, { status: 'IN_TRANSIT' });
    assert.deepEqual((await control('GET', orderPath)).body, { status: 'IN_TRANSIT' });
    const stock = await control(
      'GET',
      `${shop}/stock?itemId=${REF.itemId}&variantId=${REF.variantId}`,
    );
    assert.deepEqual(stock.body, [{ warehouseId: 'W1', available: 3, committed: 0 }] as unknown);
    const refused = await control('POST', '/orders', {
      platformShopId: SHOP.platformShopId,
      lines: [{ ...REF, quantity: 4 }],
    });
    assert.deepEqual(refused.body, { ok: false, reason: 'OUT_OF_STOCK' });
  });

  it('changes shown stock, sets faults, expires the token and reports stats', async () => {
    await control('PUT', `${shop}/stock`, { ...REF, warehouseId: 'W1', quantity: 9 });
    assert.equal(emulator.shownStock(SHOP.platformShopId, REF)[0]?.available, 9);
    const faults = await control('POST', '/faults', { latencyMs: 5 });
    assert.equal(faults.body.latencyMs, 5);
    assert.equal(emulator.faults.settings.latencyMs, 5);
    await control('POST', '/faults', { latencyMs: 0 });
    await control('POST', `${shop}/expire-token`);
    const connector = tiktokShop.createConnector({
      auth: { ...SHOP, refreshTokenExpiresAtMs: null },
      baseUrl: emulator.baseUrl,
      authBaseUrl: emulator.authBaseUrl,
    });
    await connector.listCatalog(null);
    const stats = (await control('GET', '/stats')).body as { requests: Record<string, number> };
    assert.equal(stats.requests['/api/v2/token/refresh'], 1);
    assert.ok((stats.requests['/product/202309/products/search'] ?? 0) >= 2, 'searches counted');
  });

  it("answers a caller's mistake with 400 and the reason", async () => {
    const unknownShop = await control('POST', '/shops/nope/orders/1/pay');
    assert.equal(unknownShop.status, 400);
    assert.match(String(unknownShop.body.error), /unknown shop/);
    const badSeed = await control('POST', '/shops', { platformShopId: '' });
    assert.equal(badSeed.status, 400);
  });
});
