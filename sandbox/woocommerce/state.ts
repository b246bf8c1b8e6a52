/**
 * The emulated stores' state: each store (one WordPress site) with its REST key, products,
 * variations and orders, and the stock arithmetic WooCommerce core does (woocommerce.md §6.3):
 * `stock_quantity` is reduced when an order is paid or put on hold and restored when a reduced
 * order is cancelled; a pending order only holds stock, which lowers what other buyers can order
 * but not `stock_quantity`, until the hold-stock minutes run out.
 */
import type { EmulatedProductSeed, EmulatedShopSeed } from '../kit/emulator.ts';

export type KeyPermissions = 'read' | 'write' | 'read_write';

/** Something that keeps a stock count: a simple product or a variation. */
export interface StockKeeper {
  id: number;
  sku: string;
  manageStock: boolean;
  stockQuantity: number | null;
  modifiedMs: number;
}

export interface VariationRecord extends StockKeeper {
  parentId: number;
  option: string;
}

export interface ProductRecord extends StockKeeper {
  name: string;
  type: 'simple' | 'variable';
  variations: Map<number, VariationRecord>;
}

export interface OrderLine {
  id: number;
  productId: number;
  variationId: number;
  quantity: number;
  sku: string;
  name: string;
}

export interface OrderRecord {
  id: number;
  status: string;
  createdMs: number;
  modifiedMs: number;
  paidMs: number | null;
  lines: OrderLine[];
  /** `_order_stock_reduced`: stock_quantity was lowered for this order (§6.3). */
  stockReduced: boolean;
  /** Held (wc_reserve_stock_for_order) until then; null when nothing is held. */
  holdUntilMs: number | null;
  notes: Array<{ id: number; note: string; customerNote: boolean }>;
}

export interface StoreRecord {
  seed: EmulatedShopSeed;
  /** The site URL, as X-WC-Webhook-Source and `_links` give it (no trailing slash). */
  url: string;
  permissions: KeyPermissions;
  /** The key was revoked (or its user deleted): every call is refused. */
  revoked: boolean;
  /** Nonces seen in the last 15 minutes, with when they were used (§6.1). */
  nonces: Map<string, number>;
  products: Map<number, ProductRecord>;
  orders: Map<number, OrderRecord>;
  webhook: { status: 'active' | 'disabled'; failureCount: number; id: number };
}

export class WooState {
  readonly stores = new Map<string, StoreRecord>();
  readonly storeByKey = new Map<string, StoreRecord>();
  private nextId = 5000;

  constructor(private readonly nowMs: () => number) {}

  id(): number {
    return this.nextId++;
  }

  seedStore(seed: EmulatedShopSeed): void {
    const existing = this.stores.get(seed.platformShopId);
    if (existing) this.storeByKey.delete(existing.seed.appKey);
    const store: StoreRecord = {
      seed: { ...seed },
      url: seed.platformShopId.replace(/\/+$/, ''),
      permissions: 'read_write',
      revoked: false,
      nonces: new Map(),
      products: existing?.products ?? new Map<number, ProductRecord>(),
      orders: existing?.orders ?? new Map<number, OrderRecord>(),
      webhook: { status: 'active', failureCount: 0, id: this.id() },
    };
    this.stores.set(seed.platformShopId, store);
    this.storeByKey.set(seed.appKey, store);
  }

  /** A seed with one variant whose id is '' or '0' is a simple product; any other is variable. */
  seedProducts(storeId: string, seeds: EmulatedProductSeed[]): void {
    const store = this.store(storeId);
    const now = this.nowMs();
    for (const seed of seeds) {
      const id = numericId(seed.itemId);
      const first = seed.variants[0];
      const simple =
        seed.variants.length === 1 && (first?.variantId === '' || first?.variantId === '0');
      const product: ProductRecord = {
        id,
        name: seed.title,
        type: simple ? 'simple' : 'variable',
        sku: simple ? (first?.sellerSku ?? '') : '',
        manageStock: simple,
        stockQuantity: simple ? sumStock(first?.stock ?? {}) : null,
        modifiedMs: now,
        variations: new Map(),
      };
      if (!simple)
        for (const variant of seed.variants) {
          const variationId = numericId(variant.variantId);
          product.variations.set(variationId, {
            id: variationId,
            parentId: id,
            sku: variant.sellerSku,
            option: variant.sellerSku,
            manageStock: true,
            stockQuantity: sumStock(variant.stock),
            modifiedMs: now,
          });
        }
      store.products.set(id, product);
    }
  }

  store(storeId: string): StoreRecord {
    const store = this.stores.get(storeId);
    if (!store) throw new Error(`emulator: no store ${storeId}`);
    return store;
  }

  /** The stock keeper of a listing (variantId '' = the simple product itself). */
  keeper(storeId: string, ref: { itemId: string; variantId: string }): StockKeeper {
    const keeper = this.findKeeper(
      this.store(storeId),
      Number(ref.itemId),
      Number(ref.variantId || 0),
    );
    if (!keeper) throw new Error(`emulator: no listing ${ref.itemId}/${ref.variantId}`);
    return keeper;
  }

  findKeeper(store: StoreRecord, productId: number, variationId: number): StockKeeper | null {
    const product = store.products.get(productId);
    if (!product) return null;
    if (variationId === 0) return product.type === 'simple' ? product : null;
    return product.variations.get(variationId) ?? null;
  }

  order(storeId: string, orderId: string): OrderRecord {
    const order = this.store(storeId).orders.get(Number(orderId));
    if (!order) throw new Error(`emulator: no order ${orderId} in ${storeId}`);
    return order;
  }

  /** Units pending orders hold on this keeper now (wc_get_held_stock_quantity). */
  heldUnits(store: StoreRecord, keeper: StockKeeper): number {
    const now = this.nowMs();
    let held = 0;
    for (const order of store.orders.values()) {
      if (order.holdUntilMs === null || order.holdUntilMs <= now) continue;
      for (const line of order.lines)
        if (this.findKeeper(store, line.productId, line.variationId) === keeper)
          held += line.quantity;
    }
    return held;
  }

  /** What a buyer can order now: stock_quantity less other orders' holds. */
  buyable(store: StoreRecord, keeper: StockKeeper): number {
    if (!keeper.manageStock) return 0;
    return Math.max(0, (keeper.stockQuantity ?? 0) - this.heldUnits(store, keeper));
  }
}

function numericId(id: string): number {
  if (!/^\d+$/.test(id)) throw new Error(`emulator: WooCommerce ids are integers, got '${id}'`);
  return Number(id);
}

function sumStock(stock: Record<string, number>): number {
  return Object.values(stock).reduce((sum, units) => sum + units, 0);
}
