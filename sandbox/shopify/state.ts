/**
 * The emulated stores: per shop its app, token, locations, products and variants with inventory
 * levels (available and committed per location, shopify.md §5.2), orders, and the results of
 * idempotent mutations by key.
 */
import type { EmulatedProductSeed, EmulatedShopSeed } from '../kit/emulator.ts';

export interface Level {
  available: number;
  committed: number;
  updatedAtMs: number;
}

export interface Variant {
  id: string;
  productId: string;
  sku: string;
  title: string;
  inventoryItemId: string;
  /** By location number. */
  levels: Map<string, Level>;
}

export interface Product {
  id: string;
  title: string;
  variantIds: string[];
}

export interface OrderLine {
  id: string;
  productId: string;
  variantId: string;
  sku: string;
  title: string;
  quantity: number;
  locationId: string;
}

export interface Order {
  id: string;
  number: number;
  createdAtMs: number;
  updatedAtMs: number;
  /** REST spelling: pending, paid, refunded, voided (§5.4). */
  financialStatus: string;
  /** null (unfulfilled) or fulfilled. */
  fulfillmentStatus: string | null;
  cancelledAtMs: number | null;
  cancelReason: string | null;
  paidAtMs: number | null;
  lines: OrderLine[];
}

export interface Shop {
  seed: EmulatedShopSeed;
  locations: string[];
  products: Map<string, Product>;
  variants: Map<string, Variant>;
  /** Inventory item number → variant number. */
  variantByItem: Map<string, string>;
  orders: Map<string, Order>;
  /** Results of idempotent mutations, by key (§5.3): a repeat gets the first answer. */
  idempotent: Map<string, unknown>;
}

export class ShopifyState {
  readonly shops = new Map<string, Shop>();
  /** Access token → shop domain; revoked tokens are removed. */
  readonly tokens = new Map<string, string>();
  private sequence = 0;

  constructor(private readonly nowMs: () => number) {}

  /** A fresh number for ids Shopify mints (orders, lines, inventory items, jobs). */
  nextNumber(): string {
    this.sequence += 1;
    return String(5_600_000_000 + this.sequence);
  }

  seedShop(seed: EmulatedShopSeed): void {
    this.shops.set(seed.platformShopId, {
      seed,
      locations: [...seed.warehouseIds],
      products: new Map(),
      variants: new Map(),
      variantByItem: new Map(),
      orders: new Map(),
      idempotent: new Map(),
    });
    this.tokens.set(seed.accessToken, seed.platformShopId);
  }

  seedProducts(shopDomain: string, products: EmulatedProductSeed[]): void {
    const shop = this.shop(shopDomain);
    for (const seeded of products) {
      shop.products.set(seeded.itemId, {
        id: seeded.itemId,
        title: seeded.title,
        variantIds: seeded.variants.map((v) => v.variantId),
      });
      for (const [index, v] of seeded.variants.entries()) {
        const inventoryItemId = this.nextNumber();
        const levels = new Map<string, Level>();
        for (const [location, available] of Object.entries(v.stock))
          levels.set(location, { available, committed: 0, updatedAtMs: this.nowMs() });
        shop.variants.set(v.variantId, {
          id: v.variantId,
          productId: seeded.itemId,
          sku: v.sellerSku,
          title: seeded.variants.length === 1 ? 'Default Title' : `Option ${index + 1}`,
          inventoryItemId,
          levels,
        });
        shop.variantByItem.set(inventoryItemId, v.variantId);
      }
    }
  }

  shop(shopDomain: string): Shop {
    const shop = this.shops.get(shopDomain);
    if (!shop) throw new Error(`unknown shop ${shopDomain}`);
    return shop;
  }

  variant(shopDomain: string, productId: string, variantId: string): Variant {
    const variant = this.shop(shopDomain).variants.get(variantId);
    if (!variant || variant.productId !== productId)
      throw new Error(`unknown listing ${productId}/${variantId}`);
    return variant;
  }

  order(shopDomain: string, orderId: string): Order {
    const order = this.shop(shopDomain).orders.get(orderId);
    if (!order) throw new Error(`unknown order ${orderId}`);
    return order;
  }

  /** The app is uninstalled or the token revoked: every call with it is refused (401). */
  revokeTokens(shopDomain: string): void {
    for (const [token, domain] of this.tokens) if (domain === shopDomain) this.tokens.delete(token);
  }
}
