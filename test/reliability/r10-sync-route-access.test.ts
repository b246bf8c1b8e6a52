// Proves QUALITY.md R10 for the channel-sync surfaces, on SQLite and PostgreSQL: every sync route
// (taken from the running app, so a new route is covered or fails this test) × every role
// (viewer, operator, owner, owner with the admin flag, and no or a forged token) × its own
// tenant's ids and another tenant's ids (and, where a route takes two ids, one of each) gives 0
// unauthorised successes: too low a role is 403, no token 401, another tenant's id 404 (or 409
// where the platform's shop id is unique across tenants), a tenant-wide list never shows another
// tenant's rows, and the other tenant's rows are byte-for-byte unchanged afterwards. The webhook
// routes are public: their authority is the shop's signature, which cannot reach another tenant.
import { sql } from 'kysely';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { tiktokWebhookSignature } from '../../src/connectors/tiktok-shop/webhook.ts';
import { WEBHOOK_PLATFORMS } from '../../src/connectors/contract.ts';
import { hasRole, type Role } from '../../src/domain/roles.ts';
import { availableDialects } from '../support/databases.ts';
import { waitFor } from '../support/sync-fixture.ts';
import { openSyncTenants, type SyncTenants, type TenantIds } from '../support/sync-tenants.ts';

interface Req {
  method?: string;
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
}

interface RouteSpec {
  /** The least role that may call it. */
  role: Role;
  /** A valid request on the caller's own tenant's resources. */
  own(t: SyncTenants, mine: TenantIds): Promise<Req> | Req;
  /** Statuses an allowed own call may get besides 2xx (a parked order already decided: 409). */
  ownAlso?: number[];
  /** The same request naming the other tenant's resources; it must get `otherStatus` (404). */
  other?(t: SyncTenants, theirs: TenantIds): Req;
  otherStatus?: number;
  /** A tenant-wide read: the other tenant's ids as filters answer 2xx with none of its rows. */
  list?: true;
  /** One id of each tenant (a mapping, a membership): must be 404 and link nothing. */
  mixed?(t: SyncTenants, mine: TenantIds, theirs: TenantIds): Req;
}

let serial = 0;
const unique = () => `${Date.now() % 1e6}${++serial}`;

async function createGroup(t: SyncTenants, token: string): Promise<number> {
  const r = await call(t, token, {
    method: 'POST',
    path: '/v1/shop-groups',
    body: { name: `group ${unique()}`, policy: { mode: 'shared' } },
  });
  assert.equal(r.status, 201, r.text);
  return (JSON.parse(r.text) as { id: number }).id;
}

const groups = new Map<string, number>();
const ownerOf = (t: SyncTenants, ids: TenantIds) =>
  ids.tenantId === 'acme' ? t.tokens.owner : t.tokens.rival;
const groupOf = (ids: TenantIds) => groups.get(ids.tenantId)!;

