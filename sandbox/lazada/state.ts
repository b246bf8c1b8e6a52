/**
 * The emulated Lazada's data: sellers (with the app that authorized them), products whose SKUs
 * keep Lazada's stock buckets per warehouse (lazada.md §3.8: sellable, withhold for unpaid
 * orders, occupy for unshipped ones), orders made of items (one per unit, §3.7), and tokens.
 */
import type { ListingRef } from '../../src/connectors/contract.ts';
import type { EmulatedProductSeed, EmulatedShopSeed } from '../kit/emulator.ts';

export interface WarehouseBuckets {
  sellable: number;
  withhold: number;
  occupy: number;
}

export interface SkuRecord {
  skuId: string;
  itemId: string;
  sellerSku: string;
  /** Warehouse code → buckets, in the order the shop's warehouses were seeded. */
  stock: Map<string, WarehouseBuckets>;
}

export interface ProductRecord {
  itemId: string;
  title: string;
  /** A Lazada Choice listing: its sellable stock may only be raised through the API. */
  choice: boolean;
  skus: Map<string, SkuRecord>;
}

/** Item statuses the emulator moves through (§3.8). */
export type ItemStatus = 'unpaid' | 'pending' | 'shipped' | 'canceled' | 'returned';

export interface OrderItemRecord {
  orderItemId: string;
  skuId: string;
  itemId: string;
  sellerSku: string;
  warehouseCode: string;
  status: ItemStatus;
  createdAtMs: number;
  updatedAtMs: number;
  cancelInitiator: 'buyer' | 'seller' | 'system' | null;
  reason: string | null;
}

export interface OrderRecord {
  orderId: string;
  createdAtMs: number;
  updatedAtMs: number;
  items: OrderItemRecord[];
}

export interface ShopRecord {
  seed: EmulatedShopSeed;
  products: Map<string, ProductRecord>;
  orders: Map<string, OrderRecord>;
}

export interface TokenRecord {
  sellerId: string;
  expiresAtMs: number;
}

/** Lazada's lifetimes for an app in Test: access 7 days, refresh 30 days (§3.4) [M]. */
export const ACCESS_TOKEN_LIFETIME_S = 7 * 86_400;
export const REFRESH_TOKEN_LIFETIME_S = 30 * 86_400;

export class EmulatorState {
  readonly shops = new Map<string, ShopRecord>();
  readonly accessTokens = new Map<string, TokenRecord>();
  readonly refreshTokens = new Map<string, TokenRecord>();
  private nextId = 1;

  constructor(private readonly nowMs: () => number) {}

  /** A fresh numeric id (Lazada ids are long integers). */
  mintId(base: number): string {
    return String(base + this.nextId++);
  }

  appSecret(appKey: string): string | undefined {
    for (const shop of this.shops.values())
      if (shop.seed.appKey === appKey) return shop.seed.appSecret;
    return undefined;
  }

  seedShop(seed: EmulatedShopSeed): void {
    if (seed.warehouseIds.length === 0) throw new Error('a Lazada shop needs a warehouse');
    this.shops.set(seed.platformShopId, { seed, products: new Map(), orders: new Map() });
    const sellerId = seed.platformShopId;
    this.accessTokens.set(seed.accessToken, { sellerId, expiresAtMs: seed.accessTokenExpiresAtMs });
    this.refreshTokens.set(seed.refreshToken, {
      sellerId,
      expiresAtMs: this.nowMs() + REFRESH_TOKEN_LIFETIME_S * 1000,
    });
  }

  seedProducts(sellerId: string, products: EmulatedProductSeed[]): void {
    const shop = this.shop(sellerId);
    for (const seed of products) {
      const skus = new Map<string, SkuRecord>();
      for (const variant of seed.variants) {
        const stock = new Map<string, WarehouseBuckets>();
        for (const code of shop.seed.warehouseIds)
          stock.set(code, { sellable: variant.stock[code] ?? 0, withhold: 0, occupy: 0 });
        skus.set(variant.variantId, {
          skuId: variant.variantId,
          itemId: seed.itemId,
          sellerSku: variant.sellerSku,
          stock,
        });
      }
      shop.products.set(seed.itemId, {
        itemId: seed.itemId,
        title: seed.title,
        choice: false,
        skus,
      });
    }
  }

  shop(sellerId: string): ShopRecord {
    const shop = this.shops.get(sellerId);
    if (!shop) throw new Error(`unknown Lazada seller ${sellerId}`);
    return shop;
  }

  sku(sellerId: string, ref: ListingRef): SkuRecord {
    const sku = this.shop(sellerId).products.get(ref.itemId)?.skus.get(ref.variantId);
    if (!sku) throw new Error(`unknown Lazada SKU ${ref.itemId}/${ref.variantId}`);
    return sku;
  }

  order(sellerId: string, orderId: string): OrderRecord {
    const order = this.shop(sellerId).orders.get(orderId);
    if (!order) throw new Error(`unknown Lazada order ${orderId}`);
    return order;
  }

  /** Every access token of the seller expires now. */
  expireAccessTokens(sellerId: string): void {
    for (const token of this.accessTokens.values())
      if (token.sellerId === sellerId) token.expiresAtMs = this.nowMs();
  }
}
