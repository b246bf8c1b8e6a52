/**
 * Two tenants with channel sync in place, for the reliability battery's sync items (R8, R10): a
 * sync rig (real database, real clock, TikTok Shop and Shopee emulators) plus tenant `rival`,
 * API tokens per role in `acme` and an owner token in `rival`, and in each tenant a TikTok shop and
 * a Shopee shop with imported listings, one unmatched listing, a recorded order, a parked order
 * (acme) and a dead letter. Every shop's webhooks go through a relay so a test can capture a
 * genuine platform-signed webhook and deliver it as often as it likes. A second API app on the
 * same pool writes its log into `logLines`, so tests can prove what never reaches a log.
 */
import { Writable } from 'node:stream';
import { issueToken } from '../../src/access/api-tokens.ts';
import type { PlatformName } from '../../src/connectors/contract.ts';
import type { Role } from '../../src/domain/roles.ts';
import { buildApp } from '../../src/http/app.ts';
import type { DialectName } from '../../src/store/dialect-name.ts';
import { insertTenant } from '../../src/store/tenants-repo.ts';
import type { ShopView } from '../../src/sync/shop-view.ts';
import type { PlatformEmulator } from '../../sandbox/kit/emulator.ts';
import { openSyncRig, waitFor, type SyncRig } from './sync-fixture.ts';
import { startWebhookRelay, type WebhookRelay } from './webhook-relay.ts';

export type TenantKey = 'acme' | 'rival';

export interface TenantShop {
  tenant: TenantKey;
  platform: PlatformName;
  view: ShopView;
  emulator: PlatformEmulator;
  platformShopId: string;
  secrets: { appKey: string; appSecret: string; accessToken: string; refreshToken: string };
  refs: Map<string, { itemId: string; variantId: string }>;
  /** The callback URL the platform signs (Shopee) and delivers to: the relay's. */
  webhookUrl: string;
}

/** The ids of one tenant's sync resources, for building requests. */
export interface TenantIds {
  tenantId: string;
  /** A SKU code only this tenant has. */
  ownSku: string;
  shops: TenantShop[];
  listingIds: string[];
  unmatchedListingId: string;
  orderIds: string[];
  parkedOrderId: string | null;
  deadLetterListingId: string;
}

export interface SyncTenants {
  rig: SyncRig;
  relay: WebhookRelay;
  /** The logging API app, listening. */
  app: Awaited<ReturnType<typeof buildApp>>;
  url: string;
  logLines: string[];
  tokens: Record<Role | 'admin' | 'rival' | 'rivalViewer', string>;
  acme: TenantIds;
  rival: TenantIds;
  /** Every shop secret and API token handed out: none may ever appear in a log or a response. */
  secrets(): string[];
  close(): Promise<void>;
}

let shopSerial = 0;

/** Row counts of every table in the database, by name. */
export async function countAllRows(rig: SyncRig): Promise<Record<string, number>> {
  const db = rig.pool.database.db;
  const tables = (await db.introspection.getTables()).map((t) => t.name).sort();
  const counts: Record<string, number> = {};
  for (const table of tables) {
    if (table.startsWith('kysely_')) continue;
    const row = await db
      .selectFrom(table as 'shops')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    counts[table] = Number(row.n);
  }
  return counts;
}