/** Every sync route the app serves, by `METHOD url`. A HEAD is checked as its GET. */
const SYNC_ROUTES: Record<string, RouteSpec> = {
  'GET /v1/shops': { role: 'viewer', list: true, own: () => ({ path: '/v1/shops' }) },
  'GET /v1/shops/:id': {
    role: 'viewer',
    own: (_t, m) => ({ path: `/v1/shops/${m.shops[0]!.view.id}` }),
    other: (_t, o) => ({ path: `/v1/shops/${o.shops[0]!.view.id}` }),
  },
  'POST /v1/shops': {
    role: 'owner',
    own: () => ({
      method: 'POST',
      path: '/v1/shops',
      body: newShop('tiktok-shop', `66${unique()}`),
    }),
    other: (_t, o) => ({
      method: 'POST',
      path: '/v1/shops',
      body: newShop(o.shops[0]!.platform, o.shops[0]!.platformShopId),
    }),
    otherStatus: 409,
  },
  'PATCH /v1/shops/:id': {
    role: 'owner',
    own: (_t, m) => ({
      method: 'PATCH',
      path: `/v1/shops/${m.shops[0]!.view.id}`,
      body: { name: `renamed ${unique()}` },
    }),
    other: (_t, o) => ({
      method: 'PATCH',
      path: `/v1/shops/${o.shops[0]!.view.id}`,
      body: { name: 'taken over', status: 'paused' },
    }),
  },
  'POST /v1/shops/:id/test-connection': {
    role: 'operator',
    own: (_t, m) => ({ method: 'POST', path: `/v1/shops/${m.shops[1]!.view.id}/test-connection` }),
    other: (_t, o) => ({
      method: 'POST',
      path: `/v1/shops/${o.shops[1]!.view.id}/test-connection`,
    }),
  },
  'POST /v1/shops/:id/import-catalogue': {
    role: 'operator',
    own: (_t, m) => ({
      method: 'POST',
      path: `/v1/shops/${m.shops[0]!.view.id}/import-catalogue`,
    }),
    other: (_t, o) => ({
      method: 'POST',
      path: `/v1/shops/${o.shops[0]!.view.id}/import-catalogue`,
    }),
  },
  'GET /v1/listings': {
    role: 'viewer',
    list: true,
    own: (_t, m) => ({ path: `/v1/listings?shop=${m.shops[0]!.view.id}` }),
    other: (_t, o) => ({ path: `/v1/listings?shop=${o.shops[0]!.view.id}&sku=R1` }),
  },
  'PATCH /v1/listings/:id': {
    role: 'operator',
    own: (_t, m) => ({
      method: 'PATCH',
      path: `/v1/listings/${m.unmatchedListingId}`,
      body: { sku: 'B', unitsPerListing: 1 },
    }),
    other: (_t, o) => ({
      method: 'PATCH',
      path: `/v1/listings/${o.unmatchedListingId}`,
      body: { sku: 'A', unitsPerListing: 1 },
    }),
    mixed: (_t, m, o) => ({
      method: 'PATCH',
      path: `/v1/listings/${m.unmatchedListingId}`,
      body: { sku: o.ownSku, unitsPerListing: 1 },
    }),
  },
  'GET /v1/channel-orders': {
    role: 'viewer',
    list: true,
    own: () => ({ path: '/v1/channel-orders' }),
    other: (_t, o) => ({ path: `/v1/channel-orders?shop=${o.shops[0]!.view.id}` }),
  },
  'GET /v1/channel-orders/:id': {
    role: 'viewer',
    own: (_t, m) => ({ path: `/v1/channel-orders/${m.orderIds[0]}` }),
    other: (_t, o) => ({ path: `/v1/channel-orders/${o.orderIds[0]}` }),
  },
  'POST /v1/channel-orders/:id/retry': {
    role: 'operator',
    ownAlso: [409],
    own: (_t, m) => ({ method: 'POST', path: `/v1/channel-orders/${m.parkedOrderId}/retry` }),
    other: (_t, o) => ({ method: 'POST', path: `/v1/channel-orders/${o.orderIds[0]}/retry` }),
  },
  'POST /v1/channel-orders/:id/cancel': {
    role: 'operator',
    ownAlso: [409],
    own: (_t, m) => ({ method: 'POST', path: `/v1/channel-orders/${m.parkedOrderId}/cancel` }),
    other: (_t, o) => ({ method: 'POST', path: `/v1/channel-orders/${o.orderIds[1]}/cancel` }),
  },
  'GET /v1/allocation-policies/default': {
    role: 'viewer',
    list: true,
    own: () => ({ path: '/v1/allocation-policies/default' }),
  },
  'PUT /v1/allocation-policies/default': {
    role: 'owner',
    own: () => ({
      method: 'PUT',
      path: '/v1/allocation-policies/default',
      body: { mode: 'shared', bufferUnits: 1 },
    }),
  },
  'GET /v1/allocation-policies/skus/:sku': {
    role: 'viewer',
    own: (_t, m) => ({ path: `/v1/allocation-policies/skus/${m.ownSku}` }),
    other: (_t, o) => ({ path: `/v1/allocation-policies/skus/${o.ownSku}` }),
  },
  'PUT /v1/allocation-policies/skus/:sku': {
    role: 'owner',
    own: (_t, m) => ({
      method: 'PUT',
      path: `/v1/allocation-policies/skus/${m.ownSku}`,
      body: { mode: 'shared' },
    }),
    other: (_t, o) => ({
      method: 'PUT',
      path: `/v1/allocation-policies/skus/${o.ownSku}`,
      body: { mode: 'partitioned', bufferUnits: 5 },
    }),
  },
  'GET /v1/stock/:sku/allocation': {
    role: 'viewer',
    own: (_t, m) => ({ path: `/v1/stock/${m.ownSku}/allocation` }),
    other: (_t, o) => ({ path: `/v1/stock/${o.ownSku}/allocation` }),
  },
  'GET /v1/shop-groups': { role: 'viewer', list: true, own: () => ({ path: '/v1/shop-groups' }) },
  'GET /v1/shop-groups/:id': {
    role: 'viewer',
    own: (_t, m) => ({ path: `/v1/shop-groups/${groupOf(m)}` }),
    other: (_t, o) => ({ path: `/v1/shop-groups/${groupOf(o)}` }),
  },
  'POST /v1/shop-groups': {
    role: 'owner',
    own: () => ({
      method: 'POST',
      path: '/v1/shop-groups',
      body: { name: `g ${unique()}`, policy: { mode: 'shared' } },
    }),
  },
  'PATCH /v1/shop-groups/:id': {
    role: 'owner',
    own: (_t, m) => ({
      method: 'PATCH',
      path: `/v1/shop-groups/${groupOf(m)}`,
      body: { name: `g ${unique()}` },
    }),
    other: (_t, o) => ({
      method: 'PATCH',
      path: `/v1/shop-groups/${groupOf(o)}`,
      body: { name: 'taken over', policy: { mode: 'partitioned' } },
    }),
  },
  'DELETE /v1/shop-groups/:id': {
    role: 'owner',
    own: async (t, m) => ({
      method: 'DELETE',
      path: `/v1/shop-groups/${await createGroup(t, ownerOf(t, m))}`,
    }),
    other: (_t, o) => ({ method: 'DELETE', path: `/v1/shop-groups/${groupOf(o)}` }),
  },
  'PUT /v1/shop-groups/:id/shops/:shop': {
    role: 'owner',
    own: (_t, m) => ({
      method: 'PUT',
      path: `/v1/shop-groups/${groupOf(m)}/shops/${m.shops[0]!.view.id}`,
    }),
    other: (_t, o) => ({
      method: 'PUT',
      path: `/v1/shop-groups/${groupOf(o)}/shops/${o.shops[1]!.view.id}`,
    }),
    mixed: (_t, m, o) => ({
      method: 'PUT',
      path: `/v1/shop-groups/${groupOf(m)}/shops/${o.shops[1]!.view.id}`,
    }),
  },
  'DELETE /v1/shop-groups/:id/shops/:shop': {
    role: 'owner',
    own: async (t, m) => {
      const path = `/v1/shop-groups/${groupOf(m)}/shops/${m.shops[1]!.view.id}`;
      assert.equal((await call(t, ownerOf(t, m), { method: 'PUT', path })).status, 200);
      return { method: 'DELETE', path };
    },
    other: (_t, o) => ({
      method: 'DELETE',
      path: `/v1/shop-groups/${groupOf(o)}/shops/${o.shops[0]!.view.id}`,
    }),
    mixed: (_t, m, o) => ({
      method: 'DELETE',
      path: `/v1/shop-groups/${groupOf(m)}/shops/${o.shops[0]!.view.id}`,
    }),
  },
  'GET /v1/sync/status': { role: 'viewer', list: true, own: () => ({ path: '/v1/sync/status' }) },
  'GET /v1/sync/log': {
    role: 'viewer',
    list: true,
    own: () => ({ path: '/v1/sync/log' }),
    other: (_t, o) => ({
      path: `/v1/sync/log?shop=${o.shops[0]!.view.id}&listing=${o.listingIds[0]}`,
    }),
  },
  'GET /v1/sync/reconciliations': {
    role: 'viewer',
    list: true,
    own: () => ({ path: '/v1/sync/reconciliations' }),
    other: (_t, o) => ({ path: `/v1/sync/reconciliations?shop=${o.shops[0]!.view.id}` }),
  },
  'GET /v1/sync/dead-letters': {
    role: 'viewer',
    list: true,
    own: () => ({ path: '/v1/sync/dead-letters' }),
  },
  'POST /v1/sync/dead-letters/:id/retry': {
    role: 'operator',
    own: async (t, m) => {
      // Dead again before each call (a retry queues it, and the worker may have pushed and
      // removed it since), so every allowed call has one to retry.
      const db = t.rig.pool.database.db;
      const listing = await db
        .selectFrom('listings')
        .select(['tenant_id', 'shop_id'])
        .where('id', '=', m.deadLetterListingId)
        .executeTakeFirstOrThrow();
      await db
        .insertInto('push_queue')
        .values({
          listing_id: m.deadLetterListingId,
          tenant_id: listing.tenant_id,
          shop_id: listing.shop_id,
          version: 1,
          origin_at: 0,
          last_origin_at: 0,
          enqueued_at: 0,
          next_attempt_at: 0,
          attempts: 20,
          dead: 1,
        })
        // A new version too: a push of the previous retry still in flight must not remove it.
        .onConflict((oc) =>
          oc.column('listing_id').doUpdateSet({ dead: 1, version: sql`push_queue.version + 1` }),
        )
        .execute();
      return { method: 'POST', path: `/v1/sync/dead-letters/${m.deadLetterListingId}/retry` };
    },
    other: (_t, o) => ({
      method: 'POST',
      path: `/v1/sync/dead-letters/${o.deadLetterListingId}/retry`,
    }),
  },
  'GET /v1/alerts': {
    role: 'viewer',
    list: true,
    own: () => ({ path: '/v1/alerts?limit=500' }),
    other: () => ({ path: '/v1/alerts?kind=oversell' }),
  },
};

