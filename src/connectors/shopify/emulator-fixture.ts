/**
 * A Shopify emulator with one seeded shop for this folder's tests, a connector for it, and a raw
 * GraphQL call for checks below the connector.
 */
import {
  startShopifyEmulator,
  type ShopifyEmulatorOptions,
} from '../../../sandbox/shopify/server.ts';
import type { ShopifyEmulator } from '../../../sandbox/shopify/server.ts';
import type { EmulatedProductSeed } from '../../../sandbox/kit/emulator.ts';
import type { ChannelConnector, ConnectorOptions, ShopAuth } from '../contract.ts';
import { shopify } from './index.ts';
import { SHOPIFY_GRAPHQL_PATH } from './options.ts';

export const SHOP = 'fixture-shop.myshopify.com';
export const LOCATION = '61512351844';
export const SECOND_LOCATION = '61512351845';
export const APP = { appKey: 'fixture-client-id', appSecret: 'shpss_fixture_secret' };
export const TOKEN = 'shpat_fixture_token';

export interface Fixture {
  emulator: ShopifyEmulator;
  auth: ShopAuth;
  connector: (overrides?: Partial<ConnectorOptions>) => ChannelConnector;
  /** POSTs a GraphQL document with the shop's token; the parsed answer. */
  graphql: (
    query: string,
    variables?: Record<string, unknown>,
    token?: string,
  ) => Promise<GraphqlAnswer>;
}

export interface GraphqlAnswer {
  status: number;
  body: {
    data?: Record<string, unknown>;
    errors?: Array<{ message: string; extensions?: { code?: string } }> | string;
    extensions?: {
      cost?: {
        requestedQueryCost: number;
        actualQueryCost: number | null;
        throttleStatus: {
          currentlyAvailable: number;
          maximumAvailable: number;
          restoreRate: number;
        };
      };
    };
  };
}

/** Products with one variant each, `stock` units at LOCATION (and SECOND_LOCATION when asked). */
export function products(count: number, stock = 5, twoLocations = false): EmulatedProductSeed[] {
  return Array.from({ length: count }, (_, i) => ({
    itemId: String(810_000_001 + i),
    title: `Fixture product ${i}`,
    variants: [
      {
        variantId: String(920_000_001 + i),
        sellerSku: `FIX-${i}`,
        stock: stockAt(twoLocations ? [LOCATION, SECOND_LOCATION] : [LOCATION], stock),
      },
    ],
  }));
}

function stockAt(locations: string[], units: number): Record<string, number> {
  return Object.fromEntries(locations.map((location) => [location, units]));
}

export async function startFixture(
  seeded: EmulatedProductSeed[],
  options: ShopifyEmulatorOptions & { webhookUrl?: string } = {},
): Promise<Fixture> {
  const emulator = await startShopifyEmulator({ webhookRetryDelaysMs: [10, 20], ...options });
  emulator.seedShop({
    platformShopId: SHOP,
    ...APP,
    accessToken: TOKEN,
    refreshToken: '',
    accessTokenExpiresAtMs: Number.MAX_SAFE_INTEGER,
    webhookUrl: options.webhookUrl ?? null,
    warehouseIds: [LOCATION, SECOND_LOCATION],
  });
  emulator.seedProducts(SHOP, seeded);
  const auth: ShopAuth = {
    ...APP,
    accessToken: TOKEN,
    refreshToken: '',
    accessTokenExpiresAtMs: Number.MAX_SAFE_INTEGER,
    refreshTokenExpiresAtMs: null,
    platformShopId: SHOP,
  };
  return {
    emulator,
    auth,
    connector: (overrides = {}) =>
      shopify.createConnector({
        auth: { ...auth },
        baseUrl: emulator.baseUrl,
        timeoutMs: 3_000,
        ...overrides,
      }),
    graphql: async (query, variables = {}, token = TOKEN) => {
      const response = await fetch(`${emulator.baseUrl}${SHOPIFY_GRAPHQL_PATH}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-shopify-access-token': token },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, body: (await response.json()) as GraphqlAnswer['body'] };
    },
  };
}
