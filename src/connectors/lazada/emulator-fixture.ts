/**
 * A Lazada emulator with one seeded seller, for the Lazada-specific tests: the seller's auth as a
 * connector gets it, a clock the test can move, and a connector built on both.
 */
import type { ChannelConnector, ConnectorOptions, ShopAuth } from '../contract.ts';
import type { EmulatedProductSeed } from '../../../sandbox/kit/emulator.ts';
import { startLazadaEmulator, type LazadaEmulatorHandle } from '../../../sandbox/lazada/server.ts';
import { lazada } from './index.ts';

export const FIXTURE_APP = { appKey: '100777', appSecret: 'fixture-lazada-secret-42' };

export interface LazadaFixture {
  emulator: LazadaEmulatorHandle;
  auth: ShopAuth;
  sellerId: string;
  /** Added to the wall clock for the emulator and connectors. */
  clock: { offsetMs: number };
  now: () => number;
  connector(overrides?: Partial<ConnectorOptions>): ChannelConnector;
  close(): Promise<void>;
}

export async function startLazadaFixture(options: {
  products: EmulatedProductSeed[];
  warehouseIds?: string[];
  webhookUrl?: string | null;
  extra?: Record<string, string>;
  webhookRetryDelaysMs?: number[];
}): Promise<LazadaFixture> {
  const clock = { offsetMs: 0 };
  const now = () => Date.now() + clock.offsetMs;
  const emulator = await startLazadaEmulator({
    nowMs: now,
    webhookRetryDelaysMs: options.webhookRetryDelaysMs ?? [10, 20],
  });
  const sellerId = '200300400';
  const auth: ShopAuth = {
    ...FIXTURE_APP,
    accessToken: '50000fixtureAccess',
    refreshToken: '50001fixtureRefresh',
    accessTokenExpiresAtMs: now() + 86_400_000,
    refreshTokenExpiresAtMs: null,
    platformShopId: sellerId,
    region: 'SG',
    ...(options.extra ? { extra: options.extra } : {}),
  };
  emulator.seedShop({
    platformShopId: sellerId,
    region: 'SG',
    ...FIXTURE_APP,
    accessToken: auth.accessToken,
    refreshToken: auth.refreshToken,
    accessTokenExpiresAtMs: auth.accessTokenExpiresAtMs,
    webhookUrl: options.webhookUrl ?? null,
    warehouseIds: options.warehouseIds ?? ['dropshipping'],
  });
  emulator.seedProducts(sellerId, options.products);
  return {
    emulator,
    auth,
    sellerId,
    clock,
    now,
    connector: (overrides = {}) =>
      lazada.createConnector({
        auth: { ...auth },
        baseUrl: emulator.baseUrl,
        authBaseUrl: emulator.authBaseUrl,
        timeoutMs: 3_000,
        nowMs: now,
        ...overrides,
      }),
    close: () => emulator.close(),
  };
}

/** One product with one SKU per entry of `stocks`, stock per warehouse code. */
export function product(
  itemId: string,
  stocks: Array<Record<string, number>>,
): EmulatedProductSeed {
  return {
    itemId,
    title: `Product ${itemId}`,
    variants: stocks.map((stock, index) => ({
      variantId: `${itemId}${index + 1}`,
      sellerSku: `SKU-${itemId}-${index + 1}`,
      stock,
    })),
  };
}
