/**
 * The Lazada Open Platform emulator: a real node:http server on 127.0.0.1 serving the API paths
 * StockPool uses (lazada.md §3.7) and the token refresh of the auth host (§3.4) — one server for
 * both; `/rest` in front of a path is accepted as the real gateways have it — with Lazada's
 * signature, timestamp, token and rate-limit checks, its envelope and error codes, stock buckets
 * that move as Lazada's do (withhold while unpaid, released after 30 minutes), Choice listings
 * that take increases only, signed order pushes on Lazada's retry schedule, fault injection, and
 * /_emulator/ controls.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
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
import type { EmulatorContext } from './context.ts';
import { createContext } from './context.ts';
import { controlRoutes } from './control-routes.ts';
import { handleRequest } from './http-server.ts';
import {
  cancelItems,
  expireUnpaidOrders,
  payOrder,
  placeOrder,
  returnOrder,
  shipOrder,
} from './order-flow.ts';
import { orderStatusOf } from './order-status.ts';

/** The Lazada emulator's handle: the common one plus Lazada's own controls. */
export interface LazadaEmulatorHandle extends PlatformEmulator {
  /** Marks a product as a Lazada Choice listing (its sellable stock may then only go up). */
  setChoice(sellerId: string, itemId: string, choice: boolean): void;
}

/** Starts the emulator on a free port (by default) and returns its handle. */
export async function startLazadaEmulator(
  options: EmulatorOptions = {},
): Promise<LazadaEmulatorHandle> {
  const context = createContext(options);
  let handle: LazadaEmulator | null = null;
  const control = controlRoutes(() => {
    if (!handle) throw new Error('the emulator is still starting');
    return handle;
  });
  const server = createServer((request, response) => {
    handleRequest(context, control, request, response).catch((error: unknown) => {
      if (response.headersSent) return void response.destroy();
      response.writeHead(500, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ type: 'ISP', code: 'InternalError', message: String(error) }));
    });
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, host, resolve));
  const { port } = server.address() as AddressInfo;
  handle = new LazadaEmulator(context, server, `http://${host}:${port}`);
  return handle;
}

class LazadaEmulator implements LazadaEmulatorHandle {
  readonly platform = 'lazada' as const;
  /** Lazada's auth host is another host in production; here the same server answers both. */
  readonly authBaseUrl: string;
  readonly faults: Faults;

  constructor(
    private readonly context: EmulatorContext,
    private readonly server: Server,
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

  setChoice(sellerId: string, itemId: string, choice: boolean): void {
    const product = this.context.state.shop(sellerId).products.get(itemId);
    if (!product) throw new Error(`unknown Lazada product ${itemId}`);
    product.choice = choice;
  }

  /** Buyable = sellable; committed = withheld (unpaid) + occupied (unshipped). */
  shownStock(platformShopId: string, ref: ListingRef): PlatformStock[] {
    expireUnpaidOrders(this.context);
    const sku = this.context.state.sku(platformShopId, ref);
    return [...sku.stock].map(([warehouseId, b]) => ({
      warehouseId,
      available: b.sellable,
      committed: b.withhold + b.occupy,
    }));
  }

  setShownStock(
    platformShopId: string,
    ref: ListingRef,
    warehouseId: string,
    quantity: number,
  ): void {
    const buckets = this.context.state.sku(platformShopId, ref).stock.get(warehouseId);
    if (!buckets) throw new Error(`unknown Lazada warehouse ${warehouseId}`);
    buckets.sellable = quantity;
  }

  placeOrder(input: BuyerOrderInput): BuyerOrderResult {
    return placeOrder(this.context, input);
  }

  payOrder(platformShopId: string, orderId: string): void {
    payOrder(this.context, platformShopId, orderId);
  }

  cancelOrderAsBuyer(platformShopId: string, orderId: string): void {
    expireUnpaidOrders(this.context);
    cancelItems(this.context, platformShopId, orderId, {
      initiator: 'buyer',
      reason: 'Change of mind',
    });
  }

  shipOrder(platformShopId: string, orderId: string): void {
    shipOrder(this.context, platformShopId, orderId);
  }

  returnOrder(platformShopId: string, orderId: string): void {
    returnOrder(this.context, platformShopId, orderId);
  }

  orderStatus(platformShopId: string, orderId: string): string | null {
    expireUnpaidOrders(this.context);
    const order = this.context.state.shops.get(platformShopId)?.orders.get(orderId);
    return order ? orderStatusOf(order.items.map((item) => item.status)) : null;
  }

  expireAccessToken(platformShopId: string): void {
    this.context.state.expireAccessTokens(platformShopId);
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

  /** Stops pushes, drops answers held back by faults, and closes the server. */
  async close(): Promise<void> {
    this.context.sender.stop();
    for (const response of this.context.hung) response.destroy();
    this.context.hung.clear();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
