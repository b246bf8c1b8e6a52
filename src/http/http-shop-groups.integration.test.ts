// Proves the shop group API over real HTTP on every engine: groups round-trip (create, list, get,
// rename, re-policy, delete), members are added, moved and removed; bad input answers 4xx with
// {error:{code,message}} in en and zh-CN (invalid policy, duplicate name, unknown group, unknown
// shop or another tenant's, a group that still has members) and changes nothing; renames and
// creates racing to one name give one winner and 409 SHOP_GROUP_EXISTS to the rest (the unique
// constraint's violation on either engine, never a 500); a policy beyond a bound is refused and
// the group's stored policy kept; only owners write; a SKU's allocation shows the group level;
// and every change that can move a figure marks the listings of the affected SKUs for a push.
/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-argument -- these tests read untyped JSON responses and assert on their shape */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { availableDialects } from '../../test/support/databases.ts';
import { openHttpFixture, type HttpFixture } from '../../test/support/http-fixture.ts';
import { findSkusByCodes } from '../store/catalog-lookup.ts';
import { upsertCatalogue } from '../store/listings-repo.ts';

const START = Date.parse('2026-11-27T00:00:00Z');

for (const dialect of await availableDialects()) {
  describe(`shop groups over HTTP on ${dialect}`, () => {
    let h: HttpFixture;
    const shops: string[] = [];
    let rivalShop: string;
    let listingOf: Map<string, string>;

    const connect = async (n: number, token?: string) => {
      const r = await h.call('POST', '/v1/shops', {
        token,
        body: {
          platform: 'tiktok-shop',
          name: `Shop ${n}`,
          region: 'GB',
          platformShopId: `74950000${n}`,
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
      assert.equal(r.status, 201, JSON.stringify(r.body));
      return r.body.id as string;
    };
    const queued = async () => {
      const rows = await h.f.pool.database.db
        .selectFrom('push_queue')
        .select('listing_id')
        .execute();
      return rows.map((r) => r.listing_id).sort();
    };
    const clearQueue = () => h.f.pool.database.db.deleteFrom('push_queue').execute();

    before(async () => {
      h = await openHttpFixture(dialect);
      const db = h.f.pool.database.db;
      for (const n of [1, 2, 3]) shops.push(await connect(n));
      const skuB = (await findSkusByCodes(db, 'acme', ['B'])).get('B')?.id ?? null;
      listingOf = new Map();
      for (const shopId of shops) {
        await upsertCatalogue(
          db,
          { tenantId: 'acme', shopId, nowMs: START, newId: () => h.f.pool.ids.next('lst') },
          [{ itemId: `I-${shopId}`, variantId: 'V1', sellerSku: 'B', title: 'B', skuId: skuB }],
        );
      }
      for (const l of await db.selectFrom('listings').select(['id', 'shop_id']).execute())
        listingOf.set(l.shop_id, l.id);
      const receipt = await h.call('POST', '/v1/receipts', {
        body: { warehouse: 'GZ', lines: [{ sku: 'B', quantity: 100 }] },
        headers: { 'idempotency-key': 'groups-stock' },
      });
      assert.equal(receipt.status, 201);
      // The rival tenant needs a warehouse of its own to connect a shop.
      await h.f.pool.catalog.createWarehouse('rival', {
        code: 'GZ',
        name: 'Guangzhou',
        kind: 'domestic',
        country: 'CN',
      });
      rivalShop = await connect(9, h.tokens.rival);
    });
    after(async () => {
      assert.deepEqual(await h.f.invariants(), []);
      await h.close();
    });

    it('creates, lists, reads, renames and re-policies a group', async () => {
      const policy = { mode: 'partitioned', weights: { [shops[1] ?? '']: 3 } };
      const created = await h.call('POST', '/v1/shop-groups', { body: { name: 'EU', policy } });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const id = created.body.id;
      assert.deepEqual(
        { name: created.body.name, policy: created.body.policy, shopIds: created.body.shopIds },
        { name: 'EU', policy, shopIds: [] },
      );
      assert.equal(created.body.unitKey, `group:${id}`);
      const list = await h.call('GET', '/v1/shop-groups', { token: h.tokens.viewer });
      assert.deepEqual(
        list.body.items.map((g: { name: string }) => g.name),
        ['EU'],
      );
      assert.deepEqual((await h.call('GET', `/v1/shop-groups/${id}`)).body, created.body);
      const renamed = await h.call('PATCH', `/v1/shop-groups/${id}`, { body: { name: 'Europe' } });
      assert.equal(renamed.body.name, 'Europe');
      assert.deepEqual(renamed.body.policy, policy);
      const shared = await h.call('PATCH', `/v1/shop-groups/${id}`, {
        body: { policy: { mode: 'shared', bufferUnits: 1 } },
      });
      assert.deepEqual(shared.body.policy, { mode: 'shared', bufferUnits: 1 });
      assert.equal(shared.body.name, 'Europe');
      const gone = await h.call('DELETE', `/v1/shop-groups/${id}`);
      assert.deepEqual(gone.body, { id, deleted: true });
      assert.equal((await h.call('GET', `/v1/shop-groups/${id}`)).status, 404);
    });

    it('refuses bad input with 4xx and {error:{code,message}}, in en and zh-CN, changing nothing', async () => {
      const made = await h.call('POST', '/v1/shop-groups', {
        body: { name: 'Asia', policy: { mode: 'shared' } },
      });
      const id = made.body.id;
      const other = await h.call('POST', '/v1/shop-groups', {
        body: { name: 'Other', policy: { mode: 'shared' } },
      });
      const cases: Array<[string, string, unknown, number, string]> = [
        [
          'POST',
          '/v1/shop-groups',
          { name: 'Asia', policy: { mode: 'shared' } },
          409,
          'SHOP_GROUP_EXISTS',
        ],
        ['PATCH', `/v1/shop-groups/${other.body.id}`, { name: 'Asia' }, 409, 'SHOP_GROUP_EXISTS'],
        [
          'POST',
          '/v1/shop-groups',
          { name: 'Bad', policy: { mode: 'partitioned', bufferUnits: -1 } },
          400,
          'INVALID_POLICY',
        ],
        ['PATCH', `/v1/shop-groups/${id}`, { policy: { mode: 'adaptive' } }, 400, 'INVALID_POLICY'],
        ['PATCH', `/v1/shop-groups/${id}`, {}, 400, 'VALIDATION_FAILED'],
        [
          'POST',
          '/v1/shop-groups',
          { name: '', policy: { mode: 'shared' } },
          400,
          'VALIDATION_FAILED',
        ],
        ['GET', '/v1/shop-groups/999999', undefined, 404, 'SHOP_GROUP_NOT_FOUND'],
        ['GET', '/v1/shop-groups/abc', undefined, 400, 'VALIDATION_FAILED'],
        ['PATCH', '/v1/shop-groups/999999', { name: 'X' }, 404, 'SHOP_GROUP_NOT_FOUND'],
        ['DELETE', '/v1/shop-groups/999999', undefined, 404, 'SHOP_GROUP_NOT_FOUND'],
        ['PUT', `/v1/shop-groups/${id}/shops/shp_nope`, undefined, 404, 'SHOP_NOT_FOUND'],
        ['PUT', `/v1/shop-groups/${id}/shops/${rivalShop}`, undefined, 404, 'SHOP_NOT_FOUND'],
        ['DELETE', `/v1/shop-groups/${id}/shops/${rivalShop}`, undefined, 404, 'SHOP_NOT_FOUND'],
        ['PUT', `/v1/shop-groups/999999/shops/${shops[0]}`, undefined, 404, 'SHOP_GROUP_NOT_FOUND'],
      ];
      for (const [method, path, body, status, code] of cases) {
        const r = await h.call(method, path, { body });
        assert.equal(r.status, status, `${method} ${path} ${JSON.stringify(r.body)}`);
        assert.equal(r.body.error.code, code);
        assert.ok(r.body.error.message.length > 0);
      }
      const zh = await h.call('POST', '/v1/shop-groups', {
        body: { name: 'Asia', policy: { mode: 'shared' } },
        headers: { 'accept-language': 'zh-CN' },
      });
      assert.match(zh.body.error.message, /店铺分组/);
      // The rival tenant sees none of these groups and cannot touch them.
      assert.deepEqual((await h.call('GET', '/v1/shop-groups', { token: h.tokens.rival })).body, {
        items: [],
      });
      const rivalAdd = await h.call('PUT', `/v1/shop-groups/${id}/shops/${rivalShop}`, {
        token: h.tokens.rival,
      });
      assert.equal(rivalAdd.body.error.code, 'SHOP_GROUP_NOT_FOUND');
      const after = await h.call('GET', `/v1/shop-groups/${id}`);
      assert.deepEqual(after.body, made.body);
      for (const g of [id, other.body.id])
        assert.equal((await h.call('DELETE', `/v1/shop-groups/${g}`)).status, 200);
    });

    it("refuses a group policy beyond a bound with 400 INVALID_POLICY and keeps the group's stored policy", async () => {
      const policy = { mode: 'partitioned', bufferUnits: 3 };
      const made = await h.call('POST', '/v1/shop-groups', { body: { name: 'Bounded', policy } });
      const id = made.body.id;
      const absurd = [
        { mode: 'shared', bufferUnits: 1e12 },
        { mode: 'partitioned', weights: { x: 1e300 } },
        { mode: 'adaptive', adaptive: { roundTripSeconds: 1e300 } },
        { mode: 'adaptive', adaptive: { roundTripSeconds: 5, safetyFactor: 1e9 } },
      ];
      for (const bad of absurd) {
        const patch = await h.call('PATCH', `/v1/shop-groups/${id}`, {
          body: { name: 'Renamed too', policy: bad },
        });
        assert.equal(patch.status, 400, JSON.stringify(patch.body));
        assert.equal(patch.body.error.code, 'INVALID_POLICY');
        assert.match(patch.body.error.message, /must be at most/);
        const create = await h.call('POST', '/v1/shop-groups', {
          body: { name: 'Never', policy: bad },
          headers: { 'accept-language': 'zh-CN' },
        });
        assert.equal(create.status, 400);
        assert.match(create.body.error.message, /^库存分配策略无效：.*不得超过/);
      }
      assert.deepEqual((await h.call('GET', `/v1/shop-groups/${id}`)).body, made.body);
      const names = (await h.call('GET', '/v1/shop-groups')).body.items.map(
        (g: { name: string }) => g.name,
      );
      assert.ok(!names.includes('Never'));
      assert.equal((await h.call('DELETE', `/v1/shop-groups/${id}`)).status, 200);
    });

    it('racing renames and creates to one name: one wins, every other answers 409 SHOP_GROUP_EXISTS, never a 500', async () => {
      const groups: number[] = [];
      for (let i = 0; i < 6; i++) {
        const made = await h.call('POST', '/v1/shop-groups', {
          body: { name: `Race ${i}`, policy: { mode: 'shared' } },
        });
        groups.push(made.body.id);
      }
      const namesOf = async () =>
        new Map<number, string>(
          (await h.call('GET', '/v1/shop-groups')).body.items.map(
            (g: { id: number; name: string }) => [g.id, g.name],
          ),
        );
      for (let round = 0; round < 8; round++) {
        const before = await namesOf();
        const name = `Taken ${round}`;
        // Odd rounds: renames only (the reported case); even rounds: renames and creates mixed.
        const renames = groups.map((id) =>
          h.call('PATCH', `/v1/shop-groups/${id}`, {
            body: round % 2 === 0 ? { name } : { name, policy: { mode: 'shared', bufferUnits: 1 } },
            headers: { 'accept-language': round % 4 === 1 ? 'zh-CN' : 'en' },
          }),
        );
        const creates =
          round % 2 === 0
            ? [1, 2, 3].map(() =>
                h.call('POST', '/v1/shop-groups', { body: { name, policy: { mode: 'shared' } } }),
              )
            : [];
        const answers = await Promise.all([...renames, ...creates]);
        const won = answers.filter((r) => r.status === 200 || r.status === 201);
        const lost = answers.filter((r) => r.status === 409);
        assert.equal(
          won.length + lost.length,
          answers.length,
          JSON.stringify(answers.map((r): unknown => ({ status: r.status, body: r.body }))),
        );
        assert.equal(won.length, 1, `round ${round}: exactly one takes the name`);
        for (const r of lost) {
          assert.equal(r.body.error.code, 'SHOP_GROUP_EXISTS');
          assert.match(
            r.body.error.message,
            round % 4 === 1 ? /已存在名为 Taken/ : /already exists/,
          );
        }
        const after = await namesOf();
        assert.equal([...after.values()].filter((n) => n === name).length, 1);
        const winner = won[0]?.body.id as number;
        for (const id of groups) {
          if (id !== winner) assert.equal(after.get(id), before.get(id), 'a loser keeps its name');
        }
        // A created winner is deleted; a renamed one gets a fresh name for the next round.
        if (!groups.includes(winner))
          assert.equal((await h.call('DELETE', `/v1/shop-groups/${winner}`)).status, 200);
        else
          await h.call('PATCH', `/v1/shop-groups/${winner}`, { body: { name: `Race r${round}` } });
      }
      for (const id of groups)
        assert.equal((await h.call('DELETE', `/v1/shop-groups/${id}`)).status, 200);
    });

    it('lets only owners write; viewers read', async () => {
      const made = await h.call('POST', '/v1/shop-groups', {
        body: { name: 'Roles', policy: { mode: 'shared' } },
      });
      const id = made.body.id;
      for (const token of [h.tokens.viewer, h.tokens.operator]) {
        for (const [method, path, body] of [
          ['POST', '/v1/shop-groups', { name: 'N', policy: { mode: 'shared' } }],
          ['PATCH', `/v1/shop-groups/${id}`, { name: 'N' }],
          ['DELETE', `/v1/shop-groups/${id}`, undefined],
          ['PUT', `/v1/shop-groups/${id}/shops/${shops[0]}`, undefined],
          ['DELETE', `/v1/shop-groups/${id}/shops/${shops[0]}`, undefined],
        ] as const) {
          const r = await h.call(method, path, { token, body });
          assert.equal(r.status, 403, `${method} ${path}`);
          assert.equal(r.body.error.details.required, 'owner');
        }
      }
      assert.equal(
        (await h.call('GET', `/v1/shop-groups/${id}`, { token: h.tokens.viewer })).status,
        200,
      );
      assert.equal((await h.call('DELETE', `/v1/shop-groups/${id}`)).status, 200);
    });

    it('splits a SKU in two levels, shows the group level, and re-pushes on every change that can move a figure', async () => {
      const [s1, s2, s3] = shops as [string, string, string];
      const group = await h.call('POST', '/v1/shop-groups', {
        body: { name: 'Pair', policy: { mode: 'partitioned', weights: { [s2]: 3, [s3]: 1 } } },
      });
      const id = group.body.id;
      const key = `group:${id}`;
      await h.call('PUT', '/v1/allocation-policies/skus/B', {
        body: { mode: 'partitioned', bufferUnits: 20, weights: { [s1]: 1, [key]: 3 } },
      });
      await clearQueue();
      const added = await h.call('PUT', `/v1/shop-groups/${id}/shops/${s2}`);
      assert.deepEqual(added.body.shopIds, [s2]);
      assert.deepEqual(await queued(), [...listingOf.values()].sort(), 'every listing of B');
      await h.call('PUT', `/v1/shop-groups/${id}/shops/${s3}`);

      const r = await h.call('GET', '/v1/stock/B/allocation', { token: h.tokens.viewer });
      assert.equal(r.status, 200, JSON.stringify(r.body));
      const gz = r.body.warehouses[0];
      // 100 − 20 buffer = 80: 1 : 3 gives s1 20 and the pair 60; the pair's 3 : 1 gives 45 / 15.
      assert.deepEqual(
        Object.fromEntries(
          gz.shares.map((s: { shopId: string; units: number }) => [s.shopId, s.units]),
        ),
        { [s1]: 20, [s2]: 45, [s3]: 15 },
      );
      assert.deepEqual(
        gz.units,
        [
          { unit: s1, units: 20, modeUsed: 'partitioned' },
          { unit: key, units: 60, modeUsed: 'partitioned' },
        ].sort((a, b) => (a.unit < b.unit ? -1 : 1)),
      );
      assert.equal(gz.groups.length, 1);
      assert.deepEqual(
        {
          name: gz.groups[0].name,
          unitKey: gz.groups[0].unitKey,
          available: gz.groups[0].available,
        },
        { name: 'Pair', unitKey: key, available: 60 },
      );
      const targets = Object.fromEntries(
        r.body.listings.map((l: { shopId: string; target: number }) => [l.shopId, l.target]),
      );
      assert.deepEqual(targets, { [s1]: 20, [s2]: 45, [s3]: 15 });

      await clearQueue();
      await h.call('PATCH', `/v1/shop-groups/${id}`, { body: { name: 'Renamed' } });
      assert.deepEqual(await queued(), [], 'a new name moves no figure');
      await h.call('PATCH', `/v1/shop-groups/${id}`, { body: { policy: { mode: 'partitioned' } } });
      assert.deepEqual(await queued(), [...listingOf.values()].sort());

      const refused = await h.call('DELETE', `/v1/shop-groups/${id}`);
      assert.equal(refused.status, 409);
      assert.equal(refused.body.error.code, 'SHOP_GROUP_NOT_EMPTY');
      assert.equal(refused.body.error.details.members, 2);

      // Moving s3 into another group takes it out of this one.
      const other = await h.call('POST', '/v1/shop-groups', {
        body: { name: 'Solo', policy: { mode: 'shared' } },
      });
      await h.call('PUT', `/v1/shop-groups/${other.body.id}/shops/${s3}`);
      assert.deepEqual((await h.call('GET', `/v1/shop-groups/${id}`)).body.shopIds, [s2]);

      await clearQueue();
      const again = await h.call('PUT', `/v1/shop-groups/${other.body.id}/shops/${s3}`);
      assert.equal(again.status, 200);
      assert.deepEqual(await queued(), [], 'adding a member twice changes nothing');
      const removed = await h.call('DELETE', `/v1/shop-groups/${id}/shops/${s2}`);
      assert.deepEqual(removed.body.shopIds, []);
      assert.deepEqual(await queued(), [...listingOf.values()].sort());
      assert.equal((await h.call('DELETE', `/v1/shop-groups/${id}/shops/${s2}`)).status, 200);
      assert.equal((await h.call('DELETE', `/v1/shop-groups/${id}`)).status, 200);
    });
  });
}
