/**
 * How each emulated platform is started and how a shop is set up on it: the ids, keys and tokens
 * that platform issues and the settings StockPool needs to connect the shop. The sandbox
 * (`npm start`) and the end-to-end tests both build their shops from here, so a shop of any of
 * the six platforms is made the same way everywhere.
 */
import { PLATFORMS, type PlatformName } from '../src/connectors/contract.ts';
import type { ConnectShopInput } from '../src/sync/shop-service.ts';
import { startAmazonEmulator, type AmazonEmulator } from './amazon/index.ts';
import type { EmulatorOptions, PlatformEmulator } from './kit/emulator.ts';
import { startLazadaEmulator } from './lazada/server.ts';
import { startShopeeEmulator } from './shopee/index.ts';
import { startShopifyEmulator } from './shopify/server.ts';
import { startTikTokShopEmulator } from './tiktok-shop/server.ts';
import { startWooCommerceEmulator } from './woocommerce/server.ts';

/** The sandbox emulates every platform StockPool speaks to. */
export const SANDBOX_PLATFORMS = PLATFORMS;
export type SandboxPlatform = PlatformName;

/** The platforms' own names (brand names: the same in every language). */
export const PLATFORM_DISPLAY_NAMES: Record<SandboxPlatform, string> = {
  'tiktok-shop': 'TikTok Shop',
  shopee: 'Shopee',
  lazada: 'Lazada',
  amazon: 'Amazon',
  shopify: 'Shopify',
  woocommerce: 'WooCommerce',
};

export interface ShopSeedInput {
  /** A number unique among the shops of one emulator: every id and key is derived from it. */
  n: number;
  /** Where the platform sends this shop's events (Amazon: any non-null value subscribes it). */
  webhookUrl: string | null;
  accessTokenExpiresAtMs: number;
}

/** A shop as the emulator now knows it, and what connecting it to StockPool takes. */
export interface SeededShop {
  platformShopId: string;
  region: string;
  shopCipher: string | null;
  /** The platform's warehouse / location id the shop's stock is kept under. */
  warehouseId: string;
  credentials: ConnectShopInput['credentials'];
  /** The listing ids for the i-th product of a seller SKU code (platforms name them differently). */
  listingRef(index: number, sellerSku: string): { itemId: string; variantId: string };
}

export interface PlatformProfile {
  platform: SandboxPlatform;
  start(options: EmulatorOptions): Promise<PlatformEmulator>;
  /** Seeds a shop (no products) on a running emulator of this platform. */
  seedShop(emulator: PlatformEmulator, input: ShopSeedInput): SeededShop;
}

const numericRef = (n: number) => (index: number) => ({
  itemId: String(100_000 * n + index + 1),
  variantId: String(500_000 * n + index + 1),
});

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/**
 * Seeds the shop on its emulator and says how StockPool connects it. Tokens are the platform's
 * own: with a refresh token the access token expires when the input says; without one (a Shopify
 * offline token, WooCommerce's keys) nothing expires and no expiry is given.
 */
function seededShop(
  emulator: PlatformEmulator,
  input: ShopSeedInput,
  shop: Omit<SeededShop, 'credentials'> & {
    appKey: string;
    appSecret: string;
    accessToken?: string;
    refreshToken?: string;
    extra?: Record<string, string>;
  },
): SeededShop {
  const expiresAtMs = shop.refreshToken ? input.accessTokenExpiresAtMs : Number.MAX_SAFE_INTEGER;
  emulator.seedShop({
    platformShopId: shop.platformShopId,
    ...(shop.shopCipher ? { shopCipher: shop.shopCipher } : {}),
    region: shop.region,
    appKey: shop.appKey,
    appSecret: shop.appSecret,
    accessToken: shop.accessToken ?? '',
    refreshToken: shop.refreshToken ?? '',
    accessTokenExpiresAtMs: expiresAtMs,
    webhookUrl: input.webhookUrl,
    warehouseIds: [shop.warehouseId],
  });
  return {
    platformShopId: shop.platformShopId,
    region: shop.region,
    shopCipher: shop.shopCipher,
    warehouseId: shop.warehouseId,
    credentials: {
      appKey: shop.appKey,
      appSecret: shop.appSecret,
      ...(shop.accessToken ? { accessToken: shop.accessToken } : {}),
      ...(shop.refreshToken
        ? { refreshToken: shop.refreshToken, accessTokenExpiresAt: iso(expiresAtMs) }
        : {}),
      ...(shop.extra ? { extra: shop.extra } : {}),
    },
    listingRef: shop.listingRef,
  };
}

