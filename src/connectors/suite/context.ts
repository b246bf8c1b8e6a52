/**
 * Shared state and helpers of the connector suite: one emulator per platform run on a clock the
 * suite can move, fresh shops per test (so rate buckets and orders never leak between tests),
 * generated catalogues, and readers that follow pages to the end.
 */
import type { EmulatorOptions, PlatformEmulator } from '../../../sandbox/kit/emulator.ts';
import type { EmulatedProductSeed } from '../../../sandbox/kit/emulator.ts';
import type { ConnectorSuiteHarness, SuiteShop } from '../connector-suite.ts';
import type {
  ChannelConnector,
  ConnectorOptions,
  ListingRef,
  OrderQuery,
  PlatformListing,
  PlatformOrder,
} from '../contract.ts';

/** A seeded shop with the emulator it lives on. */
export interface SuiteShopOn extends SuiteShop {
  emulator: PlatformEmulator;
  shopId: string;
}

export interface ShopOptions {
  products: EmulatedProductSeed[];
  webhookUrl?: string | null;
  /** Defaults to the suite's shared emulator. */
  emulator?: PlatformEmulator;
  /** Defaults to a day from the suite clock's now. */
  accessTokenExpiresAtMs?: number;
}

/** Guard for pages: a connector that never ends its paging fails instead of looping forever. */
const MAX_PAGES = 50;

export class SuiteContext {
  /** Added to the wall clock; tests move it forward to separate update times. */
  offsetMs = 0;
  private shared: PlatformEmulator | null = null;
  private nextKey = 1;
  private nextId = 1;

  constructor(readonly harness: ConnectorSuiteHarness) {}

  /** The clock the emulators and connectors share. */
  readonly now = (): number => Date.now() + this.offsetMs;

  async start(): Promise<void> {
    this.shared = await this.startEmulator();
  }

  async stop(): Promise<void> {
    await this.shared?.close();
  }

  get emulator(): PlatformEmulator {
    if (!this.shared) throw new Error('connector suite: the emulator has not started');
    return this.shared;
  }

  /** An extra emulator on the suite clock, with short webhook retries; the caller closes it. */
  startEmulator(options: EmulatorOptions = {}): Promise<PlatformEmulator> {
    return this.harness.startEmulator({
      nowMs: this.now,
      webhookRetryDelaysMs: [20, 50],
      seed: 7,
      ...options,
    });
  }

  /** `count` products with `variants` variants each, `stock` units at the harness warehouse. */
  products(
    count: number,
    options: { variants?: number; stock?: number } = {},
  ): EmulatedProductSeed[] {
    return Array.from({ length: count }, (_, index) => {
      const itemId = String(810_000_000 + this.nextId++);
      const variants = Array.from({ length: options.variants ?? 1 }, (__, v) => ({
        variantId: this.harness.variantIdIsSellerSku
          ? `SUITE-${itemId}-${v}`
          : String(920_000_000 + this.nextId++),
        sellerSku: `SUITE-${itemId}-${v}`,
        stock: { [this.harness.warehouseId]: options.stock ?? (index % 7) + 1 },
      }));
      return { itemId, title: `Suite product ${itemId}`, variants };
    });
  }

  newShop(options: ShopOptions): SuiteShopOn {
    const emulator = options.emulator ?? this.emulator;
    const seeded = this.harness.seedShop(emulator, {
      key: this.nextKey++,
      products: options.products,
      webhookUrl: options.webhookUrl ?? null,
      accessTokenExpiresAtMs: options.accessTokenExpiresAtMs ?? this.now() + 86_400_000,
    });
    return { ...seeded, emulator, shopId: seeded.auth.platformShopId };
  }

  connector(shop: SuiteShopOn, overrides: Partial<ConnectorOptions> = {}): ChannelConnector {
    return this.harness.module.createConnector({
      auth: { ...shop.auth },
      baseUrl: shop.emulator.baseUrl,
      authBaseUrl: shop.emulator.authBaseUrl,
      timeoutMs: 5_000,
      nowMs: this.now,
      ...overrides,
    });
  }

  /** Every listing of the catalogue and how many pages it took. */
  async readCatalog(
    connector: ChannelConnector,
  ): Promise<{ listings: PlatformListing[]; pages: number }> {
    const listings: PlatformListing[] = [];
    let token: string | null = null;
    for (let pages = 1; pages <= MAX_PAGES; pages++) {
      const page = await connector.listCatalog(token);
      listings.push(...page.items);
      token = page.nextPageToken;
      if (token === null) return { listings, pages };
    }
    throw new Error('connector suite: the catalogue never ended');
  }

  /** Every order of the window and how many pages it took. */
  async readOrders(
    connector: ChannelConnector,
    window: Omit<OrderQuery, 'pageToken'>,
  ): Promise<{ orders: PlatformOrder[]; pages: number }> {
    const orders: PlatformOrder[] = [];
    let pageToken: string | null = null;
    for (let pages = 1; pages <= MAX_PAGES; pages++) {
      const page = await connector.listOrders({ ...window, pageToken });
      orders.push(...page.items);
      pageToken = page.nextPageToken;
      if (pageToken === null) return { orders, pages };
    }
    throw new Error('connector suite: the order list never ended');
  }

  /** Buyable units the emulator shows for a listing, over all its warehouses. */
  shownAvailable(shop: SuiteShopOn, ref: ListingRef): number {
    return shop.emulator
      .shownStock(shop.shopId, ref)
      .reduce((sum, entry) => sum + entry.available, 0);
  }

  /** A buyer order that must succeed; returns its id. */
  placeOrder(shop: SuiteShopOn, ref: ListingRef, quantity: number, paid = false): string {
    const result = shop.emulator.placeOrder({
      platformShopId: shop.shopId,
      lines: [{ ...ref, quantity }],
      paid,
    });
    if (!result.ok)
      throw new Error(`connector suite: the emulator refused an order of ${quantity}`);
    return result.orderId;
  }
}

/** The listing ref of a seeded product's variant. */
export function refOf(product: EmulatedProductSeed | undefined, variant = 0): ListingRef {
  const seeded = product?.variants[variant];
  if (!product || !seeded) throw new Error('connector suite: no such seeded variant');
  return { itemId: product.itemId, variantId: seeded.variantId };
}

/** A stable key for a listing. */
export function keyOf(ref: ListingRef): string {
  return `${ref.itemId}/${ref.variantId}`;
}

/** Units a listing shows as available over all its warehouses. */
export function availableOf(listing: PlatformListing | undefined): number | undefined {
  return listing?.stock.reduce((sum, entry) => sum + entry.available, 0);
}
