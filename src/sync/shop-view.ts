/** The public shape of a shop: everything but its secrets (which never leave the store). */
import type { ShopRecord } from '../store/shops-repo.ts';
import { shopSettingsOf, type ShopSettings } from './shop-settings.ts';

export interface ShopView {
  id: string;
  platform: string;
  name: string;
  region: string;
  platformShopId: string;
  status: string;
  warehouses: Array<{ code: string; priority: number; platformWarehouseId: string | null }>;
  settings: ShopSettings;
  accessTokenExpiresAt: string;
  refreshTokenExpiresAt: string | null;
  lastPolledAt: string | null;
  /** When the newest webhook StockPool has processed for the shop arrived (null: none yet). */
  lastEventAt: string | null;
  createdAt: string;
  updatedAt: string;
}

const iso = (ms: number) => new Date(ms).toISOString();

export function shopViewOf(shop: ShopRecord): ShopView {
  return {
    id: shop.id,
    platform: shop.platform,
    name: shop.name,
    region: shop.region,
    platformShopId: shop.platformShopId,
    status: shop.status,
    warehouses: shop.warehouses.map((w) => ({
      code: w.warehouseCode,
      priority: w.priority,
      platformWarehouseId: w.platformWarehouseId,
    })),
    settings: shopSettingsOf(shop.settingsJson),
    accessTokenExpiresAt: iso(shop.accessTokenExpiresAtMs),
    refreshTokenExpiresAt:
      shop.refreshTokenExpiresAtMs === null ? null : iso(shop.refreshTokenExpiresAtMs),
    lastPolledAt: shop.polledUntilMs > 0 ? iso(shop.polledUntilMs) : null,
    lastEventAt: shop.lastEventAtMs > 0 ? iso(shop.lastEventAtMs) : null,
    createdAt: iso(shop.createdAtMs),
    updatedAt: iso(shop.updatedAtMs),
  };
}
