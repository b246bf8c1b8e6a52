/**
 * The Amazon emulator's data: apps (LWA clients, each with its SQS queue of notifications),
 * sellers with their listings and orders, and the access and refresh tokens LWA issued.
 * Listings are keyed by seller SKU and carry an ASIN; stock is kept per fulfillment channel
 * (DEFAULT = the seller's own, AMAZON_* = FBA), with the units open orders withhold.
 */
import { createHash } from 'node:crypto';
import type { EmulatedProductSeed, EmulatedShopSeed } from '../kit/emulator.ts';
import { emulatedMarketplaceId } from './marketplaces.ts';
import { SqsQueue } from './sqs-queue.ts';

/** Orders v0 statuses the emulator moves orders through (amazon.md §4.4). */
export type AmazonOrderStatus =
  'PendingAvailability' | 'Pending' | 'Unshipped' | 'PartiallyShipped' | 'Shipped' | 'Canceled';

export interface ChannelStock {
  /** What buyers can order now (the listing's fulfillment availability quantity). */
  quantity: number;
  /** Units open orders took off `quantity` and still hold (reported as `committed`). */
  withheld: number;
}

export interface ListingRecord {
  sku: string;
  asin: string;
  title: string;
  productType: string;
  channels: Map<string, ChannelStock>;
  createdMs: number;
  /** Moves with every accepted patch: searchListingsItems sorts by it unless told otherwise. */
  updatedMs: number;
}

export interface OrderLineRecord {
  orderItemId: string;
  sku: string;
  asin: string;
  title: string;
  quantity: number;
  quantityShipped: number;
  channel: string;
}

export interface OrderRecord {
  id: string;
  status: AmazonOrderStatus;
  purchaseMs: number;
  updatedMs: number;
  fulfillment: 'MFN' | 'AFN';
  lines: OrderLineRecord[];
  returned: boolean;
}

export interface ShopRecord {
  seed: EmulatedShopSeed;
  marketplaceId: string;
  listings: Map<string, ListingRecord>;
  orders: Map<string, OrderRecord>;
}

export interface AppRecord {
  appKey: string;
  appSecret: string;
  queue: SqsQueue;
  awsAccessKeyId: string;
  awsSecretAccessKey: string;
}

export interface TokenRecord {
  sellerId: string;
  appKey: string;
  expiresAtMs: number;
}

/** The product type seeded listings get (a real one: the patch must name it, §4.3). */
export const SEEDED_PRODUCT_TYPE = 'LUGGAGE';

export class AmazonState {
  readonly shops = new Map<string, ShopRecord>();
  readonly apps = new Map<string, AppRecord>();
  readonly accessTokens = new Map<string, TokenRecord>();
  /** refresh token → seller and app; LWA does not rotate them (§4.1). */
  readonly refreshTokens = new Map<string, { sellerId: string; appKey: string }>();
  private issued = 0;

  constructor(
    private readonly nowMs: () => number,
    private readonly queueUrlOf: (name: string) => string,
    private readonly visibilityTimeoutMs: number,
  ) {}

  seedShop(seed: EmulatedShopSeed): void {
    const app = this.appFor(seed.appKey, seed.appSecret);
    if (app.appSecret !== seed.appSecret)
      throw new Error(`emulator: app ${seed.appKey} has another secret`);
    const earlier = this.shops.get(seed.platformShopId);
    this.shops.set(seed.platformShopId, {
      seed: { ...seed },
      marketplaceId: emulatedMarketplaceId(seed.region),
      listings: earlier?.listings ?? new Map<string, ListingRecord>(),
      orders: earlier?.orders ?? new Map<string, OrderRecord>(),
    });
    this.accessTokens.set(seed.accessToken, {
      sellerId: seed.platformShopId,
      appKey: seed.appKey,
      expiresAtMs: seed.accessTokenExpiresAtMs,
    });
    this.refreshTokens.set(seed.refreshToken, {
      sellerId: seed.platformShopId,
      appKey: seed.appKey,
    });
  }

  /**
   * Each seeded variant becomes one listing: SKU = variantId, ASIN = the product's itemId (one
   * seller may list several SKUs on one ASIN). Stock keys are fulfillment channel codes.
   */
  seedProducts(sellerId: string, products: EmulatedProductSeed[]): void {
    const shop = this.shop(sellerId);
    for (const product of products) {
      for (const variant of product.variants) {
        const channels = new Map<string, ChannelStock>();
        for (const [code, quantity] of Object.entries(variant.stock))
          channels.set(code, { quantity, withheld: 0 });
        shop.listings.set(variant.variantId, {
          sku: variant.variantId,
          asin: product.itemId,
          title: product.title,
          productType: SEEDED_PRODUCT_TYPE,
          channels,
          createdMs: this.nowMs(),
          updatedMs: this.nowMs(),
        });
      }
    }
  }

  shop(sellerId: string): ShopRecord {
    const shop = this.shops.get(sellerId);
    if (!shop) throw new Error(`emulator: no seller ${sellerId}`);
    return shop;
  }

  /** The listing a ref names (variantId = SKU); its ASIN must match when given. */
  listing(sellerId: string, ref: { itemId: string; variantId: string }): ListingRecord {
    const listing = this.shop(sellerId).listings.get(ref.variantId);
    if (!listing || (ref.itemId !== '' && listing.asin !== ref.itemId))
      throw new Error(`emulator: seller ${sellerId} has no listing ${ref.itemId}/${ref.variantId}`);
    return listing;
  }

  order(sellerId: string, orderId: string): OrderRecord {
    const order = this.shop(sellerId).orders.get(orderId);
    if (!order) throw new Error(`emulator: seller ${sellerId} has no order ${orderId}`);
    return order;
  }

  /** LWA issues a new access token for an hour; earlier ones stay valid until they expire. */
  issueAccessToken(sellerId: string, appKey: string, lifetimeMs: number): string {
    this.issued += 1;
    const token = `Atza|emulated-${sellerId}-${this.issued}`;
    this.accessTokens.set(token, { sellerId, appKey, expiresAtMs: this.nowMs() + lifetimeMs });
    return token;
  }

  expireAccessTokens(sellerId: string): void {
    const now = this.nowMs();
    for (const record of this.accessTokens.values())
      if (record.sellerId === sellerId) record.expiresAtMs = Math.min(record.expiresAtMs, now);
  }

  /** The app's SQS queue and AWS keys, made on first sight; names derive from the app key. */
  appFor(appKey: string, appSecret: string): AppRecord {
    let app = this.apps.get(appKey);
    if (!app) {
      const tag = createHash('sha256').update(appKey).digest('hex').slice(0, 12);
      app = {
        appKey,
        appSecret,
        queue: new SqsQueue({
          url: this.queueUrlOf(`sp-api-notifications-${tag}`),
          nowMs: this.nowMs,
          visibilityTimeoutMs: this.visibilityTimeoutMs,
        }),
        awsAccessKeyId: `AKIAEMU${tag.toUpperCase()}`,
        awsSecretAccessKey: `emulated-secret-${tag}`,
      };
      this.apps.set(appKey, app);
    }
    return app;
  }

  appOfQueueUrl(url: string): AppRecord | undefined {
    return [...this.apps.values()].find((app) => app.queue.url === url || app.queue.matches(url));
  }
}
