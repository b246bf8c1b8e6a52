// Proves one stock pool serves a seller's shops on all six platforms at once, end to end against
// their emulators: a sale on any platform (webhooks; Amazon through its SQS queue) lowers what the
// other five show; shops whose access tokens expire mid-run refresh them and carry on; and when a
// Shopify buyer and a Lazada buyer pay for the last unit at the same instant, one order is filled
// and the other is cancelled on its platform with that platform's out-of-stock reason.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { findShopByPlatformId } from '../../src/store/shops-repo.ts';
import { SANDBOX_PLATFORMS, type SandboxPlatform } from '../../sandbox/platform-profiles.ts';
import { availableDialects } from '../support/databases.ts';
import { openSyncRig, waitFor, type ConnectedShop, type SyncRig } from '../support/sync-fixture.ts';
import { outcomeOf, receiveStock, stockOf } from '../support/sync-queries.ts';

const OPENING_A = 20;

/** Each platform's word for the out-of-stock reason its cancel API was given. */
const OUT_OF_STOCK_REASON: Partial<Record<SandboxPlatform, RegExp>> = {
  shopify: /^inventory$/i,
  lazada: /out of stock/i,
};

for (const dialect of await availableDialects()) {
  describe(`one pool across six platforms (${dialect})`, () => {
    let rig: SyncRig;
    const shops = new Map<SandboxPlatform, ConnectedShop>();
    const shop = (platform: SandboxPlatform): ConnectedShop => {
      const found = shops.get(platform);
      if (!found) throw new Error(`no ${platform} shop`);
      return found;
    };
    const everyShopShows = (sku: string, quantity: number) =>
      [...shops.values()].every((s) => s.shown(sku) === quantity);
    const shownBy = (sku: string) =>
      Object.fromEntries([...shops].map(([platform, s]) => [platform, s.shown(sku)]));
    const tokenVersionOf = async (platform: SandboxPlatform) => {
      const record = await findShopByPlatformId(
        rig.pool.database.db,
        platform,
        shop(platform).platformShopId,
      );
      return record?.tokenVersion ?? 0;
    };

    before(async () => {
      rig = await openSyncRig(dialect);
      await receiveStock(rig, 'opening', [
        { sku: 'A', quantity: OPENING_A },
        { sku: 'B', quantity: 1 },
      ]);
      for (const platform of SANDBOX_PLATFORMS)
        shops.set(
          platform,
          await rig.connectShop({
            platform,
            key: platform,
            listings: [{ sellerSku: 'A' }, { sellerSku: 'B' }],
          }),
        );
      await rig.pool.sync.worker.drain();
      rig.pool.sync.worker.start();
    });
    after(async () => {
      await rig.close();
    });

    test('every shop on every platform starts by showing the pool', async () => {
      await waitFor(
        'all six shops to show the opening stock',
        () => everyShopShows('A', OPENING_A) && everyShopShows('B', 1),
      );
      assert.deepEqual(shownBy('A'), Object.fromEntries(SANDBOX_PLATFORMS.map((p) => [p, 20])));
    });

    test('a sale on each platform in turn lowers what the other five show', async () => {
      let sold = 0;
      for (const platform of SANDBOX_PLATFORMS) {
        shop(platform).order('A', { paid: true });
        sold += 1;
        await waitFor(
          `a sale on ${platform} to reach the other shops`,
          () => everyShopShows('A', OPENING_A - sold),
          20_000,
        ).catch((error: unknown) => {
          throw new Error(`${String(error)}; shown: ${JSON.stringify(shownBy('A'))}`);
        });
      }
      const a = await stockOf(rig, 'A');
      assert.equal(a.onHand - a.reserved, OPENING_A - SANDBOX_PLATFORMS.length);
    });

    test('shops whose access tokens expire mid-run refresh them and keep selling', async () => {
      const refreshing: SandboxPlatform[] = ['lazada', 'amazon', 'tiktok-shop'];
      const before = await Promise.all(refreshing.map(tokenVersionOf));
      for (const platform of refreshing)
        shop(platform).emulator.expireAccessToken(shop(platform).platformShopId);
      let sold = SANDBOX_PLATFORMS.length;
      for (const platform of refreshing) {
        shop(platform).order('A', { paid: true });
        sold += 1;
        await waitFor(
          `a sale on ${platform} (token expired) to reach every shop`,
          () => everyShopShows('A', OPENING_A - sold),
          20_000,
        ).catch((error: unknown) => {
          throw new Error(`${String(error)}; shown: ${JSON.stringify(shownBy('A'))}`);
        });
      }
      const afterRefresh = await Promise.all(refreshing.map(tokenVersionOf));
      refreshing.forEach((platform, i) =>
        assert.ok(afterRefresh[i]! > before[i]!, `${platform}: the refreshed tokens were stored`),
      );
    });

    test('Shopify and Lazada buyers pay for the last unit at once: one is filled, the other cancelled for stock', async () => {
      const contenders = (['shopify', 'lazada'] as const).map((platform) => ({
        platform,
        shop: shop(platform),
        orderId: shop(platform).order('B', { paid: true }),
      }));
      await waitFor(
        'one order applied and the other cancelled for stock',
        async () => {
          const outcomes = await Promise.all(contenders.map((c) => outcomeOf(rig, c.orderId)));
          return outcomes.includes('applied') && outcomes.includes('cancelled_oos');
        },
        20_000,
      );
      const outcomes = await Promise.all(contenders.map((c) => outcomeOf(rig, c.orderId)));
      const winner = contenders[outcomes.indexOf('applied')]!;
      const loser = contenders[outcomes.indexOf('cancelled_oos')]!;
      assert.notEqual(winner, loser, 'exactly one survivor');
      const cancels = loser.shop.emulator
        .stats()
        .sellerCancellations.filter((c) => c.orderId === loser.orderId);
      assert.equal(cancels.length, 1, 'cancelled once through the platform');
      assert.match(cancels[0]!.reason, OUT_OF_STOCK_REASON[loser.platform]!);
      assert.match(
        loser.shop.emulator.orderStatus(loser.shop.platformShopId, loser.orderId) ?? '',
        /cancel/i,
      );
      assert.doesNotMatch(
        winner.shop.emulator.orderStatus(winner.shop.platformShopId, winner.orderId) ?? '',
        /cancel/i,
      );
      assert.equal(
        winner.shop.emulator.stats().sellerCancellations.filter((c) => c.orderId === winner.orderId)
          .length,
        0,
      );
      const b = await stockOf(rig, 'B');
      assert.equal(b.onHand - b.reserved, 0);
      await waitFor('every shop to show none of B', () => everyShopShows('B', 0));
      assert.equal((await rig.pool.sync.status(rig.actor.tenantId)).oversells.total, 1);
    });

    test('the ledger and the pool agree after it all', async () => {
      assert.deepEqual(await rig.invariants(), []);
    });
  });
}
