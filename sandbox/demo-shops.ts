/**
 * The sandbox's shops: an emulated TikTok Shop and an emulated Shopee shop on fixed local ports,
 * connected to the demo tenant and listing the demo catalogue, with buyers who place a trickle of
 * orders (some paid, some cancelled), so a newcomer sees a sale on one shop lower the other.
 * Emulators keep their state in memory: each start seeds them again, and reconciliation brings
 * their shown stock back to the pool's figures.
 */
import type { StockPool } from '../src/main.ts';
import { findShopByPlatformId, updateShopFields } from '../src/store/shops-repo.ts';
import type { PlatformEmulator } from './kit/emulator.ts';
import { startShopeeEmulator } from './shopee/index.ts';
import { startTikTokShopEmulator } from './tiktok-shop/server.ts';

/** Demo SKUs the emulated shops list (codes from demo-data.ts). */
export const DEMO_LISTED_SKUS = [
  'PC-IP15-BLK',
  'PC-IP15-CLR',
  'PC-S24-BLK',
  'CB-USBC-1M',
  'CH-GAN-20W',
  'EB-TWS-WHT',
  'KIT-IP15-START',
];

interface DemoShop {
  platform: 'tiktok-shop' | 'shopee';
  name: string;
  region: string;
  platformShopId: string;
  platformWarehouseId: string;
  appKey: string;
  appSecret: string;
}

const SHOPS: DemoShop[] = [
  {
    platform: 'tiktok-shop',
    name: 'TikTok Shop UK (sandbox)',
    region: 'GB',
    platformShopId: '7494000000000001',
    platformWarehouseId: 'TT-WH-1',
    appKey: 'sandboxapp',
    appSecret: 'sandbox-tiktok-secret',
  },
  {
    platform: 'shopee',
    name: 'Shopee SG (sandbox)',
    region: 'SG',
    platformShopId: '14700001',
    platformWarehouseId: 'SG-LOC-1',
    appKey: '2000001',
    appSecret: 'sandbox-shopee-partner-key',
  },
];

export interface SandboxOptions {
  tenantId: string;
  /** Where StockPool's API listens (webhooks go to <apiUrl>/webhooks/<platform>). */
  apiUrl: string;
  ports: { tiktokShop: number; shopee: number };
  ordersPerMinute: number;
  /** The warehouses the demo shops ship from, in priority order. */
  warehouses?: string[];
}

export interface Sandbox {
  emulators: PlatformEmulator[];
  /** A buyer orders one unit of a random listed SKU on the given (or a random) emulated shop. */
  placeDemoOrder(platform?: 'tiktok-shop' | 'shopee'): { platform: string; orderId: string } | null;
  stop(): Promise<void>;
}

export async function startSandbox(pool: StockPool, o: SandboxOptions): Promise<Sandbox> {
  const tiktok = await startTikTokShopEmulator({
    port: o.ports.tiktokShop,
    webhookRetryDelaysMs: [2_000, 10_000, 60_000],
  });
  const shopee = await startShopeeEmulator({
    port: o.ports.shopee,
    webhookRetryDelaysMs: [2_000, 10_000, 60_000],
  });
  const emulatorOf = (platform: string) => (platform === 'tiktok-shop' ? tiktok : shopee);
  const expiresAtMs = Date.now() + 365 * 24 * 3600_000;
  for (const shop of SHOPS) {
    const emulator = emulatorOf(shop.platform);
    const tokens = {
      accessToken: `sandbox-access-${shop.platformShopId}`,
      refreshToken: `sandbox-refresh-${shop.platformShopId}`,
    };
    emulator.seedShop({
      platformShopId: shop.platformShopId,
      shopCipher: `cipher-${shop.platformShopId}`,
      appKey: shop.appKey,
      appSecret: shop.appSecret,
      ...tokens,
      accessTokenExpiresAtMs: expiresAtMs,
      webhookUrl: `${o.apiUrl}/webhooks/${shop.platform}`,
      warehouseIds: [shop.platformWarehouseId],
    });
    emulator.seedProducts(
      shop.platformShopId,
      DEMO_LISTED_SKUS.map((code, i) => ({
        itemId: `${shop.platformShopId.slice(-4)}${String(i + 1).padStart(4, '0')}`,
        title: code,
        variants: [
          {
            variantId: `${shop.platformShopId.slice(-3)}${String(i + 1).padStart(5, '0')}`,
            sellerSku: code,
            stock: { [shop.platformWarehouseId]: 0 },
          },
        ],
      })),
    );
    await connectOnce(pool, o, { ...shop, ...tokens, expiresAtMs, baseUrl: emulator.baseUrl });
  }
  const placeDemoOrder = (platform?: 'tiktok-shop' | 'shopee') =>
    placeRandomOrder(SHOPS, emulatorOf, platform);
  const timer =
    o.ordersPerMinute > 0
      ? setInterval(
          () => void buyerActivity(placeDemoOrder, emulatorOf),
          60_000 / o.ordersPerMinute,
        )
      : null;
  timer?.unref();
  return {
    emulators: [tiktok, shopee],
    placeDemoOrder,
    stop: async () => {
      if (timer) clearInterval(timer);
      await Promise.all([tiktok.close(), shopee.close()]);
    },
  };
}

