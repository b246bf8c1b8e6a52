// Proves who may do what over real HTTP: every route but health and docs needs a live token;
// viewers cannot write; only owners manage users, tokens and settings; only admins manage
// tenants; and a token of one tenant can neither read nor change another tenant's data.
/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-argument -- these tests read untyped JSON responses and assert on their shape */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { availableDialects } from '../../test/support/databases.ts';
import { openHttpFixture, type HttpFixture } from '../../test/support/http-fixture.ts';
import { WEBHOOK_PLATFORMS } from '../connectors/contract.ts';

const OWNER_ONLY = /^\/v1\/(users|tokens)|^PATCH \/v1\/settings$/;
const concrete = (url: string) => url.replace(/:[a-z]+/g, 'X');
const bodyFor = (method: string) => (method === 'GET' ? {} : { body: {} });

for (const dialect of await availableDialects()) {
  describe(`access control over HTTP on ${dialect}`, () => {
    let h: HttpFixture;
    before(async () => {
      h = await openHttpFixture(dialect);
      await h.call('POST', '/v1/receipts', {
        body: { warehouse: 'GZ', lines: [{ sku: 'A', quantity: 10 }] },
        headers: { 'idempotency-key': 'seed' },
      });
    });
    after(async () => {
      assert.deepEqual(await h.f.invariants(), []);
      await h.close();
    });

    const apiRoutes = () => h.app.apiRoutes.filter((r) => !r.public && r.method !== 'HEAD');

    it('only health, the docs and the signed platform webhooks answer without a token', () => {
      const open = h.app.apiRoutes.filter((r) => r.public).map((r) => r.url);
      assert.ok(open.includes('/healthz'));
      assert.ok(open.includes('/openapi.json'));
      assert.ok(
        open.every(
          (u) =>
            u === '/healthz' ||
            u === '/openapi.json' ||
            u.startsWith('/docs') ||
            WEBHOOK_PLATFORMS.some((platform) => u === `/webhooks/${platform}`),
        ),
        open.join(' '),
      );
      assert.ok(apiRoutes().length >= 25);
    });

    it('every other route answers 401 to no token, a malformed token, and an unknown token', async () => {
      const unknown = `sp_${'A'.repeat(43)}`;
      for (const route of apiRoutes())
        for (const token of [null, 'not-a-token', unknown]) {
          const r = await h.call(route.method, concrete(route.url), {
            token,
            ...bodyFor(route.method),
          });
          assert.equal(r.status, 401, `${route.method} ${route.url} with ${String(token)}`);
          assert.equal(r.body.error.code, 'UNAUTHORIZED');
          assert.match(r.headers.get('www-authenticate') ?? '', /^Bearer/);
        }
    });

    it('a viewer is refused every write with 403, before the body is even read', async () => {
      const writes = apiRoutes().filter((r) => r.method !== 'GET');
      assert.ok(writes.length >= 15);
      for (const route of writes) {
        const r = await h.call(route.method, concrete(route.url), {
          token: h.tokens.viewer,
          rawBody: '{broken',
          headers: { 'content-type': 'application/json' },
        });
        assert.equal(r.status, 403, `${route.method} ${route.url}`);
        assert.equal(r.body.error.code, 'FORBIDDEN');
      }
    });

    it('an operator is refused user, token, settings and tenant administration', async () => {
      const ownerOnly = apiRoutes().filter(
        (r) =>
          OWNER_ONLY.test(r.url) ||
          OWNER_ONLY.test(`${r.method} ${r.url}`) ||
          r.url.startsWith('/v1/tenants'),
      );
      assert.ok(ownerOnly.length >= 8);
      for (const route of ownerOnly) {
        const r = await h.call(route.method, concrete(route.url), {
          token: h.tokens.operator,
          ...bodyFor(route.method),
        });
        assert.equal(r.status, 403, `${route.method} ${route.url}`);
        assert.equal(
          r.body.error.details.required,
          route.url.startsWith('/v1/tenants') ? 'admin' : 'owner',
        );
      }
    });

    it('an owner without the admin flag cannot list or create tenants; the admin can, once per id', async () => {
      assert.equal((await h.call('GET', '/v1/tenants', { token: h.tokens.owner })).status, 403);
      const body = {
        id: 'shop-2',
        name: 'Shop 2',
        owner: { email: 'boss@shop2.test', name: 'Boss' },
      };
      const created = await h.call('POST', '/v1/tenants', { token: h.tokens.admin, body });
      assert.equal(created.status, 201);
      const again = await h.call('POST', '/v1/tenants', { token: h.tokens.admin, body });
      assert.equal(again.body.error.code, 'TENANT_EXISTS');
      const me = await h.call('GET', '/v1/me', { token: created.body.token.token });
      assert.deepEqual(
        { tenant: me.body.tenantId, role: me.body.role, admin: me.body.isAdmin },
        { tenant: 'shop-2', role: 'owner', admin: false },
      );
    });

    it('a token of another tenant sees none of this tenant and changes none of it', async () => {
      const hold = await h.call('POST', '/v1/holds', {
        body: { sku: 'A', warehouse: 'GZ', quantity: 2, orderRef: 'O-1' },
        headers: { 'idempotency-key': 'h1' },
      });
      const before = await h.call('GET', '/v1/stock?limit=500');
      const ledgerBefore = await h.call('GET', '/v1/movements?limit=500');
      const rival = { token: h.tokens.rival };
      const reads = ['/v1/skus/A', '/v1/warehouses/GZ', '/v1/stock/A', `/v1/holds/${hold.body.id}`];
      for (const path of reads) assert.equal((await h.call('GET', path, rival)).status, 404, path);
      for (const path of [
        '/v1/skus',
        '/v1/warehouses',
        '/v1/movements',
        '/v1/holds',
        '/v1/stock',
        '/v1/users',
      ])
        assert.deepEqual((await h.call('GET', path, rival)).body.items, [], path);
      const rivalTokens = (await h.call('GET', '/v1/tokens', rival)).body.items as {
        name: string;
      }[];
      assert.deepEqual(
        rivalTokens.map((t) => t.name),
        ['owner-token'],
        'only its own token',
      );
      for (const action of ['confirm', 'ship', 'release'])
        assert.equal(
          (await h.call('POST', `/v1/holds/${hold.body.id}/${action}`, rival)).status,
          404,
        );
      const write = (path: string, body: unknown) =>
        h.call('POST', path, { ...rival, body, headers: { 'idempotency-key': 'rival-1' } });
      assert.equal(
        (await write('/v1/holds', { sku: 'A', warehouse: 'GZ', quantity: 1, orderRef: 'x' }))
          .status,
        404,
      );
      assert.equal(
        (await write('/v1/receipts', { warehouse: 'GZ', lines: [{ sku: 'A', quantity: 1 }] }))
          .status,
        404,
      );
      assert.equal(
        (await h.call('PATCH', '/v1/skus/A', { ...rival, body: { name: 'stolen' } })).status,
        404,
      );
      assert.equal(
        (await h.call('PATCH', '/v1/warehouses/GZ', { ...rival, body: { name: 'stolen' } })).status,
        404,
      );
      const acmeTokens = (await h.call('GET', '/v1/tokens')).body.items as { id: string }[];
      assert.equal((await h.call('DELETE', `/v1/tokens/${acmeTokens[0]?.id}`, rival)).status, 404);
      assert.deepEqual((await h.call('GET', '/v1/stock?limit=500')).body, before.body);
      assert.deepEqual((await h.call('GET', '/v1/movements?limit=500')).body, ledgerBefore.body);
      assert.equal((await h.call('GET', '/v1/skus/A')).body.name, 'SKU A');
    });

    it('owners grant roles up to their own; a revoked token stops working at once', async () => {
      const made = await h.call('POST', '/v1/tokens', {
        body: { name: 'scanner', role: 'operator' },
      });
      assert.equal(made.status, 201);
      assert.match(made.body.token, /^sp_/);
      assert.equal((await h.call('GET', '/v1/skus', { token: made.body.token })).status, 200);
      const listed = (await h.call('GET', '/v1/tokens')).body.items.find(
        (t: { id: string }) => t.id === made.body.id,
      );
      assert.equal(listed.prefix, made.body.token.slice(0, 10));
      assert.ok(
        !JSON.stringify((await h.call('GET', '/v1/tokens')).body).includes(made.body.token),
      );
      assert.equal((await h.call('DELETE', `/v1/tokens/${made.body.id}`)).status, 200);
      assert.equal((await h.call('GET', '/v1/skus', { token: made.body.token })).status, 401);
      assert.equal(
        (await h.call('DELETE', `/v1/tokens/${made.body.id}`)).body.error.code,
        'TOKEN_NOT_FOUND',
      );
    });

    it('users are added once per e-mail, and their roles changed by the owner', async () => {
      const u = await h.call('POST', '/v1/users', {
        body: { email: 'ops@acme.test', name: 'Ops', role: 'viewer', locale: 'zh-CN' },
      });
      assert.equal(u.status, 201);
      assert.equal(
        (
          await h.call('POST', '/v1/users', {
            body: { email: 'ops@acme.test', name: 'Ops', role: 'viewer' },
          })
        ).body.error.code,
        'USER_EXISTS',
      );
      const promoted = await h.call('PATCH', `/v1/users/${u.body.id}`, {
        body: { role: 'operator' },
      });
      assert.equal(promoted.body.role, 'operator');
      assert.equal(
        (await h.call('PATCH', '/v1/users/usr_nope', { body: { role: 'operator' } })).status,
        404,
      );
      const forUser = await h.call('POST', '/v1/tokens', {
        body: { name: 'ops', role: 'viewer', userId: u.body.id },
      });
      assert.equal(forUser.status, 201);
      const foreign = await h.call('POST', '/v1/tokens', {
        body: { name: 'x', role: 'viewer', userId: 'usr_elsewhere' },
      });
      assert.equal(foreign.body.error.code, 'USER_NOT_FOUND');
    });
  });
}
