/**
 * Shops (a seller's account on one platform) and the warehouses each may ship from, in priority
 * order. Credentials stay sealed here: this file stores and returns the ciphertext only.
 */
import { sql, type Kysely, type Selectable } from 'kysely';
import type { DB } from './schema.ts';
import type { WarehouseKind } from './warehouses-repo.ts';

export interface ShopWarehouse {
  warehouseId: number;
  warehouseCode: string;
  priority: number;
  /** The platform's own id of this warehouse / location, when the platform has several. */
  platformWarehouseId: string | null;
  /**
   * A warehouse the platform runs (kind platform_fulfilled: Amazon FBA, TikTok FBT): only the
   * platform's own fulfilment takes from it, StockPool never pushes it, and the platform's report
   * sets its on-hand (reconciler.ts).
   */
  platformRun: boolean;
}

export interface ShopRecord {
  id: string;
  tenantId: string;
  platform: string;
  name: string;
  region: string;
  platformShopId: string;
  shopCipher: string | null;
  apiBaseUrl: string | null;
  credentialsSealed: string;
  accessTokenExpiresAtMs: number;
  refreshTokenExpiresAtMs: number | null;
  status: string;
  settingsJson: string;
  lastEventAtMs: number;
  polledUntilMs: number;
  createdAtMs: number;
  updatedAtMs: number;
  /** Counts writes of the sealed credentials (see shop-tokens-repo.ts). */
  tokenVersion: number;
  warehouses: ShopWarehouse[];
}

export type NewShop = Omit<
  ShopRecord,
  'lastEventAtMs' | 'polledUntilMs' | 'tokenVersion' | 'warehouses'
>;

type ShopRow = Selectable<DB['shops']>;

/** The warehouse kind a platform runs itself. */
const PLATFORM_RUN_KIND: WarehouseKind = 'platform_fulfilled';

function toRecord(r: ShopRow, warehouses: ShopWarehouse[]): ShopRecord {
  return {
    id: r.id,
    tenantId: r.tenant_id,
    platform: r.platform,
    name: r.name,
    region: r.region,
    platformShopId: r.platform_shop_id,
    shopCipher: r.shop_cipher,
    apiBaseUrl: r.api_base_url,
    credentialsSealed: r.credentials,
    accessTokenExpiresAtMs: Number(r.access_token_expires_at),
    refreshTokenExpiresAtMs:
      r.refresh_token_expires_at === null ? null : Number(r.refresh_token_expires_at),
    status: r.status,
    settingsJson: r.settings_json,
    lastEventAtMs: Number(r.last_event_at),
    polledUntilMs: Number(r.polled_until),
    createdAtMs: Number(r.created_at),
    updatedAtMs: Number(r.updated_at),
    tokenVersion: Number(r.token_version),
    warehouses,
  };
}

