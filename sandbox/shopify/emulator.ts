/**
 * The in-process handle of the Shopify emulator (PlatformEmulator): seeding, buyer actions,
 * faults and state reads over the same stores the HTTP API serves.
 */
import type { FastifyInstance } from 'fastify';
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
import type { EmulatorContext } from './context.ts';
import { cancelOrderAsBuyer, payOrder, placeOrder, returnOrder, shipOrder } from './order-flow.ts';

export class ShopifyEmulator implements PlatformEmulator {
  readonly platform = 'shopify' as const;
  /** Shopify has no token host: offline tokens come from the app install (OAuth) and never expire. */
  readonly authBaseUrl: string;
  readonly faults: Faults;

  constructor(
    private readonly context: EmulatorContext,
    private readonly app: FastifyInstance,
    readonly baseUrl: string,
  ) {
    this.authBaseUrl = baseUrl;
    this.faults = context.faults;
  }

  seedShop(seed: EmulatedShopSeed): void {
    this.context.state.seedShop(seed);
  }

  seedProducts(platformShopId: string, products: EmulatedProductSeed[]): void {
    this.context.state.seedProducts(platformShopId, products);
  }

  shownStock(platformShopId: string, ref: ListingRef): PlatformStock[] {
    const variant = this.context.state.variant(platformShopId, ref.itemId, ref.variantId);
    return [...variant.levels].map(([warehouseId, level]) => ({
      warehouseId,
      available: level.available,
      committed: level.committed,
    }));
  }

  setShownStock(
    platformShopId: string,
    ref: ListingRef,
    warehouseId: string,
    quantity: number,
  ): void {
    const shop = this.context.state.shop(platformShopId);
    if (!shop.locations.includes(warehouseId)) throw new Error(`unknown location ${warehouseId}`);
    const variant = this.context.state.variant(platformShopId, ref.itemId, ref.variantId);
    const level = variant.levels.get(warehouseId) ?? { available: 0, committed: 0, updatedAtMs: 0 };
    level.available = quantity;
    level.updatedAtMs = this.context.nowMs();
    variant.levels.set(warehouseId, level);
  }

  placeOrder(input: BuyerOrderInput): BuyerOrderResult {
    return placeOrder(this.context, input);
  }

  payOrder(platformShopId: string, orderId: string): void {
    payOrder(this.context, platformShopId, orderId);
  }

  cancelOrderAsBuyer(platformShopId: string, orderId: string): void {
    cancelOrderAsBuyer(this.context, platformShopId, orderId);
  }

  shipOrder(platformShopId: string, orderId: string): void {
    shipOrder(this.context, platformShopId, orderId);
  }

  returnOrder(platformShopId: string, orderId: string): void {
    returnOrder(this.context, platformShopId, orderId);
  }

  /** `cancelled`, or `financial/fulfillment` (REST words), as the connector's rawStatus. */
  orderStatus(platformShopId: string, orderId: string): string | null {
    const order = this.context.state.shops.get(platformShopId)?.orders.get(orderId);
    if (!order) return null;
    if (order.cancelledAtMs !== null) return 'cancelled';
    return `${order.financialStatus}/${order.fulfillmentStatus ?? 'unfulfilled'}`;
  }

  /** Shopify's offline tokens do not expire: the nearest event is the token revoked (401). */
  expireAccessToken(platformShopId: string): void {
    this.context.state.revokeTokens(platformShopId);
  }

  stats(): EmulatorStats {
    return structuredClone(this.context.stats);
  }

  webhookDeliveries(): DeliveryRecord[] {
    return this.context.sender.records.map((record) => ({ ...record }));
  }

  redeliverLastWebhooks(count: number): number {
    return this.context.sender.resendLast(count);
  }

  drainWebhooks(): Promise<void> {
    return this.context.sender.drain();
  }

  async close(): Promise<void> {
    this.context.sender.stop();
    await this.app.close();
  }
}
