/**
 * The emulated platform's data: shops (with the app that authorized them), products with stock per
 * warehouse, orders, and tokens. Stock is kept the way TikTok reports it (tiktok-shop.md §1.7):
 * `available` (what buyers can order, what inventory update sets) apart from `committed` (held by
 * orders not yet shipped).
 */
import type { ListingRef } from '../../src/connectors/contract.ts';
import type { EmulatedProductSeed, EmulatedShopSeed } from '../kit/emulator.ts';

export interface WarehouseStock {
  available: number;
  committed: number;
}

export interface SkuRecord {
  id: string;
  productId: string;
  sellerSku: string;
  /** Warehouse id → stock, in the order the warehouses were seeded. */
  stock: Map<string, WarehouseStock>;
}

export interface ProductRecord {
  id: string;
  title: string;
  status: string;
  createTime: number;
  updateTime: number;
  skus: Map<string, SkuRecord>;
}

export type OrderStatus =
  | 'UNPAID'
  | 'ON_HOLD'
  | 'AWAITING_SHIPMENT'
  | 'PARTIALLY_SHIPPING'
  | 'AWAITING_COLLECTION'
  | 'IN_TRANSIT'
  | 'DELIVERED'
  | 'COMPLETED'
  | 'CANCELLED';

export interface LineItemRecord {
  id: string;
  skuId: string;
  productId: string;
  sellerSku: string;
  skuName: string;
  /** Set when this one line was cancelled (line-level or with its order). */
  cancelledBy: 'BUYER' | 'SELLER' | null;
  cancelReason: string | null;
}

/**
 * A return of the separate return/refund flow (§1.8): the order keeps its own status, the return
 * carries its type and status (RETURN_STATUS_CHANGE, returns search).
 */
export interface ReturnRecord {
  id: string;
  type: 'REFUND' | 'RETURN_AND_REFUND' | 'REPLACEMENT';
  status: string;
  role: 'BUYER' | 'SELLER' | 'SYSTEM';
  createTime: number;
  updateTime: number;
  /** Returned line items: [return line item id, order line item id]. */
  lines: Array<{ id: string; orderLineItemId: string }>;
}

export interface OrderRecord {
  id: string;
  status: OrderStatus;
  createTime: number;
  updateTime: number;
  paidTime: number | null;
  cancelTime: number | null;
  cancelReason: string | null;
  cancellationInitiator: 'BUYER' | 'SELLER' | null;
  /** One warehouse per order (§1.7 order-level warehouse_id); every unit is held there. */
  warehouseId: string;
  lineItems: LineItemRecord[];
  returns: ReturnRecord[];
}

export interface ShopRecord {
  seed: EmulatedShopSeed;
  cipher: string;
  products: Map<string, ProductRecord>;
  orders: Map<string, OrderRecord>;
}

export interface TokenRecord {
  shopId: string;
  expiresAtMs: number;
}

/** Refresh tokens last a year here; the fact sheet gives no figure (§1.4 gives only the fields). */
export const REFRESH_TOKEN_LIFETIME_MS = 365 * 24 * 3600_000;

/** Access tokens last 7 days (§1.4 default). */
export const ACCESS_TOKEN_LIFETIME_MS = 7 * 24 * 3600_000;

export class EmulatorState {
  readonly shops = new Map<string, ShopRecord>();
  readonly shopIdByCipher = new Map<string, string>();
  readonly accessTokens = new Map<string, TokenRecord>();
  readonly refreshTokens = new Map<string, TokenRecord>();

  constructor(private readonly nowMs: () => number) {}

  /** Adds or replaces a shop; its tokens are registered as the platform issued them. */
  seedShop(seed: EmulatedShopSeed): ShopRecord {
    const cipher = seed.shopCipher ?? `ROW_${seed.platformShopId}`;
    const previous = this.shops.get(seed.platformShopId);
    const shop: ShopRecord = {
      seed: { ...seed, warehouseIds: [...seed.warehouseIds] },
      cipher,
      products: previous?.products ?? new Map<string, ProductRecord>(),
      orders: previous?.orders ?? new Map<string, OrderRecord>(),
    };
    this.shops.set(seed.platformShopId, shop);
    this.shopIdByCipher.set(cipher, seed.platformShopId);
    const shopId = seed.platformShopId;
    this.accessTokens.set(seed.accessToken, { shopId, expiresAtMs: seed.accessTokenExpiresAtMs });
    const refreshExpiresAtMs = this.nowMs() + REFRESH_TOKEN_LIFETIME_MS;
    this.refreshTokens.set(seed.refreshToken, { shopId, expiresAtMs: refreshExpiresAtMs });
    return shop;
  }

  /** Adds or replaces products of a shop, all ACTIVATE. */
  seedProducts(shopId: string, products: EmulatedProductSeed[]): void {
    const shop = this.shop(shopId);
    const nowSec = Math.floor(this.nowMs() / 1000);
    for (const seed of products) {
      const skus = new Map<string, SkuRecord>();
      for (const variant of seed.variants) {
        const stock = new Map<string, WarehouseStock>();
        for (const [warehouseId, available] of Object.entries(variant.stock))
          stock.set(warehouseId, { available, committed: 0 });
        const sku = { id: variant.variantId, productId: seed.itemId, sellerSku: variant.sellerSku };
        skus.set(variant.variantId, { ...sku, stock });
      }
      const product = { id: seed.itemId, title: seed.title, status: 'ACTIVATE', skus };
      shop.products.set(seed.itemId, { ...product, createTime: nowSec, updateTime: nowSec });
    }
  }

  /** The shop, or an Error (a caller's mistake, not a platform answer). */
  shop(shopId: string): ShopRecord {
    const shop = this.shops.get(shopId);
    if (!shop) throw new Error(`emulator: unknown shop ${shopId}`);
    return shop;
  }

  /** The SKU a listing names, or an Error. */
  sku(shopId: string, ref: ListingRef): SkuRecord {
    const sku = this.shop(shopId).products.get(ref.itemId)?.skus.get(ref.variantId);
    if (!sku) throw new Error(`emulator: unknown listing ${ref.itemId}/${ref.variantId}`);
    return sku;
  }

  /** The order, or an Error. */
  order(shopId: string, orderId: string): OrderRecord {
    const order = this.shop(shopId).orders.get(orderId);
    if (!order) throw new Error(`emulator: unknown order ${orderId}`);
    return order;
  }

  /** The secret of an app that authorized at least one shop, or undefined. */
  appSecret(appKey: string): string | undefined {
    for (const shop of this.shops.values())
      if (shop.seed.appKey === appKey) return shop.seed.appSecret;
    return undefined;
  }

  /** Every access token of the shop expires now. */
  expireAccessTokens(shopId: string): void {
    for (const record of this.accessTokens.values())
      if (record.shopId === shopId) record.expiresAtMs = Math.min(record.expiresAtMs, this.nowMs());
  }
}
