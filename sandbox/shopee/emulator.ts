/**
 * The in-process handle of the Shopee emulator (PlatformEmulator): seeding, buyer actions,
 * faults and state reads over the same stores the HTTP API serves.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ListingRef, PlatformStock } from '../../src/connectors/contract.ts';
import type {
  BuyerOrderInput,
  BuyerOrderResult,
  EmulatedProductSeed,
  EmulatedShopSeed,
  EmulatorStats,
  PlatformEmulator,
} from '../kit/emulator.ts';
import type { Faults } from '../kit/faults.ts';
import type { DeliveryRecord } from '../kit/webhook-sender.ts';
import type { AuthStore } from './auth-store.ts';
import type { CatalogStore } from './catalog-store.ts';
import type { OrderStore } from './order-store.ts';
import type { OrderPushes } from './push.ts';
import type { StatsRecorder } from './stats.ts';
import { NO_LOCATION, type EmulatedShop } from './types.ts';

/** Everything the emulator is made of, built by startShopeeEmulator. */
export interface ShopeeEmulatorParts {
  app: FastifyInstance;
  baseUrl: string;
  auth: AuthStore;
  catalog: CatalogStore;
  orders: OrderStore;
  pushes: OrderPushes;
  stats: StatsRecorder;
  faults: Faults;
  hung: Set<FastifyReply>;
}

export class ShopeeEmulator implements PlatformEmulator {
  readonly platform = 'shopee' as const;
  readonly baseUrl: string;
  /** Shopee serves tokens from the same host as the shop APIs (§2.1). */
  readonly authBaseUrl: string;
  readonly faults: Faults;

  constructor(private readonly parts: ShopeeEmulatorParts) {
    this.baseUrl = parts.baseUrl;
    this.authBaseUrl = parts.baseUrl;
    this.faults = parts.faults;
  }

  seedShop(seed: EmulatedShopSeed): void {
    this.parts.auth.seedShop(seed);
  }

  seedProducts(platformShopId: string, products: EmulatedProductSeed[]): void {
    this.parts.catalog.seedProducts(this.shop(platformShopId), products);
  }

  shownStock(platformShopId: string, ref: ListingRef): PlatformStock[] {
    return this.parts.catalog.shownStock(this.shop(platformShopId), ref);
  }

  setShownStock(
    platformShopId: string,
    ref: ListingRef,
    warehouseId: string,
    quantity: number,
  ): void {
    const shop = this.shop(platformShopId);
    const model = this.parts.catalog.model(shop.shopId, ref);
    if (!model) throw new Error(`unknown listing ${ref.itemId}/${ref.variantId}`);
    const location = shop.locations[0] === NO_LOCATION ? NO_LOCATION : warehouseId;
    if (!shop.locations.includes(location)) throw new Error(`unknown location ${warehouseId}`);
    this.parts.catalog.setSellerStock(shop.shopId, Number(ref.itemId), model, location, quantity);
  }

  placeOrder(input: BuyerOrderInput): BuyerOrderResult {
    return this.parts.orders.place(this.shop(input.platformShopId), input);
  }

  payOrder(platformShopId: string, orderId: string): void {
    this.parts.orders.pay(this.shop(platformShopId).shopId, orderId);
  }

  cancelOrderAsBuyer(platformShopId: string, orderId: string): void {
    this.parts.orders.cancel(
      this.shop(platformShopId).shopId,
      orderId,
      'buyer',
      'Need to change delivery address',
    );
  }

  shipOrder(platformShopId: string, orderId: string): void {
    this.parts.orders.ship(this.shop(platformShopId).shopId, orderId);
  }

  returnOrder(platformShopId: string, orderId: string): void {
    this.parts.orders.returnOrder(this.shop(platformShopId).shopId, orderId);
  }

  orderStatus(platformShopId: string, orderId: string): string | null {
    return this.parts.orders.get(platformShopId, orderId)?.status ?? null;
  }

  expireAccessToken(platformShopId: string): void {
    this.parts.auth.expireAccessTokens(this.shop(platformShopId).shopId);
  }

  stats(): EmulatorStats {
    return this.parts.stats.snapshot();
  }

  webhookDeliveries(): DeliveryRecord[] {
    return this.parts.pushes.sender.records.map((record) => ({ ...record }));
  }

  redeliverLastWebhooks(count: number): number {
    return this.parts.pushes.sender.resendLast(count);
  }

  drainWebhooks(): Promise<void> {
    return this.parts.pushes.sender.drain();
  }

  /** Stops pushes, drops answers held back by faults, and closes the server. */
  async close(): Promise<void> {
    this.parts.pushes.sender.stop();
    for (const reply of this.parts.hung) reply.raw.destroy();
    this.parts.hung.clear();
    await this.parts.app.close();
  }

  private shop(platformShopId: string): EmulatedShop {
    const shop = this.parts.auth.shop(platformShopId);
    if (!shop) throw new Error(`unknown Shopee shop ${platformShopId}`);
    return shop;
  }
}
