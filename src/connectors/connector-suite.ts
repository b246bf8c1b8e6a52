/**
 * The one suite every platform connector passes against its own emulator, over real HTTP. A
 * platform's `connector.test.ts` calls `runConnectorSuite(harness)`; the suite uses only the
 * connector contract and the PlatformEmulator interface, so it names no platform. It covers
 * catalogue and order paging, order-detail batching, token refresh, throttling, retries and
 * faults, webhook verification, idempotent and partial stock pushes, clock skew, and buyers
 * moving the shown stock.
 */
import { after, before, describe } from 'node:test';
import type { EmulatorOptions, PlatformEmulator } from '../../sandbox/kit/emulator.ts';
import type { AppSecrets, PlatformModule, ShopAuth } from './contract.ts';
import type { EmulatedProductSeed } from '../../sandbox/kit/emulator.ts';
import { registerCatalogAndOrderTests } from './suite/catalog-and-orders.ts';
import { registerEventQueueTests } from './suite/event-queue.ts';
import { SuiteContext } from './suite/context.ts';
import { registerStockTests } from './suite/stock.ts';
import { registerThrottlingAndFaultTests } from './suite/throttling-and-faults.ts';
import { registerTokenAndClockTests } from './suite/tokens-and-clock.ts';
import { registerWebhookTests } from './suite/webhooks.ts';

/** What the suite asks the platform to seed: a new shop with these products and tokens. */
export interface SuiteShopInput {
  /** Unique per call within one emulator: derive the shop id, cipher and tokens from it. */
  key: number;
  products: EmulatedProductSeed[];
  /** Where the emulator should deliver this shop's webhooks; null = nowhere. */
  webhookUrl: string | null;
  /** Epoch ms; the access token's expiry to seed and to put in the returned auth. */
  accessTokenExpiresAtMs: number;
}

/** A seeded shop as a connector sees it. */
export interface SuiteShop {
  auth: ShopAuth;
  /** The app's secrets the platform signs this shop's webhooks with. */
  secrets: AppSecrets;
}

/** The platform-specific parts the suite needs. */
export interface ConnectorSuiteHarness {
  /** Shown in the suite's title. */
  name: string;
  module: PlatformModule;
  startEmulator(options: EmulatorOptions): Promise<PlatformEmulator>;
  /** Seeds a shop and its products on the emulator and returns the shop's auth and secrets. */
  seedShop(emulator: PlatformEmulator, input: SuiteShopInput): SuiteShop;
  /** The platform warehouse id seeded products keep their stock in. */
  warehouseId: string;
  /** The connector's own sizes, so the suite can go past them. */
  limits: {
    /** Listings the connector reads per catalogue page at most. */
    catalogPageSize: number;
    /** Orders per listOrders page at most. */
    orderPageSize: number;
    /** Order ids the platform takes per detail call. */
    orderDetailMaxIds: number;
  };
  /**
   * What the platform lacks, where the suite adapts (every one defaults to true: TikTok, Shopee).
   * - tokenRefresh false: access tokens never expire and have no refresh (Shopify's offline
   *   tokens); the token tests check instead that a refused token and refreshTokens() fail as
   *   typed, non-retryable errors.
   * - requestTimestamps false: requests carry no timestamp the platform checks; the clock-skew
   *   tests check instead that a skewed connector still works.
   */
  capabilities?: { tokenRefresh?: boolean; requestTimestamps?: boolean };
  /**
   * How far a request's timestamp may be from the platform's clock, when more than the suite's
   * 10 minutes (Lazada: ±7200 s). The clock-skew tests then go 10 minutes past it.
   */
  timestampToleranceMs?: number;
  /**
   * When the platform releases unpaid orders by itself after this long (Lazada: 30 minutes), the
   * order-window test moves the clock by less, so its unpaid orders are still open.
   */
  unpaidOrdersExpireAfterMs?: number;
  /** Where the platform's seller cancellation differs from "any open order, units given back". */
  sellerCancellation?: {
    /** Unpaid orders cannot be cancelled by the seller (refused as REJECTED). */
    refusesUnpaid?: boolean;
    /** The out-of-stock reason sets the listing's shown stock to 0 (Lazada). */
    outOfStockZeroesStock?: boolean;
  };
  /**
   * The platform names a listing by the seller's SKU (Amazon: `variantId` is the seller SKU):
   * seeded variants get their seller SKU as variant id, so catalogue reads can match both.
   */
  variantIdIsSellerSku?: boolean;
  /**
   * The platform puts its events on a queue instead of calling a webhook (Amazon SP-API: SQS).
   * The webhook tests then read events through `connector.eventQueue` (receive, parseWebhook,
   * delete; redelivery; visibility timeout) instead of an HTTP receiver. Seeded shops with a
   * `webhookUrl` are subscribed, and their auth must name the queue.
   */
  eventQueue?: {
    /** How long a received, undeleted message stays hidden before it comes back (suite clock). */
    visibilityTimeoutMs: number;
  };
}

/** Registers the suite (node:test `describe`) for one platform. */
export function runConnectorSuite(harness: ConnectorSuiteHarness): void {
  describe(`connector suite: ${harness.name}`, () => {
    const suite = new SuiteContext(harness);
    before(() => suite.start());
    after(() => suite.stop());
    registerCatalogAndOrderTests(suite);
    registerStockTests(suite);
    registerTokenAndClockTests(suite);
    if (harness.eventQueue) registerEventQueueTests(suite);
    else registerWebhookTests(suite);
    registerThrottlingAndFaultTests(suite);
  });
}