async function connectOnce(
  pool: StockPool,
  o: SandboxOptions,
  shop: DemoShop & {
    accessToken: string;
    refreshToken: string;
    expiresAtMs: number;
    baseUrl: string;
  },
): Promise<void> {
  const actor = { tenantId: o.tenantId, name: 'sandbox' };
  const existing = await findShopByPlatformId(pool.database.db, shop.platform, shop.platformShopId);
  if (existing) {
    // The emulator listens on the same fixed port each start; keep the shop pointed at it.
    if (existing.apiBaseUrl !== shop.baseUrl)
      await updateShopFields(
        pool.database.db,
        existing.id,
        { apiBaseUrl: shop.baseUrl },
        Date.now(),
      );
    return;
  }
  const connected = await pool.sync.shops.connect(actor, {
    platform: shop.platform,
    name: shop.name,
    region: shop.region,
    platformShopId: shop.platformShopId,
    shopCipher: `cipher-${shop.platformShopId}`,
    apiBaseUrl: shop.baseUrl,
    credentials: {
      appKey: shop.appKey,
      appSecret: shop.appSecret,
      accessToken: shop.accessToken,
      refreshToken: shop.refreshToken,
      accessTokenExpiresAt: new Date(shop.expiresAtMs).toISOString(),
    },
    warehouses: (o.warehouses ?? ['SZ']).map((code) => ({
      code,
      platformWarehouseId: shop.platformWarehouseId,
    })),
    settings: { reconcileIntervalSeconds: 30 },
  });
  if (connected.ok) await pool.sync.listings.importCatalogue(actor, connected.value.id);
}

function placeRandomOrder(
  shops: DemoShop[],
  emulatorOf: (platform: string) => PlatformEmulator,
  platform?: 'tiktok-shop' | 'shopee',
): { platform: string; orderId: string } | null {
  const candidates = platform ? shops.filter((s) => s.platform === platform) : shops;
  const shop = candidates[Math.floor(Math.random() * candidates.length)];
  if (!shop) return null;
  const emulator = emulatorOf(shop.platform);
  const index = Math.floor(Math.random() * DEMO_LISTED_SKUS.length);
  const ref = {
    itemId: `${shop.platformShopId.slice(-4)}${String(index + 1).padStart(4, '0')}`,
    variantId: `${shop.platformShopId.slice(-3)}${String(index + 1).padStart(5, '0')}`,
  };
  const placed = emulator.placeOrder({
    platformShopId: shop.platformShopId,
    lines: [{ ...ref, quantity: 1 }],
  });
  return placed.ok ? { platform: shop.platform, orderId: placed.orderId } : null;
}

/** One buyer: orders; most pay a few seconds later, some cancel instead. */
async function buyerActivity(
  place: () => { platform: string; orderId: string } | null,
  emulatorOf: (platform: string) => PlatformEmulator,
): Promise<void> {
  const order = place();
  if (!order) return;
  const shop = SHOPS.find((s) => s.platform === order.platform);
  if (!shop) return;
  await new Promise((resolve) => setTimeout(resolve, 3_000).unref());
  const emulator = emulatorOf(order.platform);
  if (Math.random() < 0.15) emulator.cancelOrderAsBuyer(shop.platformShopId, order.orderId);
  else emulator.payOrder(shop.platformShopId, order.orderId);
}
