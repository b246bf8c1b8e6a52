// Proves the Amazon emulator can be driven from another process over /_emulator/: seeding a
// seller and its listings, buyers' orders and their steps, shown stock, faults, stats, the
// queued notifications and their redelivery, an app's SQS settings, and token expiry; a caller's
// mistake is 400 with the reason.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { AmazonEmulator } from './server.ts';
import { startAmazonEmulator } from './server.ts';

const SELLER = 'A9CONTROLTEST';
const REF = { itemId: 'B0CONTROL1', variantId: 'SKU-C' };

describe('Amazon emulator control routes', () => {
  let emulator: AmazonEmulator;
  before(async () => {
    emulator = await startAmazonEmulator({ seed: 9 });
  });
  after(() => emulator.close());

  const control = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${emulator.baseUrl}/_emulator${path}`, {
      method,
      ...(body === undefined
        ? {}
        : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
    return { status: response.status, body: await response.json() };
  };

  it('seeds, sells, ships and reports through HTTP alone', async () => {
    const app = { appKey: 'amzn1.application-oa2-client.ctl', appSecret: 'ctl-secret' };
    assert.equal(
      (
        await control('POST', '/shops', {
          platformShopId: SELLER,
          region: 'UK',
          ...app,
          accessToken: 'Atza|ctl',
          refreshToken: 'Atzr|ctl',
          accessTokenExpiresAtMs: Date.now() + 3_600_000,
          webhookUrl: 'sqs',
          warehouseIds: ['DEFAULT'],
        })
      ).status,
      200,
    );
    const variants = [
      { variantId: REF.variantId, sellerSku: REF.variantId, stock: { DEFAULT: 3 } },
    ];
    await control('POST', `/shops/${SELLER}/products`, [
      { itemId: REF.itemId, title: 'Ctl', variants },
    ]);
    const placed = (
      await control('POST', '/orders', { platformShopId: SELLER, lines: [{ ...REF, quantity: 2 }] })
    ).body as { ok: boolean; orderId: string };
    assert.ok(placed.ok);
    assert.deepEqual(
      (await control('POST', `/shops/${SELLER}/orders/${placed.orderId}/pay`)).body,
      { status: 'Unshipped' },
    );
    assert.deepEqual(
      (await control('POST', `/shops/${SELLER}/orders/${placed.orderId}/ship`)).body,
      { status: 'Shipped' },
    );
    assert.deepEqual(
      (await control('POST', `/shops/${SELLER}/orders/${placed.orderId}/return`)).body,
      { status: 'Shipped' },
    );
    const stock = await control(
      'GET',
      `/shops/${SELLER}/stock?itemId=${REF.itemId}&variantId=${REF.variantId}`,
    );
    assert.deepEqual(stock.body, [{ warehouseId: 'DEFAULT', available: 1, committed: 0 }]);
    await control('PUT', `/shops/${SELLER}/stock`, { ...REF, warehouseId: 'DEFAULT', quantity: 8 });
    assert.equal(emulator.shownStock(SELLER, REF)[0]?.available, 8);
    const deliveries = (await control('GET', '/webhooks')).body as Array<{ body: string }>;
    assert.equal(deliveries.length, 3, 'placed, paid and shipped; a return sends nothing');
    assert.deepEqual((await control('POST', '/webhooks/redeliver', { count: 1 })).body, {
      redelivered: 1,
    });
    const settings = (await control('POST', '/sqs-settings', app)).body as {
      sqsQueueUrl: string;
      sqsEndpoint: string;
    };
    assert.ok(settings.sqsQueueUrl.startsWith(`${emulator.baseUrl}/`));
    assert.equal(settings.sqsEndpoint, emulator.baseUrl);
  });

  it('sets faults, reads stats and expires tokens', async () => {
    const faults = (await control('POST', '/faults', { latencyMs: 5, errorRate: 0.1 })).body as {
      latencyMs: number;
      errorRate: number;
    };
    assert.deepEqual([faults.latencyMs, faults.errorRate], [5, 0.1]);
    await control('POST', '/faults', { latencyMs: 0, errorRate: 0 });
    assert.equal((await control('POST', `/shops/${SELLER}/expire-token`)).status, 200);
    const answer = await fetch(
      `${emulator.baseUrl}/listings/2021-08-01/items/${SELLER}?marketplaceIds=A1F83G8C2ARO7P`,
      {
        headers: { 'x-amz-access-token': 'Atza|ctl' },
      },
    );
    assert.equal(answer.status, 403);
    const stats = (await control('GET', '/stats')).body as { requests: Record<string, number> };
    assert.equal(stats.requests['GET /listings/2021-08-01/items/:sellerId'], 1);
  });

  it('answers a caller mistake with 400 and the reason', async () => {
    const wrong = await control('POST', '/orders', {
      platformShopId: 'NOPE',
      lines: [{ ...REF, quantity: 1 }],
    });
    assert.equal(wrong.status, 400);
    assert.match((wrong.body as { error: string }).error, /no seller NOPE/);
  });
});