export const PLATFORM_PROFILES: Record<SandboxPlatform, PlatformProfile> = {
  'tiktok-shop': {
    platform: 'tiktok-shop',
    start: startTikTokShopEmulator,
    seedShop: (emulator, input) =>
      seededShop(emulator, input, {
        platformShopId: `7494${String(input.n).padStart(12, '0')}`,
        region: 'GB',
        shopCipher: `ROW_cipher${input.n}`,
        warehouseId: `TT-WH-${input.n}`,
        appKey: `sandboxapp${input.n}`,
        appSecret: `sandbox-tiktok-secret-${input.n}`,
        accessToken: `TTP_access_${input.n}`,
        refreshToken: `TTP_refresh_${input.n}`,
        listingRef: numericRef(input.n),
      }),
  },
  shopee: {
    platform: 'shopee',
    start: startShopeeEmulator,
    seedShop: (emulator, input) =>
      seededShop(emulator, input, {
        platformShopId: String(14_700_000 + input.n),
        region: 'SG',
        shopCipher: null,
        warehouseId: `SG-LOC-${input.n}`,
        appKey: String(2_000_000 + input.n),
        appSecret: `sandbox-shopee-partner-key-${input.n}`,
        accessToken: `shopee-access-${input.n}`,
        refreshToken: `shopee-refresh-${input.n}`,
        listingRef: numericRef(input.n),
      }),
  },
  lazada: {
    platform: 'lazada',
    start: startLazadaEmulator,
    seedShop: (emulator, input) =>
      seededShop(emulator, input, {
        // The seller_id names the shop in Lazada's pushes.
        platformShopId: String(100_200_300 + input.n),
        region: 'SG',
        shopCipher: null,
        warehouseId: 'dropshipping',
        appKey: String(100_100 + input.n),
        appSecret: `sandbox-lazada-app-secret-${input.n}`,
        accessToken: `50000601a${String(input.n).padStart(6, '0')}access`,
        refreshToken: `50001601b${String(input.n).padStart(6, '0')}refresh`,
        listingRef: numericRef(input.n),
      }),
  },
  amazon: {
    platform: 'amazon',
    start: startAmazonEmulator,
    seedShop: (emulator, input) => {
      // One app per shop: each app has its own notification queue.
      const appKey = `amzn1.application-oa2-client.sandbox${input.n}`;
      const appSecret = `amzn1.oa2-cs.v1.sandbox-secret-${input.n}`;
      const sqs = (emulator as AmazonEmulator).sqsSettingsFor(appKey, appSecret);
      return seededShop(emulator, input, {
        platformShopId: `A${String(1_000_000 + input.n)}SANDBOX`,
        region: 'US',
        shopCipher: null,
        warehouseId: 'DEFAULT',
        appKey,
        appSecret,
        accessToken: `Atza|sandbox-${input.n}`,
        refreshToken: `Atzr|sandbox-${input.n}`,
        extra: { ...sqs, sqsWaitTimeSeconds: '0' },
        // Amazon names a listing by ASIN and the seller's own SKU.
        listingRef: (index, sellerSku) => ({
          itemId: `B0${String(input.n).padStart(3, '0')}${String(index + 1).padStart(5, '0')}`,
          variantId: sellerSku,
        }),
      });
    },
  },
  shopify: {
    platform: 'shopify',
    start: startShopifyEmulator,
    // An offline access token: it does not expire and there is nothing to refresh it with.
    seedShop: (emulator, input) =>
      seededShop(emulator, input, {
        platformShopId: `sandbox-${input.n}.myshopify.com`,
        region: 'US',
        shopCipher: null,
        warehouseId: String(61_512_350_000 + input.n),
        appKey: `c0ffee${String(input.n).padStart(10, '0')}`,
        appSecret: `shpss_sandbox_client_secret_${input.n}`,
        accessToken: `shpat_sandbox_${String(input.n).padStart(6, '0')}`,
        listingRef: numericRef(input.n),
      }),
  },
  woocommerce: {
    platform: 'woocommerce',
    start: startWooCommerceEmulator,
    seedShop: (emulator, input) => {
      // The store's own URL names the shop; consumer keys never expire.
      const suffix = `${String(input.n).padStart(4, '0')}0123456789abcdef01234567`;
      return seededShop(emulator, input, {
        platformShopId: `https://sandbox-store-${input.n}.example`,
        region: 'US',
        shopCipher: null,
        warehouseId: 'default',
        appKey: `ck_sandbox${suffix}`,
        appSecret: `cs_sandbox${suffix}`,
        listingRef: numericRef(input.n),
      });
    },
  },
};

/** One line per running emulator: its platform and address (for the CLI's start-up lines). */
export function describeEmulators(emulators: PlatformEmulator[]): string {
  return emulators.map((e) => `  ${PLATFORM_DISPLAY_NAMES[e.platform]}: ${e.baseUrl}`).join('\n');
}
