/**
 * The WooCommerce emulator: a real Fastify server on 127.0.0.1 serving the REST API v3 paths of
 * any number of emulated stores (woocommerce.md §6), told apart by their consumer keys as each
 * real store is its own site. It checks one-legged OAuth 1.0a signatures, timestamps and nonces,
 * key permissions, answers with WooCommerce's error bodies, plays a host's rate limit, moves stock
 * as WooCommerce core does, and delivers signed order webhooks; plus /_emulator/ controls.
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
import type { WooContext } from './context.ts';
import { createContext } from './context.ts';
import { registerControlRoutes } from './control-routes.ts';
import * as flow from './order-flow.ts';
import { registerOrderRoutes } from './order-routes.ts';
import { registerProductRoutes } from './product-routes.ts';
import type { KeyPermissions } from './state.ts';

/** Request bodies larger than this are refused (everything has a limit). */
const BODY_LIMIT_BYTES = 1024 * 1024;

/** Starts the emulator on a free port (by default) and returns its handle. */
export async function startWooCommerceEmulator(
  options: EmulatorOptions = {},
): Promise<WooCommerceEmulator> {
  const context = createContext(options);
  const app = Fastify({ logger: false, forceCloseConnections: true, bodyLimit: BODY_LIMIT_BYTES });
  let handle: WooCommerceEmulator | null = null;
  registerWordPressAnswers(app);
  registerProductRoutes(app, context);
  registerOrderRoutes(app, context);
  registerControlRoutes(app, () => {
    if (!handle) throw new Error('emulator: not started');
    return handle;
  });
  const host = options.host ?? '127.0.0.1';
  await app.listen({ host, port: options.port ?? 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  handle = new WooCommerceEmulator(context, app, `http://${host}:${port}`);
  return handle;
}

/** WordPress's own answers for an unknown route and a body that is not JSON. */
function registerWordPressAnswers(app: FastifyInstance): void {
  app.setNotFoundHandler((_request, reply) =>
    reply.code(404).send({
      code: 'rest_no_route',
      message: 'No route was found matching the URL and request method.',
      data: { status: 404 },
    }),
  );
  app.setErrorHandler((error: { statusCode?: number }, _request, reply) => {
    const status = error.statusCode ?? 500;
    if (status === 400 || status === 415)
      return reply.code(400).send({
        code: 'rest_invalid_json',
        message: 'Invalid JSON body passed.',
        data: { status: 400 },
      });
    return reply.code(status).send({
      code: 'internal_server_error',
      message: '<p>There has been a critical error on this website.</p>',
      data: { status },
    });
  });
}

export class WooCommerceEmulator implements PlatformEmulator {
  readonly platform = 'woocommerce' as const;
  /** No token host: WooCommerce keys do not expire. The same server, for the interface. */
  readonly authBaseUrl: string;
  readonly faults: Faults;

  constructor(
    private readonly context: WooContext,
    private readonly app: FastifyInstance,
    readonly baseUrl: string,
  ) {
    this.authBaseUrl = baseUrl;
    this.faults = context.faults;
  }

  /** A store: platformShopId is its URL, appKey/appSecret its consumer key and secret (read_write). */
  seedShop(seed: EmulatedShopSeed): void {
    this.context.state.seedStore(seed);
  }

  seedProducts(platformShopId: string, products: EmulatedProductSeed[]): void {
    this.context.state.seedProducts(platformShopId, products);
  }

  /** What buyers can order: stock_quantity less pending orders' holds (held units as committed). */
  shownStock(platformShopId: string, ref: ListingRef): PlatformStock[] {
    const store = this.context.state.store(platformShopId);
    flow.expireUnpaidOrders(this.context, store);
    const keeper = this.context.state.keeper(platformShopId, ref);
    const committed = this.context.state.heldUnits(store, keeper);
    return [{ warehouseId: null, available: this.context.state.buyable(store, keeper), committed }];
  }

  /** The seller edits stock_quantity in wp-admin (a single location: the warehouse id is ignored). */
  setShownStock(
    platformShopId: string,
    ref: ListingRef,
    _warehouseId: string,
    quantity: number,
  ): void {
    const keeper = this.context.state.keeper(platformShopId, ref);
    keeper.manageStock = true;
    keeper.stockQuantity = quantity;
    keeper.modifiedMs = this.context.nowMs();
  }

  placeOrder(input: BuyerOrderInput): BuyerOrderResult {
    return flow.placeOrder(this.context, input);
  }

  /** A checkout through a redirect gateway: pending, units held for the hold-stock minutes. */
  placePendingOrder(input: BuyerOrderInput): BuyerOrderResult {
    return flow.placeOrder(this.context, input, 'pending');
  }

  payOrder(platformShopId: string, orderId: string): void {
    flow.payOrder(this.context, platformShopId, orderId);
  }

  cancelOrderAsBuyer(platformShopId: string, orderId: string): void {
    flow.cancelOrderAsBuyer(this.context, platformShopId, orderId);
  }

  shipOrder(platformShopId: string, orderId: string): void {
    flow.shipOrder(this.context, platformShopId, orderId);
  }

  returnOrder(platformShopId: string, orderId: string): void {
    flow.returnOrder(this.context, platformShopId, orderId);
  }

  orderStatus(platformShopId: string, orderId: string): string | null {
    const store = this.context.state.stores.get(platformShopId);
    if (store) flow.expireUnpaidOrders(this.context, store);
    return store?.orders.get(Number(orderId))?.status ?? null;
  }

  /** The order's notes, newest last. */
  orderNotes(
    platformShopId: string,
    orderId: string,
  ): Array<{ note: string; customerNote: boolean }> {
    return this.context.state
      .order(platformShopId, orderId)
      .notes.map(({ note, customerNote }) => ({ note, customerNote }));
  }

  /** WooCommerce has no access token: the nearest event is the seller revoking the key. */
  expireAccessToken(platformShopId: string): void {
    this.context.state.store(platformShopId).revoked = true;
  }

  setKeyPermissions(platformShopId: string, permissions: KeyPermissions): void {
    this.context.state.store(platformShopId).permissions = permissions;
  }

  setHoldStockMinutes(minutes: number): void {
    this.context.holdStockMinutes = minutes;
  }

  /** The store's order webhook: active or disabled, and its consecutive failures. */
  webhookState(platformShopId: string): { status: string; failureCount: number } {
    const { status, failureCount } = this.context.state.store(platformShopId).webhook;
    return { status, failureCount };
  }

  stats(): EmulatorStats {
    return structuredClone(this.context.stats);
  }

  webhookDeliveries(): DeliveryRecord[] {
    return this.context.webhooks.all();
  }

  redeliverLastWebhooks(count: number): number {
    return this.context.webhooks.resendLast(count);
  }

  drainWebhooks(): Promise<void> {
    return this.context.webhooks.drain();
  }

  async close(): Promise<void> {
    this.context.webhooks.stop();
    await this.app.close();
  }
}
