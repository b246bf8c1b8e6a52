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
    registerWebhookTests(suite);
    registerThrottlingAndFaultTests(suite);
  });
}
