/**
 * Proves Shopee's lost pushes end to end between the emulator and the connector, over real HTTP:
 * a push whose retries all failed (a receiver answering 500, or down by an injected outage) is
 * kept with the exact body sent; get_lost_push_message serves the earliest 100 with
 * has_next_page and last_message_id in Shopee's envelope; confirm removes up to that id; the
 * calls are public (partner_id + path + timestamp signature) and a wrong sign is refused; one
 * partner never sees another's pushes.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isConnectorError } from '../errors.ts';
import { SHOP_ID, startShopeeFixture, type ShopeeFixture } from './emulator-fixture.ts';
import { CONFIRM_LOST_PUSH_PATH, GET_LOST_PUSH_PATH } from './lost-pushes.ts';
import { signedCommonParams } from './signing.ts';
import { parseShopeePush } from './webhook.ts';

const MUG = { itemId: '500', variantId: '0' };

describe('Shopee lost pushes (emulator and connector)', () => {
  let receiver: Server;
  let status = 200;
  let fixture: ShopeeFixture;

  before(async () => {
    receiver = createServer((request, response) => {
      request.resume();
      request.on('end', () => response.writeHead(status).end());
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const port = (receiver.address() as AddressInfo).port;
    fixture = await startShopeeFixture({
      webhookUrl: `http://127.0.0.1:${port}/shopee/push`,
      emulator: { webhookRetryDelaysMs: [5, 5] },
    });
    fixture.emulator.seedProducts(SHOP_ID, [
      {
        itemId: MUG.itemId,
        title: 'Mug',
        variants: [{ variantId: '0', sellerSku: 'MUG', stock: { SGZ: 1000 } }],
      },
    ]);
  });
  after(async () => {
    await fixture.close();
    await new Promise((resolve) => receiver.close(resolve));
  });

  const order = () => {
    const placed = fixture.emulator.placeOrder({
      platformShopId: SHOP_ID,
      lines: [{ ...MUG, quantity: 1 }],
    });
    assert.ok(placed.ok);
    return placed.orderId;
  };

  it('keeps only pushes whose every attempt failed, with the exact body sent', async () => {
    const lostPushes = fixture.connector.lostPushes;
    order();
    await fixture.emulator.drainWebhooks();
    assert.deepEqual(await lostPushes.fetch(), {
      pushes: [],
      hasNextPage: false,
      lastMessageId: null,
    });
    status = 500;
    const refused = order();
    await fixture.emulator.drainWebhooks();
    status = 200;
    const page = await lostPushes.fetch();
    assert.equal(page.pushes.length, 1);
    const failed = fixture.emulator.webhookDeliveries().at(-1);
    assert.deepEqual([failed?.attempts, failed?.delivered], [3, false]);
    assert.equal(page.pushes[0]?.rawBody.toString('utf8'), failed?.body);
    const event = parseShopeePush(page.pushes[0]?.rawBody ?? Buffer.alloc(0));
    assert.equal(event.kind === 'order' && event.orderId, refused);
    await lostPushes.confirm(page.lastMessageId ?? '');
  });

  it('keeps pushes dropped by an injected receiver outage without calling the receiver', async () => {
    fixture.emulator.faults.update({ webhookOutageUntilMs: Date.now() + 60_000 });
    for (let i = 0; i < 101; i++) order();
    await fixture.emulator.drainWebhooks();
    fixture.emulator.faults.update({ webhookOutageUntilMs: 0 });
    const dropped = fixture.emulator.webhookDeliveries().slice(-101);
    assert.ok(dropped.every((d) => !d.delivered && d.lastStatus === null && d.attempts === 3));
  });

  it('serves the earliest 100 with has_next_page, and the rest only once they are confirmed', async () => {
    const lostPushes = fixture.connector.lostPushes;
    const first = await lostPushes.fetch();
    assert.equal(first.pushes.length, 100);
    assert.equal(first.hasNextPage, true);
    const again = await lostPushes.fetch();
    assert.equal(again.lastMessageId, first.lastMessageId, 'nothing is removed until confirmed');
    await lostPushes.confirm(first.lastMessageId ?? '');
    const rest = await lostPushes.fetch();
    assert.equal(rest.pushes.length, 1);
    assert.equal(rest.hasNextPage, false);
    assert.ok(Number(rest.lastMessageId) > Number(first.lastMessageId));
    await lostPushes.confirm(rest.lastMessageId ?? '');
    assert.equal((await lostPushes.fetch()).pushes.length, 0);
  });

  it('answers in the documented envelope: data as a string, shop_id, code, timestamp', async () => {
    status = 500;
    order();
    await fixture.emulator.drainWebhooks();
    status = 200;
    const params = signedCommonParams({
      partnerId: fixture.auth.appKey,
      partnerKey: fixture.auth.appSecret,
      path: GET_LOST_PUSH_PATH,
      timestampSec: Math.floor(Date.now() / 1000),
    });
    const url = `${fixture.emulator.baseUrl}${GET_LOST_PUSH_PATH}?${params.toString()}`;
    const answer = (await (await fetch(url)).json()) as {
      error: string;
      response: {
        push_message_list: Array<Record<string, unknown>>;
        has_next_page: boolean;
        last_message_id: number;
      };
    };
    assert.equal(answer.error, '');
    const [message] = answer.response.push_message_list;
    assert.deepEqual(Object.keys(message ?? {}).sort(), ['code', 'data', 'shop_id', 'timestamp']);
    assert.equal(message?.shop_id, Number(SHOP_ID));
    assert.equal(message?.code, 3);
    assert.equal(typeof message?.data, 'string');
    assert.equal(answer.response.has_next_page, false);
    assert.equal(typeof answer.response.last_message_id, 'number');
  });

  it('refuses a wrong sign and a confirm without last_message_id', async () => {
    const forged = fixture.connectorWith({ auth: { ...fixture.auth, appSecret: 'not-the-key' } });
    await assert.rejects(
      forged.lostPushes.fetch(),
      (error) => isConnectorError(error) && error.platformCode === 'error_sign',
    );
    const params = signedCommonParams({
      partnerId: fixture.auth.appKey,
      partnerKey: fixture.auth.appSecret,
      path: CONFIRM_LOST_PUSH_PATH,
      timestampSec: Math.floor(Date.now() / 1000),
    });
    const response = await fetch(
      `${fixture.emulator.baseUrl}${CONFIRM_LOST_PUSH_PATH}?${params.toString()}`,
      { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' },
    );
    assert.equal(((await response.json()) as { error: string }).error, 'error_param');
    assert.equal((await fixture.connector.lostPushes.fetch()).pushes.length, 1, 'still there');
  });

  it('shows a partner only its own lost pushes', async () => {
    fixture.emulator.seedShop({
      platformShopId: '14709999',
      appKey: '2009999',
      appSecret: 'other-partner-key',
      accessToken: 'a0000000000000000000000000000009',
      refreshToken: 'r0000000000000000000000000000009',
      accessTokenExpiresAtMs: Date.now() + 3600_000,
      webhookUrl: null,
      warehouseIds: ['SGZ'],
    });
    const other = fixture.connectorWith({
      auth: {
        ...fixture.auth,
        appKey: '2009999',
        appSecret: 'other-partner-key',
        platformShopId: '14709999',
      },
    });
    assert.equal((await other.lostPushes.fetch()).pushes.length, 0);
    assert.notEqual(other.lostPushes.sourceId, fixture.connector.lostPushes.sourceId);
  });
});
