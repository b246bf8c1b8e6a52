/**
 * The TikTok Shop emulator: a real Fastify server on 127.0.0.1 serving the platform's API paths
 * with its signature, token, timestamp, shop_cipher and rate-limit checks, its envelope and error
 * codes (tiktok-shop.md), plus /_emulator/ controls. The API host and the auth host are one server.
 */
import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import type { ListingRef, PlatformStock } from '../../src/connectors/contract.ts';
import type {
  BuyerOrderInput,
  BuyerOrderResult,
  EmulatedProductSeed,
  EmulatedShopSeed,
  EmulatorOptions,
  EmulatorStats,
  PlatformEmulator,
} from '../kit/emulator.ts';
import type { Faults } from '../kit/faults.ts';
import type { DeliveryRecord } from '../kit/webhook-sender.ts';
import { registerApiRoutes } from './api-routes.ts';
import type { EmulatorContext } from './context.ts';
import { createContext } from './context.ts';
import { registerControlRoutes } from './control-routes.ts';
import { cancelOrderAsBuyer, payOrder, placeOrder, shipOrder } from './order-flow.ts';
import { registerRawJsonParser } from './raw-body.ts';
import { returnOrder } from './return-flow.ts';

/** Request bodies larger than this are refused (everything has a limit). */
const BODY_LIMIT_BYTES = 1024 * 1024;

/** Starts the emulator on a free port (by default) and returns its handle. */
export async function startTikTokShopEmulator(
  options: EmulatorOptions = {},
): Promise<PlatformEmulator> {
  const context = createContext(options);
  const app = Fastify({ logger: false, forceCloseConnections: true, bodyLimit: BODY_LIMIT_BYTES });
  let handle: TikTokShopEmulator | null = null;
  registerRawJsonParser(app);
  registerApiRoutes(app, context);
  registerControlRoutes(app, () => {
    if (!handle) throw new Error('emulator: not started');
    return handle;
  });
  const host = options.host ?? '127.0.0.1';
  await app.listen({ host, port: options.port ?? 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  handle = new TikTokShopEmulator(context, app, `http://${host}:${port}`);
  return handle;
}

class TikTokShopEmulator implements PlatformEmulator {
  readonly platform = 'tiktok-shop' as const;
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
    const sku = this.context.state.sku(platformShopId, ref);
    return [...sku.stock].map(([warehouseId, stock]) => ({
      warehouseId,
      available: stock.available,
      committed: stock.committed,
    }));
  }

  setShownStock(
    platformShopId: string,
    ref: ListingRef,
    warehouseId: string,
    quantity: number,
  ): void {
    const sku = this.context.state.sku(platformShopId, ref);
    const stock = sku.stock.get(warehouseId) ?? { available: 0, committed: 0 };
    stock.available = quantity;
    sku.stock.set(warehouseId, stock);
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

  orderStatus(platformShopId: string, orderId: string): string | null {
    return this.context.state.shops.get(platformShopId)?.orders.get(orderId)?.status ?? null;
  }

  expireAccessToken(platformShopId: string): void {
    this.context.state.expireAccessTokens(platformShopId);
  }

  stats(): EmulatorStats {
    const { stats } = this.context;
    return structuredClone(stats);
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
