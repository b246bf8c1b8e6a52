/**
 * Shops and listings for the API: connecting a shop (credentials sealed at once), changing it,
 * testing the connection, importing its catalogue (auto-matching by seller SKU code) and mapping
 * listings by hand. A new mapping re-applies the orders that were waiting for it.
 */
import type { Kysely } from 'kysely';
import type { SecretBox } from '../access/secret-box.ts';
import { fail, succeed, type Outcome } from '../domain/outcome.ts';
import type { Actor } from '../inventory/command-context.ts';
import type { Clock } from '../ports/clock.ts';
import type { Ids } from '../ports/ids.ts';
import type { DB } from '../store/schema.ts';
import { platformFailure } from './platform-failure.ts';
import {
  findShop,
  insertShop,
  listShops,
  replaceShopWarehouses,
  updateShopFields,
  type ShopRecord,
} from '../store/shops-repo.ts';
import {
  sealShopSecrets,
  openShopSecrets,
  type ShopConnectors,
  type ShopSecrets,
} from './shop-connectors.ts';
import { DEFAULT_SHOP_SETTINGS, shopSettingsOf, type ShopSettings } from './shop-settings.ts';
import { shopViewOf, type ShopView } from './shop-view.ts';

/** Merges of a credentials patch tried while token refreshes keep storing under it. */
const MAX_CREDENTIAL_MERGES = 5;

export interface ShopServiceDeps {
  db: Kysely<DB>;
  box: SecretBox;
  clock: Clock;
  ids: Ids;
  connectors: ShopConnectors;
}

export interface ConnectShopInput {
  platform: string;
  name: string;
  region: string;
  platformShopId: string;
  shopCipher?: string | null;
  /** Where the platform API is: the emulator's URL in the sandbox; the real host when absent. */
  apiBaseUrl?: string | null;
  /**
   * Tokens are optional: WooCommerce has none, a Shopify offline token never expires, and Amazon
   * or Lazada may be given only a refresh token (the first request then refreshes).
   */
  credentials: Omit<ShopSecrets, 'accessToken' | 'refreshToken'> & {
    accessToken?: string;
    refreshToken?: string;
    accessTokenExpiresAt?: string;
    refreshTokenExpiresAt?: string | null;
  };
  /** Warehouse codes in priority order, each optionally with the platform's own warehouse id. */
  warehouses: Array<{ code: string; platformWarehouseId?: string | null }>;
  settings?: Partial<ShopSettings>;
}

export interface UpdateShopInput {
  name?: string;
  status?: 'active' | 'paused';
  settings?: Partial<ShopSettings>;
  warehouses?: ConnectShopInput['warehouses'];
  credentials?: Partial<ConnectShopInput['credentials']>;
}

export class ShopService {
  constructor(private readonly deps: ShopServiceDeps) {}

  async connect(actor: Actor, input: ConnectShopInput): Promise<Outcome<ShopView>> {
    if (!this.deps.connectors.platformOf(input.platform))
      return fail('PLATFORM_NOT_SUPPORTED', { platform: input.platform });
    const warehouses = await this.resolveWarehouses(actor.tenantId, input.warehouses);
    if (!warehouses.ok) return warehouses;
    const nowMs = this.deps.clock.nowMs();
    const id = this.deps.ids.next('shp');
    // The shop and its warehouses together, or neither.
    const inserted = await this.deps.db.transaction().execute(async (trx) => {
      const created = await insertShop(trx, {
        id,
        tenantId: actor.tenantId,
        platform: input.platform,
        name: input.name,
        region: input.region,
        platformShopId: input.platformShopId,
        shopCipher: input.shopCipher ?? null,
        apiBaseUrl: input.apiBaseUrl ?? null,
        credentialsSealed: sealShopSecrets(this.deps.box, secretsOf(input.credentials)),
        accessTokenExpiresAtMs: accessTokenExpiryMs(input.credentials, nowMs),
        refreshTokenExpiresAtMs: input.credentials.refreshTokenExpiresAt
          ? Date.parse(input.credentials.refreshTokenExpiresAt)
          : null,
        status: 'active',
        settingsJson: JSON.stringify({ ...DEFAULT_SHOP_SETTINGS, ...input.settings }),
        createdAtMs: nowMs,
        updatedAtMs: nowMs,
      });
      if (created)
        await replaceShopWarehouses(
          trx,
          { tenantId: actor.tenantId, shopId: id },
          warehouses.value,
        );
      return created;
    });
    if (!inserted)
      return fail('SHOP_EXISTS', {
        platform: input.platform,
        platformShopId: input.platformShopId,
      });
    return this.view(actor, id);
  }

  async list(actor: Actor): Promise<ShopView[]> {
    return (await listShops(this.deps.db, actor.tenantId)).map(shopViewOf);
  }

  async view(actor: Actor, shopId: string): Promise<Outcome<ShopView>> {
    const shop = await findShop(this.deps.db, actor.tenantId, shopId);
    return shop ? succeed(shopViewOf(shop)) : fail('SHOP_NOT_FOUND', { shopId });
  }

