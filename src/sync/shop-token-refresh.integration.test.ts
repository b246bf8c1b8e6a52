// Proves that a shop's token refresh is single-flight across processes: two ShopConnectors (two
// workers' views) on one database — a SQLite file, and PostgreSQL on separate pools — calling the
// platform emulator at once with a token about to expire (or expired by the platform) send exactly
// one refresh, both go on with working tokens, and the stored tokens are the newest ones (Shopee's
// refresh token is single-use: the stored one must be the one the platform still accepts).
import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { generateSecretKeyText, parseSecretKey, SecretBox } from '../access/secret-box.ts';
import { systemClock } from '../adapters/clock.ts';
import type { PlatformModule } from '../connectors/contract.ts';
import { shopee } from '../connectors/shopee/index.ts';
import { tiktokShop } from '../connectors/tiktok-shop/index.ts';
import { openDatabase, type Database } from '../store/database.ts';
import { migrateToLatest } from '../store/migrate.ts';
import { storeRefreshedTokens } from '../store/shop-tokens-repo.ts';
import { findShop, insertShop, updateShopFields, type ShopRecord } from '../store/shops-repo.ts';
import { sequentialIds } from '../adapters/ids.ts';
import { insertTenant } from '../store/tenants-repo.ts';
import type { PlatformEmulator } from '../../sandbox/kit/emulator.ts';
import { startShopeeEmulator } from '../../sandbox/shopee/index.ts';
import { startTikTokShopEmulator } from '../../sandbox/tiktok-shop/server.ts';
import {
  availableDialects,
  createTestDatabase,
  type TestDatabase,
} from '../../test/support/databases.ts';
import { PARTNER_ID, PARTNER_KEY, SHOP_ID } from '../connectors/shopee/emulator-fixture.ts';
import { openShopSecrets, sealShopSecrets, ShopConnectors } from './shop-connectors.ts';
import { ShopService } from './shop-service.ts';

const TENANT = 'acme';
const SHOP = 'shop-1';

interface PlatformCase {
  module: PlatformModule;
  start: () => Promise<PlatformEmulator>;
  refreshPath: string;
  app: { appKey: string; appSecret: string };
  platformShopId: string;
  shopCipher: string | null;
}

const CASES: PlatformCase[] = [
  {
    module: shopee,
    start: () => startShopeeEmulator({ rateLimitPerSecond: 1000 }),
    refreshPath: '/api/v2/auth/access_token/get',
    app: { appKey: PARTNER_ID, appSecret: PARTNER_KEY },
    platformShopId: SHOP_ID,
    shopCipher: null,
  },
  {
    module: tiktokShop,
    start: () => startTikTokShopEmulator({ rateLimitPerSecond: 1000 }),
    refreshPath: '/api/v2/token/refresh',
    app: { appKey: 'lease-app', appSecret: 'lease-secret' },
    platformShopId: '7494000000000000001',
    shopCipher: 'ROW_lease_1',
  },
];

