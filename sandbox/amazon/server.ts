/**
 * The Amazon SP-API emulator: a real Fastify server on 127.0.0.1 serving Listings Items
 * 2021-08-01, Orders v0 and the seller's cancelOrder with SP-API's token check, usage plans and
 * error shapes (amazon.md), Login with Amazon's token endpoint, an SQS endpoint for the
 * notification queues, and /_emulator/ controls: one server is the API, auth and SQS host.
 *
 * The webhook methods of PlatformEmulator speak of the queue, since Amazon calls no webhook
 * (§4.5): webhookDeliveries() lists every notification put on a queue (attempts = receives,
 * delivered = deleted), redeliverLastWebhooks(n) puts the last n on their queue again as new
 * messages (SQS's at-least-once delivery), and drainWebhooks() resolves at once: enqueuing is
 * synchronous, nothing is ever in flight. The "webhook receiver down" fault makes the SQS endpoint
 * unreachable for the reader (503): messages wait in the queue, as they would on AWS. The other
 * faults (latency, errors, outages, throttling) apply to the SP-API and LWA, not to SQS.
 */
import Fastify from 'fastify';
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
import type { AmazonContext, AmazonEmulatorOptions } from './context.ts';
import { createContext } from './context.ts';
import { registerControlRoutes } from './control-routes.ts';
import { registerListingsRoutes } from './listings-routes.ts';
import { registerLwaRoutes } from './lwa-routes.ts';
import {
  cancelOrderAsBuyer,
  MFN_CHANNEL,
  payOrder,
  placeOrder,
  returnOrder,
  shipOrder,
} from './order-flow.ts';
import { registerOrdersRoutes } from './orders-routes.ts';
import { registerSqsRoutes } from './sqs-routes.ts';

/** Request bodies larger than this are refused (everything has a limit). */
const BODY_LIMIT_BYTES = 1024 * 1024;

/** What a shop's `auth.extra` needs to read its app's queue (connector AMAZON_EXTRA_KEYS). */
export interface EmulatedSqsSettings {
  sqsQueueUrl: string;
  sqsEndpoint: string;
  awsAccessKeyId: string;
  awsSecretAccessKey: string;
  awsRegion: string;
}

/** The Amazon emulator's handle: every emulator's controls plus the app's queue settings. */
export interface AmazonEmulator extends PlatformEmulator {
  /** The queue, endpoint and AWS keys of an app's notification queue (made on first sight). */
  sqsSettingsFor(appKey: string, appSecret: string): EmulatedSqsSettings;
}

/** Starts the emulator on a free port (by default) and returns its handle. */
export async function startAmazonEmulator(
  options: AmazonEmulatorOptions = {},
): Promise<AmazonEmulator> {
  const context = createContext(options);
  const app = Fastify({ logger: false, forceCloseConnections: true, bodyLimit: BODY_LIMIT_BYTES });
  let handle: AmazonEmulatorHandle | null = null;
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string' },
    (_request, body, done) =>
      done(null, new URLSearchParams(typeof body === 'string' ? body : body.toString('utf8'))),
  );
  app.setErrorHandler((error, _request, reply) => {
    const status = (error as { statusCode?: number }).statusCode ?? 500;
    const code = status >= 500 ? 'InternalFailure' : 'InvalidInput';
    const message = error instanceof Error ? error.message : String(error);
    void reply.code(status).send({ errors: [{ code, message }] });
  });
  registerLwaRoutes(app, context);
  registerListingsRoutes(app, context);
  registerOrdersRoutes(app, context);
  registerSqsRoutes(app, context);
  registerControlRoutes(app, () => {
    if (!handle) throw new Error('emulator: not started');
    return handle;
  });
  const host = options.host ?? '127.0.0.1';
  await app.listen({ host, port: options.port ?? 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  context.baseUrl = `http://${host}:${port}`;
  handle = new AmazonEmulatorHandle(context, app);
  return handle;
}

class AmazonEmulatorHandle implements AmazonEmulator {
  readonly platform = 'amazon' as const;
  readonly baseUrl: string;
  readonly authBaseUrl: string;
  readonly faults: Faults;

  constructor(
    private readonly context: AmazonContext,
    private readonly app: FastifyInstance,
  ) {
    this.baseUrl = context.baseUrl;
    this.authBaseUrl = context.baseUrl;
    this.faults = context.faults;
  }

  sqsSettingsFor(appKey: string, appSecret: string): EmulatedSqsSettings {
    const app = this.context.state.appFor(appKey, appSecret);
    return {
      sqsQueueUrl: app.queue.url,
      sqsEndpoint: this.baseUrl,
      awsAccessKeyId: app.awsAccessKeyId,
      awsSecretAccessKey: app.awsSecretAccessKey,
      awsRegion: 'us-east-1',
    };
  }

  seedShop(seed: EmulatedShopSeed): void {
    this.context.state.seedShop(seed);
  }

  seedProducts(platformShopId: string, products: EmulatedProductSeed[]): void {
    this.context.state.seedProducts(platformShopId, products);
  }

  /** Stock per fulfillment channel; any channel but DEFAULT is Amazon's own (FBA). */
  shownStock(platformShopId: string, ref: ListingRef): PlatformStock[] {
    const listing = this.context.state.listing(platformShopId, ref);
    return [...listing.channels].map(([code, stock]) => ({
      warehouseId: code,
      available: stock.quantity,
      committed: stock.withheld,
      ...(code === MFN_CHANNEL ? {} : { platformRun: true }),
    }));
  }

  setShownStock(
    platformShopId: string,
    ref: ListingRef,
    warehouseId: string,
    quantity: number,
  ): void {
    const listing = this.context.state.listing(platformShopId, ref);
    const stock = listing.channels.get(warehouseId) ?? { quantity: 0, withheld: 0 };
    stock.quantity = quantity;
    listing.channels.set(warehouseId, stock);
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
    return structuredClone(this.context.stats);
  }

  webhookDeliveries(): DeliveryRecord[] {
    return [...this.context.state.apps.values()].flatMap((app) => app.queue.records());
  }

  redeliverLastWebhooks(count: number): number {
    return [...this.context.state.apps.values()].reduce(
      (sum, app) => sum + app.queue.resendLast(count),
      0,
    );
  }

  drainWebhooks(): Promise<void> {
    return Promise.resolve();
  }

  async close(): Promise<void> {
    this.context.closed = true;
    await this.app.close();
  }
}