  async update(actor: Actor, shopId: string, input: UpdateShopInput): Promise<Outcome<ShopView>> {
    const shop = await findShop(this.deps.db, actor.tenantId, shopId);
    if (!shop) return fail('SHOP_NOT_FOUND', { shopId });
    const warehouses = input.warehouses
      ? await this.resolveWarehouses(actor.tenantId, input.warehouses)
      : null;
    if (warehouses && !warehouses.ok) return warehouses;
    const fields = {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.status !== undefined ? { status: input.status } : {}),
      ...(input.settings !== undefined
        ? {
            settingsJson: JSON.stringify({
              ...shopSettingsOf(shop.settingsJson),
              ...input.settings,
            }),
          }
        : {}),
    };
    // A token refresh may store between the read and the write: the patch is merged again into
    // what it stored, never written over it (the refreshed tokens would be lost).
    let current = shop;
    for (let attempt = 1; ; attempt++) {
      const credentials = input.credentials
        ? this.mergedCredentials(current, input.credentials)
        : {};
      const nowMs = this.deps.clock.nowMs();
      if (await updateShopFields(this.deps.db, shopId, { ...fields, ...credentials }, nowMs)) break;
      const again = await findShop(this.deps.db, actor.tenantId, shopId);
      if (!again) return fail('SHOP_NOT_FOUND', { shopId });
      if (attempt === MAX_CREDENTIAL_MERGES) return fail('SHOP_BUSY', { shopId });
      current = again;
    }
    if (warehouses)
      await replaceShopWarehouses(
        this.deps.db,
        { tenantId: actor.tenantId, shopId },
        warehouses.value,
      );
    this.deps.connectors.forget(shopId);
    return this.view(actor, shopId);
  }

  /** Reads one catalogue page through the platform: proves the credentials and the address work. */
  async testConnection(
    actor: Actor,
    shopId: string,
  ): Promise<Outcome<{ ok: true; listingsOnFirstPage: number }>> {
    const shop = await findShop(this.deps.db, actor.tenantId, shopId);
    if (!shop) return fail('SHOP_NOT_FOUND', { shopId });
    try {
      const page = await this.deps.connectors.connectorFor(shop).listCatalog(null);
      return succeed({ ok: true, listingsOnFirstPage: page.items.length });
    } catch (error) {
      return platformFailure(shopId, error);
    }
  }

  private mergedCredentials(shop: ShopRecord, patch: Partial<ConnectShopInput['credentials']>) {
    const current = openShopSecrets(this.deps.box, shop.credentialsSealed);
    // `extra` is merged key by key: rotating one AWS key keeps the queue URL.
    const extra = patch.extra || current.extra ? { ...current.extra, ...patch.extra } : undefined;
    const next = secretsOf({ ...current, ...patch, ...(extra ? { extra } : {}) });
    const tokensChanged =
      next.accessToken !== current.accessToken ||
      next.refreshToken !== current.refreshToken ||
      patch.accessTokenExpiresAt !== undefined ||
      patch.refreshTokenExpiresAt !== undefined;
    return {
      credentials: {
        from: shop.credentialsSealed,
        to: sealShopSecrets(this.deps.box, next),
        tokensChanged,
      },
      ...(patch.accessTokenExpiresAt
        ? { accessTokenExpiresAtMs: Date.parse(patch.accessTokenExpiresAt) }
        : {}),
      ...(patch.refreshTokenExpiresAt !== undefined
        ? {
            refreshTokenExpiresAtMs: patch.refreshTokenExpiresAt
              ? Date.parse(patch.refreshTokenExpiresAt)
              : null,
          }
        : {}),
    };
  }

  private async resolveWarehouses(
    tenantId: string,
    wanted: ConnectShopInput['warehouses'],
  ): Promise<Outcome<Array<{ warehouseId: number; platformWarehouseId: string | null }>>> {
    const rows = await this.deps.db
      .selectFrom('warehouses')
      .select(['id', 'code'])
      .where('tenant_id', '=', tenantId)
      .where('code', 'in', wanted.length > 0 ? wanted.map((w) => w.code) : [''])
      .execute();
    const byCode = new Map(rows.map((r) => [r.code, Number(r.id)]));
    const resolved: Array<{ warehouseId: number; platformWarehouseId: string | null }> = [];
    for (const w of wanted) {
      const id = byCode.get(w.code);
      if (id === undefined) return fail('WAREHOUSE_NOT_FOUND', { warehouse: w.code });
      resolved.push({ warehouseId: id, platformWarehouseId: w.platformWarehouseId ?? null });
    }
    return succeed(resolved);
  }
}

/** Stands for "never expires" (a token-less shop, a Shopify offline token): year 9999. */
export const TOKEN_NEVER_EXPIRES_MS = Date.UTC(9999, 11, 31);

/**
 * The access token's expiry as given; without one, an access token is taken to last, and a shop
 * with only a refresh token is due a refresh at once.
 */
function accessTokenExpiryMs(c: ConnectShopInput['credentials'], nowMs: number): number {
  if (c.accessTokenExpiresAt) return Date.parse(c.accessTokenExpiresAt);
  return !c.accessToken && c.refreshToken ? nowMs : TOKEN_NEVER_EXPIRES_MS;
}

function secretsOf(c: ConnectShopInput['credentials']): ShopSecrets {
  return {
    appKey: c.appKey,
    appSecret: c.appSecret,
    accessToken: c.accessToken ?? '',
    refreshToken: c.refreshToken ?? '',
    ...(c.extra && Object.keys(c.extra).length > 0 ? { extra: c.extra } : {}),
  };
}