export async function openSyncTenants(dialect: DialectName): Promise<SyncTenants> {
  const rig = await openSyncRig(dialect);
  const db = rig.pool.database.db;
  const logLines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logLines.push(chunk.toString('utf8'));
      done();
    },
  });
  const app = await buildApp(rig.pool, {
    bodyLimitBytes: 1024 * 1024,
    logger: { level: 'info', stream },
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('server did not bind');
  const url = `http://127.0.0.1:${address.port}`;
  const relay = await startWebhookRelay(url);

  await insertTenant(db, { id: 'rival', name: 'Rival', nowMs: Date.now() });
  const rivalActor = { tenantId: 'rival', name: 'rival' };
  await rig.pool.catalog.createWarehouse('rival', {
    code: 'GZ',
    name: 'Rival GZ',
    kind: 'domestic',
    country: 'CN',
  });
  for (const code of ['A', 'R1'])
    await rig.pool.catalog.createSku('rival', { code, name: `Rival ${code}` });
  await rig.pool.catalog.createSku(rig.actor.tenantId, { code: 'P1', name: 'Parked item' });
  await receive(rig, rig.actor, [{ sku: 'A', quantity: 50 }]);
  await receive(rig, rivalActor, [
    { sku: 'R1', quantity: 50 },
    { sku: 'A', quantity: 50 },
  ]);

  const issue = async (tenantId: string, role: Role, isAdmin = false) =>
    (
      await issueToken(
        db,
        { ids: rig.pool.ids, nowMs: Date.now() },
        { tenantId, name: `${tenantId}-${role}${isAdmin ? '-admin' : ''}`, role, isAdmin },
      )
    ).token;
  const tokens = {
    owner: await issue('acme', 'owner'),
    operator: await issue('acme', 'operator'),
    viewer: await issue('acme', 'viewer'),
    admin: await issue('acme', 'owner', true),
    rival: await issue('rival', 'owner'),
    rivalViewer: await issue('rival', 'viewer'),
  };

  const connect = (tenant: TenantKey, platform: PlatformName, listings: ListingSeed[]) =>
    connectShop(rig, relay, {
      tenant,
      platform,
      listings,
      settings: tenant === 'acme' && platform === 'tiktok-shop' ? { onUnfillable: 'park' } : {},
    });
  const acmeShops = [
    await connect('acme', 'tiktok-shop', [
      { sellerSku: 'A' },
      { sellerSku: 'B' },
      { sellerSku: 'P1', shown: 3 },
      { sellerSku: 'NOPE' },
    ]),
    await connect('acme', 'shopee', [{ sellerSku: 'A', shown: 5 }, { sellerSku: 'B' }]),
  ];
  const rivalShops = [
    await connect('rival', 'tiktok-shop', [{ sellerSku: 'R1', shown: 5 }, { sellerSku: 'A' }]),
    await connect('rival', 'shopee', [{ sellerSku: 'R1', shown: 5 }, { sellerSku: 'GONE' }]),
  ];
  // Orders placed before the worker runs: P1 has no stock in the pool, so that paid order is
  // parked (its shop parks unfillable orders); the others are held.
  const [acmeTikTok, acmeShopee] = acmeShops as [TenantShop, TenantShop];
  const [rivalTikTok, rivalShopee] = rivalShops as [TenantShop, TenantShop];
  placeOrder(acmeTikTok, 'P1', true);
  placeOrder(acmeShopee, 'A');
  placeOrder(rivalTikTok, 'R1');
  placeOrder(rivalShopee, 'R1');
  rig.pool.sync.worker.start();
  await waitFor(
    'four orders recorded and the sync queues drained',
    async () => {
      const orders = await db.selectFrom('channel_orders').select('id').execute();
      const depths = await rig.pool.sync.status('acme');
      const rivalDepths = await rig.pool.sync.status('rival');
      const quiet = (q: typeof depths.queues) =>
        q.changedSkus === 0 && q.pushes === 0 && q.inboxPending === 0;
      return orders.length === 4 && quiet(depths.queues) && quiet(rivalDepths.queues);
    },
    30_000,
  );

  const acme = await idsOf(rig, 'acme', 'P1', acmeShops);
  const rival = await idsOf(rig, 'rival', 'R1', rivalShops);
  return {
    rig,
    relay,
    app,
    url,
    logLines,
    tokens,
    acme,
    rival,
    secrets: () => [
      ...Object.values(tokens),
      ...[...acmeShops, ...rivalShops].flatMap((s) => [
        s.secrets.appSecret,
        s.secrets.accessToken,
        s.secrets.refreshToken,
      ]),
    ],
    close: async () => {
      await relay.close();
      await app.close();
      await rig.close();
    },
  };
}

interface ListingSeed {
  sellerSku: string;
  shown?: number;
}

async function receive(
  rig: SyncRig,
  actor: { tenantId: string; name: string },
  lines: Array<{ sku: string; quantity: number }>,
): Promise<void> {
  const r = await rig.pool.inventory.receive(actor, {
    idempotencyKey: `opening-${actor.tenantId}`,
    warehouse: 'GZ',
    lines,
  });
  if (!r.ok) throw new Error(`receive failed: ${r.error.code}`);
}

function placeOrder(shop: TenantShop, sellerSku: string, paid = false): string {
  const ref = shop.refs.get(sellerSku);
  if (!ref) throw new Error(`no listing ${sellerSku}`);
  const placed = shop.emulator.placeOrder({
    platformShopId: shop.platformShopId,
    lines: [{ ...ref, quantity: 1 }],
    paid,
  });
  if (!placed.ok) throw new Error(`the platform refused an order of ${sellerSku}`);
  return placed.orderId;
}

/** Seeds a shop on its emulator and connects it to the tenant, webhooks through the relay. */
export async function connectShop(
  rig: SyncRig,
  relay: WebhookRelay,
  spec: {
    tenant: TenantKey;
    platform: PlatformName;
    listings: ListingSeed[];
    settings?: Record<string, unknown>;
  },
): Promise<TenantShop> {
  const n = ++shopSerial + 900;
  const tiktok = spec.platform === 'tiktok-shop';
  const emulator = tiktok ? rig.tiktok : rig.shopee;
  const platformShopId = tiktok ? `8494${String(n).padStart(6, '0')}` : String(24700000 + n);
  const warehouse = tiktok ? `WH${n}` : `LOC${n}`;
  const secrets = {
    appKey: tiktok ? `app${n}` : String(3000000 + n),
    appSecret: `APPSECRET-${spec.tenant}-${n}-q7Zx`,
    accessToken: `ACCESSTOKEN-${spec.tenant}-${n}-k2Vb`,
    refreshToken: `REFRESHTOKEN-${spec.tenant}-${n}-m9Tn`,
  };
  const expiresAtMs = Date.now() + 4 * 3600_000;
  const webhookUrl = `${relay.url}/webhooks/${spec.platform}`;
  emulator.seedShop({
    ...secrets,
    platformShopId,
    shopCipher: `cipher${n}`,
    accessTokenExpiresAtMs: expiresAtMs,
    webhookUrl,
    warehouseIds: [warehouse],
  });
  const refs = new Map<string, { itemId: string; variantId: string }>();
  emulator.seedProducts(
    platformShopId,
    spec.listings.map((l, i) => {
      const ref = { itemId: String(100000 * n + i + 1), variantId: String(500000 * n + i + 1) };
      refs.set(l.sellerSku, ref);
      return {
        itemId: ref.itemId,
        title: `Listing ${l.sellerSku}`,
        variants: [
          {
            variantId: ref.variantId,
            sellerSku: l.sellerSku,
            stock: { [warehouse]: l.shown ?? 0 },
          },
        ],
      };
    }),
  );
  const actor = { tenantId: spec.tenant, name: `${spec.tenant}-setup` };
  const connected = await rig.pool.sync.shops.connect(actor, {
    platform: spec.platform,
    name: `${spec.tenant} ${spec.platform} ${n}`,
    region: tiktok ? 'GB' : 'SG',
    platformShopId,
    shopCipher: `cipher${n}`,
    apiBaseUrl: emulator.baseUrl,
    credentials: { ...secrets, accessTokenExpiresAt: new Date(expiresAtMs).toISOString() },
    warehouses: [{ code: 'GZ', platformWarehouseId: warehouse }],
    settings: spec.settings,
  });
  if (!connected.ok) throw new Error(`connect failed: ${connected.error.code}`);
  const imported = await rig.pool.sync.listings.importCatalogue(actor, connected.value.id);
  if (!imported.ok) throw new Error(`import failed: ${JSON.stringify(imported.error)}`);
  return {
    tenant: spec.tenant,
    platform: spec.platform,
    view: connected.value,
    emulator,
    platformShopId,
    secrets,
    refs,
    webhookUrl,
  };
}

/** Reads back the ids a test needs and makes one listing of the tenant a dead letter. */
async function idsOf(
  rig: SyncRig,
  tenantId: TenantKey,
  ownSku: string,
  shops: TenantShop[],
): Promise<TenantIds> {
  const db = rig.pool.database.db;
  const listings = await db
    .selectFrom('listings')
    .select(['id', 'sku_id', 'shop_id'])
    .where('tenant_id', '=', tenantId)
    .orderBy('id')
    .execute();
  const unmatched = listings.find((l) => l.sku_id === null);
  const matched = listings.filter((l) => l.sku_id !== null);
  if (!unmatched || matched.length === 0) throw new Error(`${tenantId}: listings missing`);
  const orders = await db
    .selectFrom('channel_orders')
    .select(['id', 'outcome'])
    .where('tenant_id', '=', tenantId)
    .orderBy('id')
    .execute();
  const dead = matched[0]!;
  // A dead letter as the pusher leaves one after a non-retryable refusal (sync-queue-repo failPush).
  const nowMs = Date.now();
  await db
    .insertInto('push_queue')
    .values({
      listing_id: dead.id,
      tenant_id: tenantId,
      shop_id: dead.shop_id,
      version: 1,
      origin_at: nowMs,
      last_origin_at: nowMs,
      enqueued_at: nowMs,
      attempts: 20,
      next_attempt_at: 0,
      dead: 1,
      last_error: 'refused for good (test setup)',
    })
    .execute();
  return {
    tenantId,
    ownSku,
    shops,
    listingIds: matched.map((l) => l.id),
    unmatchedListingId: unmatched.id,
    orderIds: orders.map((o) => o.id),
    parkedOrderId: orders.find((o) => o.outcome === 'parked')?.id ?? null,
    deadLetterListingId: dead.id,
  };
}