/** Public routes whose authority is a platform's signature, not a token. */
const WEBHOOK_ROUTES = new Set(WEBHOOK_PLATFORMS.map((p) => `POST /webhooks/${p}`));

/** Routes of the core (stock, catalogue, access) that http-access.integration.test.ts covers. */
const CORE_ROUTES = new Set([
  'GET /healthz',
  'GET /metrics',
  'GET /openapi.json',
  'GET /v1/me',
  'GET /v1/tenants',
  'POST /v1/tenants',
  'GET /v1/users',
  'POST /v1/users',
  'PATCH /v1/users/:id',
  'GET /v1/tokens',
  'POST /v1/tokens',
  'DELETE /v1/tokens/:id',
  'GET /v1/settings',
  'PATCH /v1/settings',
  'GET /v1/warehouses',
  'POST /v1/warehouses',
  'GET /v1/warehouses/:code',
  'PATCH /v1/warehouses/:code',
  'GET /v1/skus',
  'POST /v1/skus',
  'GET /v1/skus/:code',
  'PATCH /v1/skus/:code',
  'GET /v1/stock',
  'GET /v1/stock/:sku',
  'GET /v1/movements',
  'GET /v1/holds',
  'POST /v1/holds',
  'GET /v1/holds/:id',
  'POST /v1/holds/:id/confirm',
  'POST /v1/holds/:id/release',
  'POST /v1/holds/:id/ship',
  'POST /v1/receipts',
  'POST /v1/returns',
  'POST /v1/stocktakes',
  'POST /v1/transfers',
  'GET /v1/transfers/:id',
  'POST /v1/transfers/:id/receive',
]);

