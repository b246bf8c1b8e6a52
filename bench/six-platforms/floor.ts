/**
 * The floor each origin platform's own event path imposes, measured with StockPool idle just
 * before the orders start: how long the platform's event takes to be delivered and answered (a
 * webhook the emulator already sent to StockPool, re-posted exactly as sent: the same intake path
 * runs and StockPool acknowledges a duplicate), one read of an order through the platform's
 * connector (what StockPool must do before it knows the lines; Amazon: getOrder + getOrderItems),
 * and one stock write (the push every other shop needs). Reads and writes go to a floor shop of
 * each platform of its own, with its own app and rate budget, which no StockPool syncs.
 * Amazon has no webhook: its event waits in SQS for the worker's next queue drain, a wait this
 * file states from the drain interval rather than measures (the run measures it end to end).
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ChannelConnector } from '../../src/connectors/contract.ts';
import { PLATFORM_MODULES } from '../../src/main.ts';
import { redeliverTimed } from '../support/redeliver-webhook.ts';
import { EVENT_QUEUE_INTERVAL_MS } from '../../src/sync/event-queues.ts';
import { PLATFORM_PROFILES, type SandboxPlatform } from '../../sandbox/platform-profiles.ts';
import type { PlatformEmulator } from '../../sandbox/kit/emulator.ts';

const FLOOR_SKU = 'FLOOR';
/** Shop numbers far above the rig's own (it counts from 1), so ids never collide. */
const FLOOR_SHOP_N = 9_000;

export interface FloorSamples {
  /** Webhook re-delivery until StockPool answered; empty for Amazon (no webhook). */
  webhookMs: number[];
  webhookStatuses: number[];
  orderReadMs: number[];
  stockWriteMs: number[];
}

export async function sampleFloor(
  platform: SandboxPlatform,
  emulator: PlatformEmulator,
  samples: number,
): Promise<FloorSamples> {
  const floor = floorShop(platform, emulator);
  const out: FloorSamples = {
    webhookMs: [],
    webhookStatuses: [],
    orderReadMs: [],
    stockWriteMs: [],
  };
  for (let n = 0; n < samples; n++) {
    if (platform !== 'amazon') {
      const sample = await redeliverLastWebhook(emulator);
      if (sample) {
        out.webhookMs.push(sample.ms);
        out.webhookStatuses.push(sample.status);
      }
    }
    out.orderReadMs.push(await timed(() => floor.connector.getOrders([floor.orderId])));
    out.stockWriteMs.push(
      await timed(async () => {
        const item = { warehouseId: floor.warehouseId, quantity: 500 + n };
        const [result] = await floor.connector.setStock([{ listing: floor.ref, stock: [item] }]);
        if (result?.ok !== true) throw new Error(`${platform}: floor stock write failed`);
      }),
    );
    // Spaced out so no sample waits on the previous one's share of a rate bucket.
    await sleep(SPACING_MS[platform] ?? 100);
  }
  return out;
}

/** Amazon's patchListingsItem allows 5/s with a burst of 5: 250 ms apart never waits on it. */
const SPACING_MS: Partial<Record<SandboxPlatform, number>> = { amazon: 250 };

/**
 * What the platform's published limits impose on Amazon, computed, not measured: the SQS wait
 * until the worker's next drain, and the alternative of polling getOrders (1 per minute
 * sustained, burst 20). Both then read the order (getOrder + getOrderItems, 0.5/s, burst 30).
 */
export const AMAZON_COMPUTED = {
  sqsDrainIntervalMs: EVENT_QUEUE_INTERVAL_MS,
  sqsWaitMeanMs: EVENT_QUEUE_INTERVAL_MS / 2,
  sqsWaitWorstMs: EVENT_QUEUE_INTERVAL_MS,
  /** getOrder and getOrderItems, 0.5/s each: one order read costs one of each. */
  sustainedOrderReadsPerSecond: 0.5,
  orderReadBurst: 30,
  /** getOrders at 0.0167/s: a poll at most every 60 s once its burst of 20 is spent. */
  pollIntervalMs: Math.round(1000 / 0.0167),
  pollWaitMeanMs: Math.round(1000 / 0.0167 / 2),
  pollWaitWorstMs: Math.round(1000 / 0.0167),
  pollBurst: 20,
} as const;

function floorShop(platform: SandboxPlatform, emulator: PlatformEmulator) {
  const n = FLOOR_SHOP_N;
  const seeded = PLATFORM_PROFILES[platform].seedShop(emulator, {
    n,
    webhookUrl: null,
    accessTokenExpiresAtMs: Date.now() + 4 * 3600_000,
  });
  const ref = seeded.listingRef(0, FLOOR_SKU);
  emulator.seedProducts(seeded.platformShopId, [
    {
      itemId: ref.itemId,
      title: 'Floor listing',
      variants: [
        {
          variantId: ref.variantId,
          sellerSku: FLOOR_SKU,
          stock: { [seeded.warehouseId]: 1_000 },
        },
      ],
    },
  ]);
  const placed = emulator.placeOrder({
    platformShopId: seeded.platformShopId,
    lines: [{ ...ref, quantity: 1 }],
    paid: true,
  });
  if (!placed.ok) throw new Error(`${platform}: the floor shop refused its order`);
  const { credentials } = seeded;
  const module = PLATFORM_MODULES.find((m) => m.platform === platform);
  if (!module) throw new Error(`no connector for ${platform}`);
  const connector: ChannelConnector = module.createConnector({
    auth: {
      appKey: credentials.appKey,
      appSecret: credentials.appSecret,
      accessToken: credentials.accessToken ?? '',
      refreshToken: credentials.refreshToken ?? '',
      accessTokenExpiresAtMs: Date.now() + 4 * 3600_000,
      refreshTokenExpiresAtMs: null,
      platformShopId: seeded.platformShopId,
      ...(seeded.shopCipher ? { shopCipher: seeded.shopCipher } : {}),
      region: seeded.region,
      ...(credentials.extra ? { extra: credentials.extra } : {}),
    },
    baseUrl: emulator.baseUrl,
    authBaseUrl: emulator.authBaseUrl,
  });
  return { connector, ref, orderId: placed.orderId, warehouseId: seeded.warehouseId };
}

/** The last first-time delivery of the platform's webhooks, posted again and timed. */
async function redeliverLastWebhook(
  emulator: PlatformEmulator,
): Promise<{ ms: number; status: number } | null> {
  const last = emulator
    .webhookDeliveries()
    .filter((d) => d.delivered && d.redelivery !== true)
    .at(-1);
  return last ? redeliverTimed(last) : null;
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const startedAt = performance.now();
  await fn();
  return performance.now() - startedAt;
}
