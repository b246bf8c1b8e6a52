/**
 * Test support (not used at run time): starts the Shopee emulator with one seeded shop and a
 * connector for it, over real HTTP, and records the tokens the connector hands back.
 */
import type { ConnectorOptions, RefreshedTokens, ShopAuth } from '../contract.ts';
import type { EmulatorOptions, PlatformEmulator } from '../../../sandbox/kit/emulator.ts';
import { startShopeeEmulator } from '../../../sandbox/shopee/index.ts';
import { ShopeeConnector } from './client.ts';

/** The app and shop of the fixture (the vectors' partner, with a made-up shop). */
export const PARTNER_ID = '2001887';
export const PARTNER_KEY = 'shpk_test_partner_key_0123456789abcdef';
export const SHOP_ID = '14701711';

/** What a test may change about the fixture. */
export interface ShopeeFixtureOptions {
  emulator?: EmulatorOptions;
  connector?: Partial<ConnectorOptions>;
  warehouseIds?: string[];
  webhookUrl?: string | null;
  /** Access token lifetime from now; 4 h by default. */
  tokenLifetimeMs?: number;
}

/** A running emulator with its seeded shop and a connector for it. */
export interface ShopeeFixture {
  emulator: PlatformEmulator;
  connector: ShopeeConnector;
  auth: ShopAuth;
  refreshed: RefreshedTokens[];
  /** Another connector for the same shop with other options (same emulator). */
  connectorWith(options: Partial<ConnectorOptions>): ShopeeConnector;
  close(): Promise<void>;
}

/** Starts the emulator (throttle 1000/s unless told) and seeds the shop, location SGZ by default. */
export async function startShopeeFixture(
  options: ShopeeFixtureOptions = {},
): Promise<ShopeeFixture> {
  const emulator = await startShopeeEmulator({ rateLimitPerSecond: 1000, ...options.emulator });
  const nowMs = options.emulator?.nowMs ?? Date.now;
  const auth: ShopAuth = {
    appKey: PARTNER_ID,
    appSecret: PARTNER_KEY,
    accessToken: 'a0000000000000000000000000000001',
    refreshToken: 'r0000000000000000000000000000001',
    accessTokenExpiresAtMs: nowMs() + (options.tokenLifetimeMs ?? 4 * 3600_000),
    refreshTokenExpiresAtMs: null,
    platformShopId: SHOP_ID,
  };
  emulator.seedShop({
    ...auth,
    webhookUrl: options.webhookUrl ?? null,
    warehouseIds: options.warehouseIds ?? ['SGZ'],
  });
  const refreshed: RefreshedTokens[] = [];
  const connectorWith = (extra: Partial<ConnectorOptions>) =>
    new ShopeeConnector({
      auth,
      baseUrl: emulator.baseUrl,
      timeoutMs: 2_000,
      rateLimitPerSecond: 1000,
      nowMs,
      onTokensRefreshed: async (tokens) => {
        refreshed.push(tokens);
      },
      ...options.connector,
      ...extra,
    });
  return {
    emulator,
    connector: connectorWith({}),
    auth,
    refreshed,
    connectorWith,
    close: () => emulator.close(),
  };
}

/** A clock tests move by hand, shared by the emulator and the connector. */
export class ManualClock {
  constructor(public now = Date.now()) {}
  readonly nowMs = (): number => this.now;
  advance(ms: number): void {
    this.now += ms;
  }
}