function newShop(platform: string, platformShopId: string) {
  return {
    platform,
    name: `new ${platformShopId}`,
    region: platform === 'shopee' ? 'SG' : 'GB',
    platformShopId,
    apiBaseUrl: 'http://127.0.0.1:9',
    credentials: {
      appKey: '3000001',
      appSecret: 'new-secret',
      accessToken: 'new-access',
      refreshToken: 'new-refresh',
      accessTokenExpiresAt: '2030-01-01T00:00:00Z',
    },
    warehouses: [{ code: 'GZ' }],
  };
}

async function call(
  t: SyncTenants,
  token: string | null,
  r: Req,
): Promise<{ status: number; text: string }> {
  const headers: Record<string, string> = { ...r.headers };
  if (token !== null) headers.authorization = `Bearer ${token}`;
  if (r.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${t.url}${r.path}`, {
    method: r.method ?? 'GET',
    headers,
    body: r.body === undefined ? undefined : JSON.stringify(r.body),
  });
  return { status: response.status, text: await response.text() };
}

/** Strings that name the other tenant's rows: none may appear in an answer to acme. */
function rivalMarkers(rival: TenantIds): string[] {
  return [
    ...rival.shops.flatMap((s) => [s.view.id, s.platformShopId, s.view.name]),
    ...rival.listingIds,
    rival.unmatchedListingId,
    ...rival.orderIds,
    'Rival',
    'R1',
  ];
}

/** The other tenant's rows in every sync table, to prove nothing of it changed. */
async function rivalSnapshot(t: SyncTenants): Promise<Record<string, string[]>> {
  const db = t.rig.pool.database.db;
  const tables = [
    'shops',
    'listings',
    'channel_orders',
    'channel_order_lines',
    'push_queue',
    'allocation_policies',
    'shop_groups',
    'alerts',
    'inbox',
    'holds',
  ] as const;
  const snapshot: Record<string, string[]> = {};
  for (const table of tables) {
    const rows = await db.selectFrom(table).selectAll().where('tenant_id', '=', 'rival').execute();
    snapshot[table] = rows
      .map((row) =>
        JSON.stringify(row, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v)),
      )
      .sort();
  }
  return snapshot;
}

for (const dialect of await availableDialects()) {
  describe(`R10 on ${dialect}: every sync route × role × own / other tenant`, () => {
    let t: SyncTenants;
    before(async () => {
      t = await openSyncTenants(dialect);
      groups.set('acme', await createGroup(t, t.tokens.owner));
      groups.set('rival', await createGroup(t, t.tokens.rival));
      const rivalMember = `/v1/shop-groups/${groups.get('rival')}/shops/${t.rival.shops[0]!.view.id}`;
      assert.equal(
        (await call(t, t.tokens.rival, { method: 'PUT', path: rivalMember })).status,
        200,
      );
      // The membership re-targets the rival's listings: let those pushes finish before the
      // snapshot — quiet twice, a push round apart, so a SKU marked just after a look is done too.
      for (let i = 0; i < 2; i++) {
        await new Promise((resolve) => setTimeout(resolve, 500));
        await waitFor('the rival tenant quiet', async () => {
          const q = (await t.rig.pool.sync.status('rival')).queues;
          return q.changedSkus === 0 && q.pushes === 0 && q.inboxPending === 0;
        });
      }
    });
    after(async () => {
      assert.deepEqual(await t.rig.invariants(), []);
      await t.close();
    });

    it('every route the app serves is in the sync table, the webhook set or the core list', () => {
      const unknown = t.app.apiRoutes
        .filter((r) => r.method !== 'HEAD' && !r.url.startsWith('/docs'))
        .map((r) => `${r.method} ${r.url}`)
        .filter((k) => !(k in SYNC_ROUTES) && !WEBHOOK_ROUTES.has(k) && !CORE_ROUTES.has(k));
      assert.deepEqual(unknown, [], 'classify these routes (and add sync ones to SYNC_ROUTES)');
      const served = new Set(t.app.apiRoutes.map((r) => `${r.method} ${r.url}`));
      const stale = Object.keys(SYNC_ROUTES).filter((k) => !served.has(k));
      assert.deepEqual(stale, [], 'the table names routes the app no longer serves');
      for (const r of t.app.apiRoutes)
        if (WEBHOOK_ROUTES.has(`${r.method} ${r.url}`)) assert.ok(r.public);
        else if (`${r.method} ${r.url}` in SYNC_ROUTES) assert.ok(!r.public, r.url);
    });

    it(
      '0 unauthorised successes over every sync route, role and tenant',
      { timeout: 120_000 },
      async () => {
        const rivalBefore = await rivalSnapshot(t);
        const markers = rivalMarkers(t.rival);
        const unauthorised: string[] = [];
        const unexpected: string[] = [];
        let calls = 0;
        const callers: Array<{ name: string; token: string | null; role: Role | null }> = [
          { name: 'no token', token: null, role: null },
          { name: 'forged token', token: `sp_${'Q'.repeat(43)}`, role: null },
          { name: 'viewer', token: t.tokens.viewer, role: 'viewer' },
          { name: 'operator', token: t.tokens.operator, role: 'operator' },
          { name: 'owner', token: t.tokens.owner, role: 'owner' },
          { name: 'admin', token: t.tokens.admin, role: 'owner' },
        ];
        const routes = t.app.apiRoutes.filter((r) => {
          const key = `${r.method === 'HEAD' ? 'GET' : r.method} ${r.url}`;
          return key in SYNC_ROUTES;
        });
        for (const route of routes) {
          const spec =
            SYNC_ROUTES[`${route.method === 'HEAD' ? 'GET' : route.method} ${route.url}`]!;
          const head = route.method === 'HEAD';
          for (const caller of callers) {
            const allowed = caller.role !== null && hasRole(caller.role, spec.role);
            const label = `${route.method} ${route.url} as ${caller.name}`;
            const targets: Array<['own' | 'other' | 'mixed', Req]> = [
              ['own', await spec.own(t, t.acme)],
            ];
            if (spec.other) targets.push(['other', spec.other(t, t.rival)]);
            if (spec.mixed) targets.push(['mixed', spec.mixed(t, t.acme, t.rival)]);
            for (const [target, request] of targets) {
              const r = await call(t, caller.token, { ...request, method: route.method });
              calls += 1;
              const ok = r.status >= 200 && r.status < 300;
              const where = `${label} on ${target} ids → ${r.status} ${r.text.slice(0, 160)}`;
              if (caller.role === null) {
                if (ok) unauthorised.push(where);
                if (r.status !== 401) unexpected.push(where);
              } else if (!allowed) {
                if (ok) unauthorised.push(where);
                if (r.status !== 403) unexpected.push(where);
              } else if (target === 'own') {
                if (!ok && !(spec.ownAlso ?? []).includes(r.status)) unexpected.push(where);
                if (!head && markers.some((m) => r.text.includes(m)))
                  unauthorised.push(`${where} (rival data)`);
              } else if (spec.list && target === 'other') {
                if (!head && markers.some((m) => r.text.includes(m)))
                  unauthorised.push(`${where} (rival data)`);
                if (!ok) unexpected.push(where);
              } else {
                if (ok) unauthorised.push(where);
                const want = target === 'other' ? (spec.otherStatus ?? 404) : 404;
                if (r.status !== want) unexpected.push(where);
              }
            }
          }
        }
        console.log(
          `# R10 ${dialect}: ${routes.length} sync routes (HEAD included), ${calls} calls`,
        );
        assert.deepEqual(unauthorised, [], 'unauthorised successes');
        assert.deepEqual(unexpected, [], 'answers other than the expected refusal or success');
        assert.deepEqual(
          await rivalSnapshot(t),
          rivalBefore,
          "the other tenant's rows are unchanged",
        );
      },
    );

    it('a webhook is authorised by its shop signature only, never across tenants or by a token', async () => {
      const own = t.acme.shops[0]!;
      const theirs = t.rival.shops[0]!;
      const body = (shopId: string) =>
        JSON.stringify({
          type: 1,
          tts_notification_id: `r10-${unique()}`,
          shop_id: shopId,
          timestamp: Math.floor(Date.now() / 1000),
          data: {
            order_id: `r10-${unique()}`,
            order_status: 'UNPAID',
            update_time: Math.floor(Date.now() / 1000),
          },
        });
      const send = (raw: string, headers: Record<string, string>) =>
        fetch(`${t.url}/webhooks/tiktok-shop`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: raw,
        });
      const inboxBefore = await t.rig.pool.database.db
        .selectFrom('inbox')
        .select('id')
        .where('tenant_id', '=', 'rival')
        .execute();
      const ownBody = body(own.platformShopId);
      const signedOwn = tiktokWebhookSignature(own.secrets, Buffer.from(ownBody));
      assert.equal((await send(ownBody, { authorization: signedOwn })).status, 200);
      const rivalBody = body(theirs.platformShopId);
      const signedWithOwn = tiktokWebhookSignature(own.secrets, Buffer.from(rivalBody));
      assert.equal((await send(rivalBody, { authorization: signedWithOwn })).status, 401);
      for (const token of [t.tokens.owner, t.tokens.admin, t.tokens.rival])
        assert.equal((await send(rivalBody, { authorization: `Bearer ${token}` })).status, 401);
      const inboxAfter = await t.rig.pool.database.db
        .selectFrom('inbox')
        .select('id')
        .where('tenant_id', '=', 'rival')
        .execute();
      assert.equal(inboxAfter.length, inboxBefore.length, 'nothing stored for the other tenant');
    });
  });
}
