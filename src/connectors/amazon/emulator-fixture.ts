/**
 * Test fixture: an Amazon emulator with one seeded seller and a connector for it, for the
 * Amazon-specific tests (the shared suite has its own harness in connector.test.ts).
 */
import type { EmulatedProductSeed } from '../../../sandbox/kit/emulator.ts';
import type { AmazonEmulatorOptions } from '../../../sandbox/amazon/context.ts';
import type { AmazonEmulator } from '../../../sandbox/amazon/server.ts';
import { startAmazonEmulator } from '../../../sandbox/amazon/server.ts';
import type { ConnectorOptions, ShopAuth } from '../contract.ts';
import { AmazonConnector } from './connector.ts';

export const SELLER_ID = 'A3TH9S8BH6GOGM';
export const APP = {
  appKey: 'amzn1.application-oa2-client.rules',
  appSecret: 'amzn1.oa2-cs.v1.rules-secret',
};

export interface Fixture {
  emulator: AmazonEmulator;
  auth: ShopAuth;
  connector(overrides?: Partial<ConnectorOptions>): AmazonConnector;
  close(): Promise<void>;
}

export async function startFixture(
  options: {
    emulator?: AmazonEmulatorOptions;
    products?: EmulatedProductSeed[];
    region?: string;
    subscribed?: boolean;
  } = {},
): Promise<Fixture> {
  const emulator = await startAmazonEmulator({ seed: 3, ...options.emulator });
  const expiresAt = Date.now() + 3_600_000;
  emulator.seedShop({
    platformShopId: SELLER_ID,
    region: options.region ?? 'US',
    ...APP,
    accessToken: 'Atza|rules',
    refreshToken: 'Atzr|rules',
    accessTokenExpiresAtMs: expiresAt,
    webhookUrl: options.subscribed === false ? null : 'sqs',
    warehouseIds: ['DEFAULT'],
  });
  emulator.seedProducts(SELLER_ID, options.products ?? []);
  const sqs = emulator.sqsSettingsFor(APP.appKey, APP.appSecret);
  const auth: ShopAuth = {
    ...APP,
    accessToken: 'Atza|rules',
    refreshToken: 'Atzr|rules',
    accessTokenExpiresAtMs: expiresAt,
    refreshTokenExpiresAtMs: null,
    platformShopId: SELLER_ID,
    region: options.region ?? 'US',
    extra: { ...sqs, sqsWaitTimeSeconds: '0' },
  };
  return {
    emulator,
    auth,
    connector: (overrides = {}) =>
      new AmazonConnector({
        auth: { ...auth },
        baseUrl: emulator.baseUrl,
        authBaseUrl: emulator.authBaseUrl,
        timeoutMs: 3_000,
        ...overrides,
      }),
    close: () => emulator.close(),
  };
}

/** One product (ASIN) with one SKU per stock map given. */
export function product(
  asin: string,
  skus: Record<string, Record<string, number>>,
): EmulatedProductSeed {
  return {
    itemId: asin,
    title: `Product ${asin}`,
    variants: Object.entries(skus).map(([sku, stock]) => ({
      variantId: sku,
      sellerSku: sku,
      stock,
    })),
  };
}
