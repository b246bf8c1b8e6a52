/**
 * The sandbox's shops: one emulated shop on each of the six platforms (TikTok Shop, Shopee,
 * Lazada, Amazon, Shopify, WooCommerce) on fixed local ports, connected to the demo tenant and
 * listing the demo catalogue, with buyers who place a trickle of orders (some paid, some
 * cancelled), so a newcomer sees a sale on one shop lower the others.
 * Emulators keep their state in memory: each start seeds them again, and reconciliation brings
 * their shown stock back to the pool's figures.
 */
import type { StockPool } from '../src/main.ts';
import { findShopByPlatformId, updateShopFields } from '../src/store/shops-repo.ts';
import type { PlatformEmulator } from './kit/emulator.ts';
import {
  PLATFORM_PROFILES,
  SANDBOX_PLATFORMS,
  type SandboxPlatform,
  type SeededShop,
} from './platform-profiles.ts';

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

const DEMO_SHOP_NAMES: Record<SandboxPlatform, string> = {
  'tiktok-shop': 'TikTok Shop UK (sandbox)',
  shopee: 'Shopee SG (sandbox)',
  lazada: 'Lazada SG (sandbox)',
  amazon: 'Amazon US (sandbox)',
  shopify: 'Shopify store (sandbox)',
  woocommerce: 'WooCommerce store (sandbox)',
};

export interface SandboxOptions {
  tenantId: string;
  /** Where StockPool's API listens (webhooks go to <apiUrl>/webhooks/<platform>). */
  apiUrl: string;
  /** Each emulated platform's port (0: any free one). */
  ports: Record<SandboxPlatform, number>;
  ordersPerMinute: number;
  /** The warehouses the demo shops ship from, in priority order. */
  warehouses?: string[];
}

export interface Sandbox {
  emulators: PlatformEmulator[];
  /** A buyer orders one unit of a random listed SKU on the given (or a random) emulated shop. */
  placeDemoOrder(platform?: SandboxPlatform): { platform: string; orderId: string } | null;
  stop(): Promise<void>;
}

interface DemoShop {
  platform: SandboxPlatform;
  emulator: PlatformEmulator;
  seeded: SeededShop;
}

export async function startSandbox(pool: StockPool, o: SandboxOptions): Promise<Sandbox> {
  const emulators: PlatformEmulator[] = [];
  const shops: DemoShop[] = [];
  try {
    for (const platform of SANDBOX_PLATFORMS) {
      const emulator = await PLATFORM_PROFILES[platform].start({
        port: o.ports[platform],
        webhookRetryDelaysMs: [2_000, 10_000, 60_000],
      });
      emulators.push(emulator);
      shops.push({ platform, emulator, seeded: seedDemoShop(platform, emulator, o.apiUrl) });
    }
  } catch (error) {
    await Promise.all(emulators.map((e) => e.close()));
    throw error;
  }
  for (const shop of shops) await connectOnce(pool, o, shop);
  const placeDemoOrder = (platform?: SandboxPlatform) => placeRandomOrder(shops, platform);
  const timer =
    o.ordersPerMinute > 0
      ? setInterval(() => void buyerActivity(shops, placeDemoOrder), 60_000 / o.ordersPerMinute)
      : null;
  timer?.unref();
  return {
    emulators,
    placeDemoOrder,
    stop: async () => {
      if (timer) clearInterval(timer);
      await Promise.all(emulators.map((e) => e.close()));
    },
  };
}

/** The platform's one demo shop, listing the demo SKUs with nothing shown until StockPool pushes. */
function seedDemoShop(
  platform: SandboxPlatform,
  emulator: PlatformEmulator,
  apiUrl: string,
): SeededShop {
  const seeded = PLATFORM_PROFILES[platform].seedShop(emulator, {
    n: 1,
    webhookUrl: `${apiUrl}/webhooks/${platform}`,
    // The sandbox's tokens outlive any demo; the emulators forget them at each stop.
    accessTokenExpiresAtMs: Date.now() + 365 * 24 * 3600_000,
  });
  emulator.seedProducts(
    seeded.platformShopId,
    DEMO_LISTED_SKUS.map((code, i) => {
      const ref = seeded.listingRef(i, code);
      return {
        itemId: ref.itemId,
        title: code,
        variants: [
          { variantId: ref.variantId, sellerSku: code, stock: { [seeded.warehouseId]: 0 } },
        ],
      };
    }),
  );
  return seeded;
}

async function connectOnce(pool: StockPool, o: SandboxOptions, shop: DemoShop): Promise<void> {
  const actor = { tenantId: o.tenantId, name: 'sandbox' };
  const { seeded, emulator } = shop;
  const existing = await findShopByPlatformId(
    pool.database.db,
    shop.platform,
    seeded.platformShopId,
  );
  if (existing) {
    // The emulator starts afresh on its fixed port each time: point the shop at it again and
    // give it the keys and tokens the emulator was just seeded with.
    if (existing.apiBaseUrl !== emulator.baseUrl)
      await updateShopFields(
        pool.database.db,
        existing.id,
        { apiBaseUrl: emulator.baseUrl },
        Date.now(),
      );
    await pool.sync.shops.update(actor, existing.id, { credentials: seeded.credentials });
    return;
  }
  const connected = await pool.sync.shops.connect(actor, {
    platform: shop.platform,
    name: DEMO_SHOP_NAMES[shop.platform],
    region: seeded.region,
    platformShopId: seeded.platformShopId,
    shopCipher: seeded.shopCipher,
    apiBaseUrl: emulator.baseUrl,
    credentials: seeded.credentials,
    warehouses: (o.warehouses ?? ['SZ']).map((code) => ({
      code,
      platformWarehouseId: seeded.warehouseId,
    })),
    settings: { reconcileIntervalSeconds: 30 },
  });
  if (connected.ok) await pool.sync.listings.importCatalogue(actor, connected.value.id);
}

function placeRandomOrder(
  shops: DemoShop[],
  platform?: SandboxPlatform,
): { platform: string; orderId: string } | null {
  const candidates = platform ? shops.filter((s) => s.platform === platform) : shops;
  const shop = candidates[Math.floor(Math.random() * candidates.length)];
  if (!shop) return null;
  const index = Math.floor(Math.random() * DEMO_LISTED_SKUS.length);
  const placed = shop.emulator.placeOrder({
    platformShopId: shop.seeded.platformShopId,
    lines: [{ ...shop.seeded.listingRef(index, DEMO_LISTED_SKUS[index]!), quantity: 1 }],
  });
  return placed.ok ? { platform: shop.platform, orderId: placed.orderId } : null;
}

/** One buyer: orders; most pay a few seconds later, some cancel instead. */
async function buyerActivity(
  shops: DemoShop[],
  place: () => { platform: string; orderId: string } | null,
): Promise<void> {
  const order = place();
  if (!order) return;
  const shop = shops.find((s) => s.platform === order.platform);
  if (!shop) return;
  await new Promise((resolve) => setTimeout(resolve, 3_000).unref());
  const shopId = shop.seeded.platformShopId;
  if (Math.random() < 0.15) shop.emulator.cancelOrderAsBuyer(shopId, order.orderId);
  else shop.emulator.payOrder(shopId, order.orderId);
}
