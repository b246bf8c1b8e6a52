/**
 * The floor, measured in the same run: what any sync must spend between a sale and another shop
 * showing it. One webhook delivery (the platform's signed POST to StockPool, until answered: a
 * re-delivery of a webhook the emulator just sent, exactly as sent, so the same path runs;
 * StockPool acknowledges it as a duplicate) and one API round trip (a stock update through a
 * connector against the emulator, with the same injected latency, on shops of their own so they
 * use no shop's rate budget). Samples alternate between the platforms. The floor proper is
 * sampled just before the burst, StockPool idle; samples taken during the burst are kept apart:
 * there the webhook's answer also waits on StockPool's busy intake, which is StockPool's own cost.
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ChannelConnector, PlatformName } from '../../src/connectors/contract.ts';
import type { EmulatedShop, Emulators } from '../support/channel-rig.ts';
import { redeliverTimed } from '../support/redeliver-webhook.ts';

export const FLOOR_SKU = 'FLOOR';

export type FloorPhase = 'quiet' | 'burst';

export interface FloorSamples {
  apiRoundTripMs: Array<{ phase: FloorPhase; platform: PlatformName; ms: number; ok: boolean }>;
  webhookMs: Array<{ phase: FloorPhase; platform: PlatformName; ms: number; status: number }>;
  /** Stock updates the floor sent during the burst, per platform (subtracted from the counts). */
  stockCalls: Partial<Record<PlatformName, number>>;
}

export class FloorSampler {
  readonly samples: FloorSamples = {
    apiRoundTripMs: [],
    webhookMs: [],
    stockCalls: { 'tiktok-shop': 0, shopee: 0 },
  };
  private running = false;
  private loop: Promise<void> = Promise.resolve();
  private phase: FloorPhase = 'quiet';
  private readonly targets: Array<{ shop: EmulatedShop; connector: ChannelConnector }>;

  constructor(
    private readonly o: { shops: readonly EmulatedShop[]; emulators: Emulators; everyMs: number },
  ) {
    this.targets = o.shops.map((shop) => ({ shop, connector: shop.connector() }));
  }

  /** Before the burst: `rounds` samples of each kind, one round every `everyMs`. */
  async sampleQuiet(rounds: number): Promise<void> {
    this.phase = 'quiet';
    for (let n = 0; n < rounds; n++) await this.round(n);
  }

  /** During the burst: a round every `everyMs` until stopped. */
  start(): void {
    this.phase = 'burst';
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }

  private async run(): Promise<void> {
    for (let n = 0; this.running; n++) await this.round(n);
  }

  private async round(n: number): Promise<void> {
    const startedAt = Date.now();
    const target = this.targets[n % this.targets.length];
    if (target)
      await Promise.all([this.roundTrip(target, n), this.redeliver(target.shop.access.platform)]);
    await sleep(Math.max(0, this.o.everyMs - (Date.now() - startedAt)));
  }

  private async roundTrip(
    target: { shop: EmulatedShop; connector: ChannelConnector },
    n: number,
  ): Promise<void> {
    const { shop, connector } = target;
    if (this.phase === 'burst') {
      const platform = shop.access.platform;
      this.samples.stockCalls[platform] = (this.samples.stockCalls[platform] ?? 0) + 1;
    }
    const startedAt = performance.now();
    const item = {
      listing: shop.ref(FLOOR_SKU),
      stock: [{ warehouseId: shop.access.platformWarehouseId, quantity: 1_000 + (n % 7) }],
    };
    const [result] = await connector.setStock([item]).catch(() => [undefined]);
    const ms = performance.now() - startedAt;
    const sample = {
      phase: this.phase,
      platform: shop.access.platform,
      ms,
      ok: result?.ok === true,
    };
    this.samples.apiRoundTripMs.push(sample);
  }

  private async redeliver(platform: PlatformName): Promise<void> {
    const delivered = this.o.emulators.of(platform).webhookDeliveries();
    const last = delivered.filter((d) => d.delivered).at(-1);
    if (!last) return;
    const { ms, status } = await redeliverTimed(last);
    this.samples.webhookMs.push({ phase: this.phase, platform, ms, status });
  }
}
