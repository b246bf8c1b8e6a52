/**
 * The Shopee emulator's state, as plain records. Stock follows Shopee's model (shopee.md §2.7,
 * §2.8): `sellerStock` per location is what buyers can order (what update_stock sets); a buyer's
 * order withholds at creation (seller stock down, reserved up); a cancellation gives it back;
 * shipping releases the reservation.
 */

/** Location key of a shop without warehouses: Shopee then leaves location_id out (§2.7). */
export const NO_LOCATION = '';

export interface EmulatedShop {
  shopId: string;
  partnerId: string;
  partnerKey: string;
  webhookUrl: string | null;
  /** Location ids; `[NO_LOCATION]` for a shop without warehouses. First is the default. */
  locations: string[];
}

export interface AccessTokenRecord {
  shopId: string;
  partnerId: string;
  expiresAtMs: number;
}

export interface RefreshTokenRecord {
  token: string;
  expiresAtMs: number;
}

export interface EmulatedModel {
  /** 0 for an item without models. */
  modelId: number;
  sku: string;
  sellerStock: Map<string, number>;
  reserved: Map<string, number>;
}

export interface EmulatedItem {
  itemId: number;
  title: string;
  hasModel: boolean;
  status: 'NORMAL';
  updateTimeSec: number;
  models: Map<number, EmulatedModel>;
}

export interface EmulatedOrderLine {
  itemId: number;
  modelId: number;
  /** SKUs as get_order_detail reports them: item_sku for an item without models, else model_sku. */
  itemSku: string;
  modelSku: string;
  quantity: number;
  location: string;
}

export type ShopeeOrderStatus = 'UNPAID' | 'READY_TO_SHIP' | 'SHIPPED' | 'CANCELLED' | 'TO_RETURN';

export interface EmulatedOrder {
  orderSn: string;
  shopId: string;
  status: ShopeeOrderStatus;
  createTimeSec: number;
  updateTimeSec: number;
  payTimeSec: number | null;
  lines: EmulatedOrderLine[];
  cancelBy: 'buyer' | 'seller' | null;
  cancelReason: string | null;
}

/** Shopee's push timeout and retry schedule are not in the sheet: our choice (§2.9). */
export const DEFAULT_PUSH_RETRY_DELAYS_MS = [60_000, 300_000, 1_800_000];
export const PUSH_TIMEOUT_MS = 5_000;

/** Lost pushes are kept 3 days and served 100 at a time (SP-SCHEMA v2.push.get_lost_push_message). */
export const LOST_PUSH_RETENTION_MS = 3 * 24 * 3600 * 1000;
export const LOST_PUSH_PAGE_SIZE = 100;

/** Access tokens live 4 h, refresh tokens 30 days (§2.4). */
export const ACCESS_TOKEN_LIFETIME_SEC = 4 * 3600;
export const REFRESH_TOKEN_LIFETIME_MS = 30 * 24 * 3600 * 1000;