/** Creates the shop; false when this platform shop is already connected (to any tenant). */
export async function insertShop(db: Kysely<DB>, shop: NewShop): Promise<boolean> {
  const r = await db
    .insertInto('shops')
    .values({
      id: shop.id,
      tenant_id: shop.tenantId,
      platform: shop.platform,
      name: shop.name,
      region: shop.region,
      platform_shop_id: shop.platformShopId,
      shop_cipher: shop.shopCipher,
      api_base_url: shop.apiBaseUrl,
      credentials: shop.credentialsSealed,
      access_token_expires_at: shop.accessTokenExpiresAtMs,
      refresh_token_expires_at: shop.refreshTokenExpiresAtMs,
      status: shop.status,
      settings_json: shop.settingsJson,
      created_at: shop.createdAtMs,
      updated_at: shop.updatedAtMs,
    })
    .onConflict((oc) => oc.columns(['platform', 'platform_shop_id']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function replaceShopWarehouses(
  db: Kysely<DB>,
  shop: { tenantId: string; shopId: string },
  warehouses: Array<{ warehouseId: number; platformWarehouseId: string | null }>,
): Promise<void> {
  await db.deleteFrom('shop_warehouses').where('shop_id', '=', shop.shopId).execute();
  if (warehouses.length === 0) return;
  await db
    .insertInto('shop_warehouses')
    .values(
      warehouses.map((w, priority) => ({
        tenant_id: shop.tenantId,
        shop_id: shop.shopId,
        warehouse_id: w.warehouseId,
        priority,
        platform_warehouse_id: w.platformWarehouseId,
      })),
    )
    .execute();
}

async function warehousesOf(
  db: Kysely<DB>,
  shopIds: string[],
): Promise<Map<string, ShopWarehouse[]>> {
  const byShop = new Map<string, ShopWarehouse[]>();
  if (shopIds.length === 0) return byShop;
  const rows = await db
    .selectFrom('shop_warehouses as sw')
    .innerJoin('warehouses as w', 'w.id', 'sw.warehouse_id')
    .select([
      'sw.shop_id',
      'sw.warehouse_id',
      'w.code',
      'w.kind',
      'sw.priority',
      'sw.platform_warehouse_id',
    ])
    .where('sw.shop_id', 'in', shopIds)
    .orderBy('sw.priority')
    .execute();
  for (const r of rows) {
    const list = byShop.get(r.shop_id) ?? [];
    list.push({
      warehouseId: Number(r.warehouse_id),
      warehouseCode: r.code,
      priority: r.priority,
      platformWarehouseId: r.platform_warehouse_id,
      platformRun: r.kind === PLATFORM_RUN_KIND,
    });
    byShop.set(r.shop_id, list);
  }
  return byShop;
}

async function withWarehouses(db: Kysely<DB>, rows: ShopRow[]): Promise<ShopRecord[]> {
  const byShop = await warehousesOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => toRecord(r, byShop.get(r.id) ?? []));
}

export async function findShop(
  db: Kysely<DB>,
  tenantId: string,
  shopId: string,
): Promise<ShopRecord | null> {
  const rows = await db
    .selectFrom('shops')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', shopId)
    .execute();
  return (await withWarehouses(db, rows))[0] ?? null;
}

/**
 * For webhooks: the shop a platform names, whichever tenant it belongs to. One statement with its
 * warehouses joined: every webhook asks this, so on PostgreSQL a second round trip would count.
 */
export async function findShopByPlatformId(
  db: Kysely<DB>,
  platform: string,
  platformShopId: string,
): Promise<ShopRecord | null> {
  const rows = await db
    .selectFrom('shops as s')
    .leftJoin('shop_warehouses as sw', 'sw.shop_id', 's.id')
    .leftJoin('warehouses as w', 'w.id', 'sw.warehouse_id')
    .selectAll('s')
    .select([
      'sw.warehouse_id as sw_warehouse_id',
      'w.code as sw_code',
      'w.kind as sw_kind',
      'sw.priority as sw_priority',
      'sw.platform_warehouse_id as sw_platform_warehouse_id',
    ])
    .where('s.platform', '=', platform)
    .where('s.platform_shop_id', '=', platformShopId)
    .orderBy('sw.priority')
    .execute();
  const first = rows[0];
  if (!first) return null;
  const warehouses: ShopWarehouse[] = rows.flatMap((r) =>
    r.sw_warehouse_id === null || r.sw_code === null || r.sw_priority === null
      ? []
      : [
          {
            warehouseId: Number(r.sw_warehouse_id),
            warehouseCode: r.sw_code,
            priority: r.sw_priority,
            platformWarehouseId: r.sw_platform_warehouse_id,
            platformRun: r.sw_kind === PLATFORM_RUN_KIND,
          },
        ],
  );
  return toRecord(first, warehouses);
}

export async function listShops(db: Kysely<DB>, tenantId: string): Promise<ShopRecord[]> {
  const rows = await db
    .selectFrom('shops')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return withWarehouses(db, rows);
}

/** Every shop the worker serves (all tenants: the worker is a system job). */
export async function listShopsByIds(db: Kysely<DB>, shopIds: string[]): Promise<ShopRecord[]> {
  if (shopIds.length === 0) return [];
  const rows = await db.selectFrom('shops').selectAll().where('id', 'in', shopIds).execute();
  return withWarehouses(db, rows);
}

export async function listActiveShopIds(db: Kysely<DB>): Promise<string[]> {
  const rows = await db.selectFrom('shops').select('id').where('status', '=', 'active').execute();
  return rows.map((r) => r.id);
}

/**
 * Changes a shop's fields. Credentials are written only over the sealed value they were merged
 * from (`credentials.from`), so a token refresh stored meanwhile is never overwritten with the
 * tokens it replaced: false when the stored value changed (read again and merge again).
 * `credentials.tokensChanged` makes the write a new token version, so a refresh begun from the old
 * tokens does not store over the seller's new ones; a change of the app key or secret alone is not.
 */
export async function updateShopFields(
  db: Kysely<DB>,
  shopId: string,
  fields: Partial<{
    name: string;
    status: string;
    settingsJson: string;
    apiBaseUrl: string | null;
    credentials: { from: string; to: string; tokensChanged: boolean };
    accessTokenExpiresAtMs: number;
    refreshTokenExpiresAtMs: number | null;
  }>,
  nowMs: number,
): Promise<boolean> {
  const credentials = fields.credentials;
  let update = db
    .updateTable('shops')
    .set({
      ...(fields.name !== undefined ? { name: fields.name } : {}),
      ...(fields.status !== undefined ? { status: fields.status } : {}),
      ...(fields.settingsJson !== undefined ? { settings_json: fields.settingsJson } : {}),
      ...(fields.apiBaseUrl !== undefined ? { api_base_url: fields.apiBaseUrl } : {}),
      ...(credentials ? { credentials: credentials.to } : {}),
      ...(credentials?.tokensChanged ? { token_version: sql<number>`token_version + 1` } : {}),
      ...(fields.accessTokenExpiresAtMs !== undefined
        ? { access_token_expires_at: fields.accessTokenExpiresAtMs }
        : {}),
      ...(fields.refreshTokenExpiresAtMs !== undefined
        ? { refresh_token_expires_at: fields.refreshTokenExpiresAtMs }
        : {}),
      updated_at: nowMs,
    })
    .where('id', '=', shopId);
  if (credentials) update = update.where('credentials', '=', credentials.from);
  const r = await update.executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Moves the incremental order pull forward (does not count as a change of the shop). */
export async function setPolledUntil(
  db: Kysely<DB>,
  shopId: string,
  polledUntilMs: number,
): Promise<void> {
  await db
    .updateTable('shops')
    .set({ polled_until: polledUntilMs })
    .where('id', '=', shopId)
    .execute();
}

/** The newest processed webhook of the shop arrived at `atMs` (kept only forward). */
export async function recordLastEvent(db: Kysely<DB>, shopId: string, atMs: number): Promise<void> {
  await db
    .updateTable('shops')
    .set({ last_event_at: atMs })
    .where('id', '=', shopId)
    .where('last_event_at', '<', atMs)
    .execute();
}
