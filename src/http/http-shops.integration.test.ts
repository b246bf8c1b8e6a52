// Proves the shop API over real HTTP on every engine: an owner connects, lists, reads and changes
// shops; a repeat connection, an unknown warehouse or platform and malformed bodies are refused
// with 4xx and the error body; viewers and operators cannot connect or change shops; another
// tenant sees none of them; and no response and no log line ever carries a credential.
/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-argument -- these tests read untyped JSON responses and assert on their shape */
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { availableDialects } from '../../test/support/databases.ts';
import { openHttpFixture, type HttpFixture } from '../../test/support/http-fixture.ts';
import { buildApp } from './app.ts';

let shopCounter = 0;

/** A valid connection request; `platformShopId` differs per call so shops never collide. */
function shopBody(overrides: Record<string, unknown> = {}) {
  shopCounter += 1;
  return {
    platform: 'tiktok-shop',
    name: `Shop ${shopCounter}`,
    region: 'GB',
    platformShopId: `7494${String(shopCounter).padStart(6, '0')}`,
    shopCipher: `cipher${shopCounter}`,
    apiBaseUrl: 'http://127.0.0.1:9',
    credentials: {
      appKey: 'app-key-1',
      appSecret: 'app-secret-1',
      accessToken: 'access-1',
      refreshToken: 'refresh-1',
      accessTokenExpiresAt: '2026-12-04T00:00:00Z',
    },
    warehouses: [{ code: 'GZ', platformWarehouseId: 'WH1' }],
    ...overrides,
  };
}

const SECRETS = {
  appKey: 'APPKEY-visible-only-to-the-platform-7f3a',
  appSecret: 'APPSECRET-never-shown-9c1e',
  accessToken: 'ACCESSTOKEN-never-shown-41d2',
  refreshToken: 'REFRESHTOKEN-never-shown-8b5f',
};
const EXTRA = { awsSecretAccessKey: 'AWSSECRET-never-shown-5e6f' };
const NEW_SECRETS = {
  accessToken: 'ROTATED-ACCESS-never-shown-22aa',
  appSecret: 'ROTATED-SECRET-77bb',
};
const NEW_EXTRA = { awsSecretAccessKey: 'AWSSECRET-ROTATED-never-shown-0d1c' };
const ALL_SECRETS = [
  ...Object.values(SECRETS),
  ...Object.values(NEW_SECRETS),
  ...Object.values(EXTRA),
  ...Object.values(NEW_EXTRA),
];