for (const dialect of await availableDialects()) {
  for (const c of CASES) {
    describe(`${c.module.platform} token refresh shared by two workers on ${dialect}`, () => {
      const box = new SecretBox(parseSecretKey(generateSecretKeyText()));
      let testDb: TestDatabase;
      let emulator: PlatformEmulator;
      let databases: Database[] = [];
      let workers: ShopConnectors[] = [];

      before(async () => {
        emulator = await c.start();
      });
      after(() => emulator.close());

      /** A fresh database with the shop, its token valid for `lifetimeMs`; two workers' views. */
      beforeEach(async () => {
        testDb = await createTestDatabase(dialect);
        databases = [openDatabase(testDb.url), openDatabase(testDb.url)];
        const [first] = databases as [Database, Database];
        await migrateToLatest(first.db, first.dialect);
        await insertTenant(first.db, { id: TENANT, name: 'Acme', nowMs: Date.now() });
        workers = databases.map(
          (d) =>
            new ShopConnectors({
              db: d.db,
              box,
              clock: systemClock,
              platforms: new Map([[c.module.platform, c.module]]),
              defaultBaseUrls: {},
            }),
        );
      });
      afterEach(async () => {
        await Promise.all(databases.map((d) => d.close()));
        await testDb.drop();
      });

      let seedCount = 0;
      async function seedShop(lifetimeMs: number): Promise<void> {
        const n = ++seedCount;
        const tokens = {
          accessToken: `access-${dialect}-${n}`,
          refreshToken: `refresh-${dialect}-${n}`,
        };
        const expiresAtMs = Date.now() + lifetimeMs;
        emulator.seedShop({
          ...c.app,
          ...tokens,
          platformShopId: c.platformShopId,
          ...(c.shopCipher ? { shopCipher: c.shopCipher } : {}),
          accessTokenExpiresAtMs: expiresAtMs,
          webhookUrl: null,
          warehouseIds: ['W1'],
        });
        emulator.seedProducts(c.platformShopId, [
          {
            itemId: '1001',
            title: 'P',
            variants: [{ variantId: '2001', sellerSku: 'P-1', stock: { W1: 3 } }],
          },
        ]);
        const inserted = await insertShop(databases[0]!.db, {
          id: SHOP,
          tenantId: TENANT,
          platform: c.module.platform,
          name: 'Shop',
          region: 'SG',
          platformShopId: c.platformShopId,
          shopCipher: c.shopCipher,
          apiBaseUrl: emulator.baseUrl,
          credentialsSealed: sealShopSecrets(box, { ...c.app, ...tokens }),
          accessTokenExpiresAtMs: expiresAtMs,
          refreshTokenExpiresAtMs: null,
          status: 'active',
          settingsJson: '{}',
          createdAtMs: Date.now(),
          updatedAtMs: Date.now(),
        });
        assert.ok(inserted);
      }

      const refreshes = () => emulator.stats().requests[c.refreshPath] ?? 0;
      const shopIn = async (d: Database): Promise<ShopRecord> => {
        const shop = await findShop(d.db, TENANT, SHOP);
        assert.ok(shop);
        return shop;
      };
      /** Each worker reads the shop and lists the catalogue `calls` times at once. */
      const callFromBoth = (calls: number) =>
        Promise.all(
          workers.flatMap((w, i) =>
            Array.from({ length: calls }, async () => {
              const page = await w.connectorFor(await shopIn(databases[i]!)).listCatalog(null);
              assert.equal(page.items.length, 1);
            }),
          ),
        );

      /** The stored tokens are the platform's current ones: they work, and the refresh token is accepted. */
      async function assertStoredTokensAreNewest(): Promise<void> {
        const shop = await shopIn(databases[0]!);
        const fresh = new ShopConnectors({
          db: databases[0]!.db,
          box,
          clock: systemClock,
          platforms: new Map([[c.module.platform, c.module]]),
          defaultBaseUrls: {},
        });
        assert.ok(
          shop.accessTokenExpiresAtMs > Date.now() + 3_600_000,
          'the stored token is fresh',
        );
        const before = refreshes();
        assert.equal((await fresh.connectorFor(shop).listCatalog(null)).items.length, 1);
        assert.equal(refreshes(), before, 'the stored access token works without a refresh');
        await fresh.connectorFor(shop).refreshTokens();
        assert.equal(refreshes(), before + 1, 'the stored refresh token is accepted');
      }

      it('a token about to expire is refreshed once for both workers, and both go on with it', async () => {
        await seedShop(60_000);
        const before = refreshes();
        await callFromBoth(4);
        assert.equal(refreshes() - before, 1, 'exactly one refresh reached the platform');
        await callFromBoth(2);
        assert.equal(refreshes() - before, 1, 'both workers use the new tokens from then on');
        const stored = openShopSecrets(box, (await shopIn(databases[1]!)).credentialsSealed);
        assert.ok(!stored.accessToken.startsWith('access-'), 'new tokens were stored');
        await assertStoredTokensAreNewest();
      });

      it('after the platform expires the token, one refresh serves both workers', async () => {
        await seedShop(4 * 3_600_000);
        await callFromBoth(1);
        emulator.expireAccessToken(c.platformShopId);
        const before = refreshes();
        await callFromBoth(3);
        assert.equal(refreshes() - before, 1, 'exactly one refresh reached the platform');
        await assertStoredTokensAreNewest();
      });

      it('a worker whose token the platform refuses takes the tokens another stored, without a refresh', async () => {
        await seedShop(4 * 3_600_000);
        await callFromBoth(1);
        const [first, second] = databases as [Database, Database];
        const stale = workers[1]!.connectorFor(await shopIn(second));
        emulator.expireAccessToken(c.platformShopId);
        await workers[0]!.connectorFor(await shopIn(first)).refreshTokens();
        const before = refreshes();
        assert.equal((await stale.listCatalog(null)).items.length, 1);
        assert.equal(refreshes(), before, 'the stored tokens served');
      });

      it('a credentials patch never writes back the tokens a refresh replaced', async () => {
        await seedShop(4 * 3_600_000);
        await callFromBoth(1);
        const [first, second] = databases as [Database, Database];
        // What a patch read, then a refresh stores before the patch writes.
        const read = await shopIn(second);
        emulator.expireAccessToken(c.platformShopId);
        await callFromBoth(1);
        const written = await updateShopFields(
          second.db,
          SHOP,
          {
            name: 'stale',
            credentials: {
              from: read.credentialsSealed,
              to: read.credentialsSealed,
              tokensChanged: false,
            },
          },
          Date.now(),
        );
        assert.equal(written, false, 'the write over the replaced tokens is refused');
        assert.equal((await shopIn(first)).name, 'Shop');

        // The service merges again: patches racing refreshes all land, and the refreshed tokens stay.
        const service = new ShopService({
          db: second.db,
          box,
          clock: systemClock,
          ids: sequentialIds(),
          connectors: workers[1]!,
        });
        const actor = { tenantId: TENANT, name: 'test' };
        for (let round = 0; round < 5; round++) {
          emulator.expireAccessToken(c.platformShopId);
          const patches = Array.from({ length: 4 }, (_, i) =>
            service.update(actor, SHOP, { credentials: {}, name: `Shop ${round}.${i}` }),
          );
          const [outcomes] = await Promise.all([Promise.all(patches), callFromBoth(2)]);
          for (const outcome of outcomes) assert.ok(outcome.ok, JSON.stringify(outcome));
        }
        await assertStoredTokensAreNewest();
      });

      it('refreshed tokens are stored only over the version they were refreshed from', async () => {
        await seedShop(60_000);
        const [first] = databases as [Database];
        const old = await shopIn(first);
        await callFromBoth(1);
        const newest = await shopIn(first);
        assert.equal(newest.tokenVersion, old.tokenVersion + 1);
        const overwritten = await storeRefreshedTokens(first.db, SHOP, {
          fromVersion: old.tokenVersion,
          fromSealed: old.credentialsSealed,
          credentialsSealed: old.credentialsSealed,
          accessTokenExpiresAtMs: Date.now() + 4 * 3_600_000,
          refreshTokenExpiresAtMs: null,
          nowMs: Date.now(),
        });
        assert.equal(overwritten, false);
        assert.equal((await shopIn(first)).credentialsSealed, newest.credentialsSealed);
      });
    });
  }
}
