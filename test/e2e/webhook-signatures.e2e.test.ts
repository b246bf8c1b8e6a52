// Proves, over real HTTP for every platform that sends webhooks, that StockPool's endpoint takes
// exactly what the platform signed: a genuine delivery captured from the platform's emulator is
// stored once however often it is replayed; the same delivery with its body tampered, its
// signature replaced or its signature left out is refused with 401 and stores nothing; and
// WooCommerce's unsigned ping (sent when a seller saves a webhook) is acknowledged and not stored.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { WEBHOOK_PLATFORMS } from '../../src/connectors/contract.ts';
import { availableDialects } from '../support/databases.ts';
import { openSyncRig, waitFor, type ConnectedShop, type SyncRig } from '../support/sync-fixture.ts';
import { receiveStock } from '../support/sync-queries.ts';
import {
  deliverTo,
  startWebhookRelay,
  type HeldWebhook,
  type WebhookRelay,
} from '../support/webhook-relay.ts';

/** Where each platform puts its signature (Amazon sends no webhooks: its events come by SQS). */
const SIGNATURE_HEADER: Record<(typeof WEBHOOK_PLATFORMS)[number], string> = {
  'tiktok-shop': 'authorization',
  shopee: 'authorization',
  lazada: 'authorization',
  shopify: 'x-shopify-hmac-sha256',
  woocommerce: 'x-wc-webhook-signature',
};

/** The same body with one digit changed: still well-formed, no longer what was signed. */
function tampered(body: string): string {
  return body.replace(/\d/, (d) => String((Number(d) + 1) % 10));
}

for (const dialect of await availableDialects()) {
  describe(`webhooks are taken only as the platform signed them (${dialect})`, () => {
    let rig: SyncRig;
    let relay: WebhookRelay;
    const shops = new Map<string, ConnectedShop>();
    const inboxRows = async () =>
      Number(
        (
          await rig.pool.database.db
            .selectFrom('inbox')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirst()
        )?.n ?? 0,
      );

    /** A genuine delivery of one order's webhook, held at the relay (StockPool has not seen it). */
    const captured = async (platform: string): Promise<HeldWebhook> => {
      const shop = shops.get(platform);
      if (!shop) throw new Error(`no ${platform} shop`);
      shop.order('A');
      const path = `/webhooks/${platform}`;
      await waitFor(`a ${platform} webhook`, () => relay.held().some((w) => w.path === path));
      const [first] = relay.take((w) => w.path === path);
      relay.take((w) => w.path === path); // later ones of the same order are not needed
      if (!first) throw new Error('nothing captured');
      return first;
    };

    before(async () => {
      rig = await openSyncRig(dialect);
      relay = await startWebhookRelay(rig.url);
      relay.holding = true;
      await receiveStock(rig, 'opening', [{ sku: 'A', quantity: 100 }]);
      for (const platform of WEBHOOK_PLATFORMS)
        shops.set(
          platform,
          await rig.connectShop({
            platform,
            key: `sig-${platform}`,
            // Buyers see stock from the start: the worker is not running, nothing is pushed.
            listings: [{ sellerSku: 'A', shown: 100 }],
            webhookUrl: `${relay.url}/webhooks/${platform}`,
          }),
        );
    });
    after(async () => {
      await rig.close();
      await relay.close();
    });

    for (const platform of WEBHOOK_PLATFORMS)
      test(`${platform}: forged, tampered or unsigned deliveries are refused; the genuine one is stored once`, async () => {
        const genuine = await captured(platform);
        const header = SIGNATURE_HEADER[platform];
        assert.ok(genuine.headers[header], `the platform signed it in ${header}`);
        const before = await inboxRows();
        const unsigned = { ...genuine, headers: { ...genuine.headers } };
        delete unsigned.headers[header];
        const forgeries: Array<[string, HeldWebhook]> = [
          ['tampered body', { ...genuine, body: tampered(genuine.body) }],
          [
            'another signature',
            {
              ...genuine,
              headers: { ...genuine.headers, [header]: tampered(genuine.headers[header]) },
            },
          ],
          ['no signature', unsigned],
        ];
        for (const [what, forged] of forgeries)
          assert.equal(await deliverTo(rig.url, forged), 401, `${platform}: ${what}`);
        assert.equal(await inboxRows(), before, 'nothing forged was stored');
        for (let i = 0; i < 5; i++) assert.equal(await deliverTo(rig.url, genuine), 200);
        assert.equal(await inboxRows(), before + 1, 'the genuine delivery, once');
      });

    test("WooCommerce's unsigned ping is acknowledged and stores nothing", async () => {
      const before = await inboxRows();
      const status = await deliverTo(rig.url, {
        path: '/webhooks/woocommerce',
        body: 'webhook_id=17',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      assert.equal(status, 200);
      assert.equal(await inboxRows(), before);
    });
  });
}