for (const dialect of await availableDialects()) {
  describe(`shops over HTTP on ${dialect}`, () => {
    let h: HttpFixture;
    before(async () => {
      h = await openHttpFixture(dialect);
    });
    after(async () => {
      await h.close();
    });

    it('an owner connects a shop and reads it back, with default settings and warehouse priority', async () => {
      const body = shopBody({
        warehouses: [{ code: 'US' }, { code: 'GZ', platformWarehouseId: 'WH-GZ' }],
        settings: { onUnfillable: 'park' },
      });
      const created = await h.call('POST', '/v1/shops', { body });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const shop = created.body;
      assert.match(shop.id, /^shp_/);
      assert.equal(shop.platform, 'tiktok-shop');
      assert.equal(shop.platformShopId, body.platformShopId);
      assert.equal(shop.status, 'active');
      assert.deepEqual(shop.warehouses, [
        { code: 'US', priority: 0, platformWarehouseId: null },
        { code: 'GZ', priority: 1, platformWarehouseId: 'WH-GZ' },
      ]);
      assert.equal(shop.settings.onUnfillable, 'park');
      assert.equal(shop.settings.reconcileIntervalSeconds, 30);
      assert.equal(shop.accessTokenExpiresAt, '2026-12-04T00:00:00.000Z');
      assert.equal(shop.createdAt, '2026-11-27T00:00:00.000Z');

      const read = await h.call('GET', `/v1/shops/${shop.id}`, { token: h.tokens.viewer });
      assert.equal(read.status, 200);
      assert.deepEqual(read.body, shop);
      const list = await h.call('GET', '/v1/shops', { token: h.tokens.viewer });
      assert.ok(list.body.items.some((s: { id: string }) => s.id === shop.id));
    });

    it('a patch changes only what it names and keeps the other settings', async () => {
      const shop = (await h.call('POST', '/v1/shops', { body: shopBody() })).body;
      const patched = await h.call('PATCH', `/v1/shops/${shop.id}`, {
        body: {
          name: 'Renamed',
          status: 'paused',
          settings: { outOfSyncAlertMinutes: 10 },
          warehouses: [{ code: 'US' }, { code: 'GZ' }],
          credentials: { accessToken: 'fresh', accessTokenExpiresAt: '2026-12-10T08:00:00+08:00' },
        },
      });
      assert.equal(patched.status, 200, JSON.stringify(patched.body));
      assert.equal(patched.body.name, 'Renamed');
      assert.equal(patched.body.status, 'paused');
      assert.equal(patched.body.settings.outOfSyncAlertMinutes, 10);
      assert.equal(patched.body.settings.onUnfillable, 'cancel', 'untouched setting kept');
      assert.equal(patched.body.settings.pollIntervalSeconds, 60, 'untouched setting kept');
      assert.deepEqual(
        patched.body.warehouses.map((w: { code: string }) => w.code),
        ['US', 'GZ'],
      );
      assert.equal(patched.body.accessTokenExpiresAt, '2026-12-10T00:00:00.000Z');
      const again = await h.call('PATCH', `/v1/shops/${shop.id}`, {
        body: { settings: { returns: { mode: 'quarantine', quarantineWarehouse: 'US' } } },
      });
      assert.equal(again.body.settings.outOfSyncAlertMinutes, 10, 'earlier patch kept');
      assert.deepEqual(again.body.settings.returns, {
        mode: 'quarantine',
        quarantineWarehouse: 'US',
      });
    });

    it('connecting the same platform shop twice answers 409 SHOP_EXISTS', async () => {
      const body = shopBody();
      assert.equal((await h.call('POST', '/v1/shops', { body })).status, 201);
      const twice = await h.call('POST', '/v1/shops', { body: { ...body, name: 'Other name' } });
      assert.equal(twice.status, 409);
      assert.equal(twice.body.error.code, 'SHOP_EXISTS');
      assert.equal(typeof twice.body.error.message, 'string');
    });

    it('an unknown warehouse answers 404 and connects nothing', async () => {
      const before = (await h.call('GET', '/v1/shops')).body.items.length;
      const r = await h.call('POST', '/v1/shops', {
        body: shopBody({ warehouses: [{ code: 'GZ' }, { code: 'NOWHERE' }] }),
      });
      assert.equal(r.status, 404);
      assert.equal(r.body.error.code, 'WAREHOUSE_NOT_FOUND');
      assert.equal(r.body.error.details.warehouse, 'NOWHERE');
      assert.equal((await h.call('GET', '/v1/shops')).body.items.length, before);
      const shop = (await h.call('POST', '/v1/shops', { body: shopBody() })).body;
      const patch = await h.call('PATCH', `/v1/shops/${shop.id}`, {
        body: { warehouses: [{ code: 'NOWHERE' }] },
      });
      assert.equal(patch.status, 404);
      assert.equal(patch.body.error.code, 'WAREHOUSE_NOT_FOUND');
    });

    it('an unknown platform and malformed bodies answer 400 with the error body, never 500', async () => {
      const long = 'x'.repeat(5000);
      const bad: Record<string, unknown>[] = [
        shopBody({ platform: 'etsy' }),
        shopBody({ region: 'gb' }),
        shopBody({ apiBaseUrl: 'ftp://example.com' }),
        shopBody({ apiBaseUrl: 'not a url' }),
        shopBody({ warehouses: [] }),
        shopBody({ warehouses: [{ code: 'GZ' }, { code: 'GZ' }] }),
        shopBody({ warehouses: Array.from({ length: 21 }, (_, i) => ({ code: `W${i}` })) }),
        shopBody({ settings: { reconcileIntervalSeconds: 1 } }),
        shopBody({ settings: { unknown: true } }),
        shopBody({ credentials: { appKey: 'k' } }),
        shopBody({ credentials: { ...shopBody().credentials, accessTokenExpiresAt: 'tomorrow' } }),
        shopBody({ credentials: { ...shopBody().credentials, appSecret: long } }),
        shopBody({ name: 'bad\u0000name' }),
        shopBody({ extra: 1 }),
      ];
      for (const body of bad) {
        const r = await h.call('POST', '/v1/shops', { body });
        assert.equal(r.status, 400, JSON.stringify(body).slice(0, 200));
        assert.equal(r.body.error.code, 'VALIDATION_FAILED');
      }
      const shop = (await h.call('POST', '/v1/shops', { body: shopBody() })).body;
      for (const body of [{ status: 'deleted' }, { name: '' }, { credentials: { appKey: '' } }]) {
        const r = await h.call('PATCH', `/v1/shops/${shop.id}`, { body });
        assert.equal(r.status, 400, JSON.stringify(body));
      }
      const long200 = `/v1/shops/${'x'.repeat(150)}`;
      assert.equal((await h.call('GET', long200)).status, 400);
    });

    it('viewers and operators cannot connect or change shops; operators may test and import', async () => {
      const shop = (await h.call('POST', '/v1/shops', { body: shopBody() })).body;
      for (const [token, required] of [
        [h.tokens.viewer, 'owner'],
        [h.tokens.operator, 'owner'],
      ] as const) {
        const create = await h.call('POST', '/v1/shops', { token, body: shopBody() });
        assert.equal(create.status, 403);
        assert.equal(create.body.error.details.required, required);
        const patch = await h.call('PATCH', `/v1/shops/${shop.id}`, { token, body: { name: 'n' } });
        assert.equal(patch.status, 403);
      }
      for (const action of ['test-connection', 'import-catalogue']) {
        const viewer = await h.call('POST', `/v1/shops/${shop.id}/${action}`, {
          token: h.tokens.viewer,
        });
        assert.equal(viewer.status, 403);
        assert.equal(viewer.body.error.details.required, 'operator');
      }
    });

    it('testing or importing an unknown shop answers 404 SHOP_NOT_FOUND', async () => {
      for (const action of ['test-connection', 'import-catalogue']) {
        const r = await h.call('POST', `/v1/shops/shp_missing/${action}`, {
          token: h.tokens.operator,
        });
        assert.equal(r.status, 404, action);
        assert.equal(r.body.error.code, 'SHOP_NOT_FOUND');
      }
      assert.equal(
        (await h.call('GET', '/v1/shops/shp_missing')).body.error.code,
        'SHOP_NOT_FOUND',
      );
      const patch = await h.call('PATCH', '/v1/shops/shp_missing', { body: { name: 'x' } });
      assert.equal(patch.body.error.code, 'SHOP_NOT_FOUND');
    });

    it('another tenant neither sees nor changes these shops', async () => {
      const shop = (await h.call('POST', '/v1/shops', { body: shopBody() })).body;
      const rival = { token: h.tokens.rival };
      assert.deepEqual((await h.call('GET', '/v1/shops', rival)).body.items, []);
      assert.equal((await h.call('GET', `/v1/shops/${shop.id}`, rival)).status, 404);
      const patch = await h.call('PATCH', `/v1/shops/${shop.id}`, {
        ...rival,
        body: { name: 'Taken over', status: 'paused' },
      });
      assert.equal(patch.status, 404);
      for (const action of ['test-connection', 'import-catalogue'])
        assert.equal((await h.call('POST', `/v1/shops/${shop.id}/${action}`, rival)).status, 404);
      const mine = await h.call('GET', `/v1/shops/${shop.id}`);
      assert.equal(mine.body.name, shop.name);
      assert.equal(mine.body.status, 'active');
    });

    it('no response and no log line carries a credential, and none is stored in plain text', async () => {
      const lines: string[] = [];
      const stream = new Writable({
        write(chunk: Buffer, _encoding, done) {
          lines.push(chunk.toString('utf8'));
          done();
        },
      });
      const app = await buildApp(h.f.pool, {
        bodyLimitBytes: 1024 * 1024,
        logger: { level: 'trace', stream },
      });
      await app.listen({ host: '127.0.0.1', port: 0 });
      try {
        const address = app.server.address();
        if (!address || typeof address === 'string') throw new Error('server did not bind');
        const call = async (method: string, path: string, body?: unknown) => {
          const response = await fetch(`http://127.0.0.1:${address.port}${path}`, {
            method,
            headers: {
              authorization: `Bearer ${h.tokens.owner}`,
              ...(body === undefined ? {} : { 'content-type': 'application/json' }),
            },
            body: body === undefined ? undefined : JSON.stringify(body),
          });
          return { status: response.status, text: await response.text() };
        };
        const base = shopBody();
        const body = { ...base, credentials: { ...base.credentials, ...SECRETS, extra: EXTRA } };
        const created = await call('POST', '/v1/shops', body);
        assert.equal(created.status, 201);
        const id = (JSON.parse(created.text) as { id: string }).id;
        const responses = [
          created,
          await call('POST', '/v1/shops', body),
          await call('POST', '/v1/shops', { ...body, region: 'nowhere' }),
          await call('POST', '/v1/shops', { ...body, credentials: { ...body.credentials, x: 1 } }),
          await call('GET', `/v1/shops/${id}`),
          await call('GET', '/v1/shops'),
          await call('PATCH', `/v1/shops/${id}`, {
            credentials: { ...NEW_SECRETS, extra: NEW_EXTRA },
          }),
          await call('PATCH', `/v1/shops/${id}`, { credentials: { ...NEW_SECRETS, bogus: 1 } }),
        ];
        assert.deepEqual(
          responses.map((r) => r.status),
          [201, 409, 400, 400, 200, 200, 200, 400],
        );
        for (const r of responses)
          for (const secret of ALL_SECRETS)
            assert.ok(!r.text.includes(secret), `response: ${secret}`);
        assert.ok(lines.length >= responses.length, 'the logger was writing');
        for (const line of lines)
          for (const secret of ALL_SECRETS) assert.ok(!line.includes(secret), `log: ${secret}`);
        const stored = await h.f.pool.database.db
          .selectFrom('shops')
          .select('credentials')
          .where('id', '=', id)
          .executeTakeFirstOrThrow();
        for (const secret of ALL_SECRETS) assert.ok(!stored.credentials.includes(secret));
      } finally {
        await app.close();
      }
    });
  });
}
