// Proves the allocation API over real HTTP on every engine: the tenant's default and a SKU's own
// policy round-trip (a SKU inherits the default until it has its own), an invalid policy answers
// 400 INVALID_POLICY naming every broken rule and changes nothing (absurd values beyond each
// setting's bound included, with the bound named in en and zh-CN), only owners set policies, and
// a SKU's split is shown per warehouse and listing; no tenant sees another's policies or stock.
/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-argument -- these tests read untyped JSON responses and assert on their shape */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { availableDialects } from '../../test/support/databases.ts';
import { openHttpFixture, type HttpFixture } from '../../test/support/http-fixture.ts';
import { findSkusByCodes } from '../store/catalog-lookup.ts';
import { upsertCatalogue } from '../store/listings-repo.ts';

const START = Date.parse('2026-11-27T00:00:00Z');

for (const dialect of await availableDialects()) {
  describe(`allocation policies over HTTP on ${dialect}`, () => {
    let h: HttpFixture;
    before(async () => {
      h = await openHttpFixture(dialect);
    });
    after(async () => {
      assert.deepEqual(await h.f.invariants(), []);
      await h.close();
    });

    it('the default policy starts built in, round-trips, and a SKU inherits it until it has its own', async () => {
      const builtIn = await h.call('GET', '/v1/allocation-policies/default', {
        token: h.tokens.viewer,
      });
      assert.deepEqual(builtIn.body, { sku: null, policy: { mode: 'shared' }, source: 'built-in' });
      const policy = {
        mode: 'partitioned',
        bufferUnits: 2,
        weights: { shp_x: 3 },
        priority: ['shp_x'],
      };
      const put = await h.call('PUT', '/v1/allocation-policies/default', { body: policy });
      assert.equal(put.status, 200, JSON.stringify(put.body));
      assert.deepEqual(put.body, { sku: null, policy, source: 'tenant' });
      assert.deepEqual(
        (await h.call('GET', '/v1/allocation-policies/default')).body.policy,
        policy,
      );
      const inherited = await h.call('GET', '/v1/allocation-policies/skus/A');
      assert.deepEqual(inherited.body, { sku: 'A', policy, source: 'tenant' });

      const own = {
        mode: 'adaptive',
        bufferPercent: 12.5,
        adaptive: { roundTripSeconds: 4, safetyFactor: 3 },
      };
      const set = await h.call('PUT', '/v1/allocation-policies/skus/A', { body: own });
      assert.deepEqual(set.body, { sku: 'A', policy: own, source: 'sku' });
      assert.deepEqual((await h.call('GET', '/v1/allocation-policies/skus/A')).body, set.body);
      assert.equal((await h.call('GET', '/v1/allocation-policies/skus/B')).body.source, 'tenant');
      const rival = await h.call('GET', '/v1/allocation-policies/default', {
        token: h.tokens.rival,
      });
      assert.equal(
        rival.body.source,
        'built-in',
        "another tenant does not see this tenant's policy",
      );
      assert.equal(
        (await h.call('GET', '/v1/allocation-policies/skus/A', { token: h.tokens.rival })).status,
        404,
      );
    });

    it('an invalid policy answers 400 INVALID_POLICY naming the broken rules, and changes nothing', async () => {
      const before = (await h.call('GET', '/v1/allocation-policies/default')).body;
      const invalid = [
        [{ mode: 'shared', bufferUnits: -1 }, /bufferUnits: NOT_A_COUNT/],
        [{ mode: 'shared', bufferPercent: 101 }, /bufferPercent: PERCENT_OUT_OF_RANGE/],
        [{ mode: 'adaptive' }, /adaptive: ADAPTIVE_SETTINGS_MISSING/],
        [
          { mode: 'partitioned', minPerShop: { s1: 5 }, maxPerShop: { s1: 2 } },
          /minPerShop: MIN_ABOVE_MAX/,
        ],
        [{ mode: 'partitioned', priority: ['s1', 's1'] }, /priority: DUPLICATE_PRIORITY/],
        [{ mode: 'partitioned', weights: { s1: 1.5 } }, /weights: NOT_A_COUNT/],
      ] as const;
      for (const [policy, problem] of invalid) {
        for (const path of ['/v1/allocation-policies/default', '/v1/allocation-policies/skus/B']) {
          const r = await h.call('PUT', path, { body: policy });
          assert.equal(r.status, 400, JSON.stringify(policy));
          assert.equal(r.body.error.code, 'INVALID_POLICY');
          assert.match(r.body.error.details.problems, problem);
        }
      }
      for (const body of [
        { mode: 'random' },
        { mode: 'shared', bufferUnits: '2' },
        { mode: 'shared', x: 1 },
        {},
      ]) {
        const r = await h.call('PUT', '/v1/allocation-policies/default', { body });
        assert.equal(r.status, 400, JSON.stringify(body));
      }
      assert.deepEqual((await h.call('GET', '/v1/allocation-policies/default')).body, before);
      assert.equal((await h.call('GET', '/v1/allocation-policies/skus/B')).body.source, 'tenant');
    });

    it('a value beyond a bound answers 400 INVALID_POLICY naming the limit, in en and zh-CN, and leaves the stored policy as it was', async () => {
      const stored = {
        default: (await h.call('GET', '/v1/allocation-policies/default')).body,
        a: (await h.call('GET', '/v1/allocation-policies/skus/A')).body,
      };
      assert.equal(stored.a.source, 'sku');
      const absurd = [
        [{ mode: 'shared', bufferUnits: 1e12 }, 'bufferUnits: UNITS_TOO_LARGE', /1,000,000,000/],
        [
          { mode: 'partitioned', maxPerShop: { s1: 2e9 } },
          'maxPerShop: UNITS_TOO_LARGE',
          /maxPerShop\[s1\]/,
        ],
        [
          { mode: 'partitioned', minPerShop: { s1: 1e10 } },
          'minPerShop: UNITS_TOO_LARGE',
          /minPerShop\[s1\]/,
        ],
        [
          { mode: 'partitioned', defaultMinPerShop: 1e15 },
          'defaultMinPerShop: UNITS_TOO_LARGE',
          /units/,
        ],
        [{ mode: 'partitioned', weights: { s1: 1e300 } }, 'weights: WEIGHT_TOO_LARGE', /1,000,000/],
        [{ mode: 'shared', bufferPercent: 1e300 }, 'bufferPercent: PERCENT_OUT_OF_RANGE', /100/],
        [
          { mode: 'adaptive', adaptive: { roundTripSeconds: 1e300 } },
          'adaptive.roundTripSeconds: ROUND_TRIP_TOO_LONG',
          /3,600 seconds/,
        ],
        [
          { mode: 'adaptive', adaptive: { roundTripSeconds: 5, safetyFactor: 1e6 } },
          'adaptive.safetyFactor: SAFETY_FACTOR_TOO_LARGE',
          /at most 100/,
        ],
      ] as const;
      for (const [policy, problem, message] of absurd) {
        for (const path of ['/v1/allocation-policies/default', '/v1/allocation-policies/skus/A']) {
          const r = await h.call('PUT', path, { body: policy });
          assert.equal(r.status, 400, `${path} ${JSON.stringify(r.body)}`);
          assert.equal(r.body.error.code, 'INVALID_POLICY');
          assert.equal(r.body.error.details.problems, problem);
          assert.match(r.body.error.message, message);
        }
      }
      const zh = await h.call('PUT', '/v1/allocation-policies/default', {
        body: { mode: 'adaptive', bufferUnits: 1e12, adaptive: { roundTripSeconds: 7200 } },
        headers: { 'accept-language': 'zh-CN' },
      });
      assert.equal(zh.status, 400);
      assert.equal(
        zh.body.error.message,
        '库存分配策略无效：bufferUnits 不得超过 1,000,000,000 件；adaptive.roundTripSeconds 不得超过 3,600 秒。',
      );
      assert.deepEqual(zh.body.error.details.issues, [
        { code: 'UNITS_TOO_LARGE', field: 'bufferUnits', limit: 1_000_000_000 },
        { code: 'ROUND_TRIP_TOO_LONG', field: 'adaptive.roundTripSeconds', limit: 3600 },
      ]);
      assert.deepEqual(
        (await h.call('GET', '/v1/allocation-policies/default')).body,
        stored.default,
      );
      assert.deepEqual((await h.call('GET', '/v1/allocation-policies/skus/A')).body, stored.a);
      // At the bounds the same settings are accepted.
      const edge = {
        mode: 'adaptive',
        bufferUnits: 1_000_000_000,
        maxPerShop: { s1: 1_000_000_000 },
        adaptive: { roundTripSeconds: 3600, safetyFactor: 100 },
      };
      const ok = await h.call('PUT', '/v1/allocation-policies/skus/A', { body: edge });
      assert.equal(ok.status, 200, JSON.stringify(ok.body));
      const restored = await h.call('PUT', '/v1/allocation-policies/skus/A', {
        body: stored.a.policy,
      });
      assert.deepEqual(restored.body, stored.a);
    });

    it('setting a policy needs an owner; an unknown SKU answers 404', async () => {
      for (const token of [h.tokens.viewer, h.tokens.operator]) {
        const r = await h.call('PUT', '/v1/allocation-policies/default', {
          token,
          body: { mode: 'shared' },
        });
        assert.equal(r.status, 403);
        assert.equal(r.body.error.details.required, 'owner');
      }
      const missing = await h.call('PUT', '/v1/allocation-policies/skus/NOPE', {
        body: { mode: 'shared' },
      });
      assert.equal(missing.status, 404);
      assert.equal(missing.body.error.code, 'SKU_NOT_FOUND');
      assert.equal(
        (await h.call('GET', '/v1/stock/NOPE/allocation')).body.error.code,
        'SKU_NOT_FOUND',
      );
    });

    it("shows how a SKU's stock is split among the shops, per warehouse and listing", async () => {
      const shop = await h.call('POST', '/v1/shops', {
        body: {
          platform: 'tiktok-shop',
          name: 'UK',
          region: 'GB',
          platformShopId: '7494000001',
          apiBaseUrl: 'http://127.0.0.1:9',
          credentials: {
            appKey: 'k',
            appSecret: 's',
            accessToken: 'a',
            refreshToken: 'r',
            accessTokenExpiresAt: '2026-11-28T00:00:00Z',
          },
          warehouses: [{ code: 'GZ' }],
        },
      });
      const shopId = shop.body.id;
      const skuB =
        (await findSkusByCodes(h.f.pool.database.db, 'acme', ['B'])).get('B')?.id ?? null;
      await upsertCatalogue(
        h.f.pool.database.db,
        { tenantId: 'acme', shopId, nowMs: START, newId: () => h.f.pool.ids.next('lst') },
        [{ itemId: 'I1', variantId: 'V1', sellerSku: 'B', title: 'B', skuId: skuB }],
      );
      await h.call('PUT', '/v1/allocation-policies/skus/B', {
        body: { mode: 'shared', bufferUnits: 2 },
      });
      const receipt = await h.call('POST', '/v1/receipts', {
        body: { warehouse: 'GZ', lines: [{ sku: 'B', quantity: 10 }] },
        headers: { 'idempotency-key': 'alloc-stock' },
      });
      assert.equal(receipt.status, 201);
      const r = await h.call('GET', '/v1/stock/B/allocation', { token: h.tokens.viewer });
      assert.equal(r.status, 200, JSON.stringify(r.body));
      assert.deepEqual(r.body.policy, { mode: 'shared', bufferUnits: 2 });
      const gz = r.body.warehouses.find((w: { warehouse: string }) => w.warehouse === 'GZ');
      assert.deepEqual(
        { available: gz.available, buffer: gz.buffer, mode: gz.modeUsed, shares: gz.shares },
        { available: 10, buffer: 2, mode: 'shared', shares: [{ shopId, units: 8 }] },
      );
      assert.equal(r.body.listings.length, 1);
      assert.deepEqual(
        { shopId: r.body.listings[0].shopId, target: r.body.listings[0].target },
        { shopId, target: 8 },
      );
      assert.equal(
        (await h.call('GET', '/v1/stock/B/allocation', { token: h.tokens.rival })).status,
        404,
      );
    });
  });
}
