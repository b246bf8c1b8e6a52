/**
 * The flash sale's buyers: 10,000 of them (by default) arrive in waves across five shops, as fast
 * as the machine allows. Demand is uneven, as in real sales (one shop draws more than another),
 * and fixed by a seed, so every scenario of a run (each StockPool policy and the baseline) sees
 * the same buyers at the same shops in the same order, each deciding to pay or not the same way.
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { PlatformName } from '../../src/connectors/contract.ts';
import { seededRandom } from '../../sandbox/kit/faults.ts';

/** The sale's shops: three TikTok Shop and two Shopee shops, with their share of the buyers (%). */
export const SALE_SHOPS: ReadonlyArray<{ platform: PlatformName; key: string; demand: number }> = [
  { platform: 'tiktok-shop', key: 'tt1', demand: 30 },
  { platform: 'tiktok-shop', key: 'tt2', demand: 25 },
  { platform: 'tiktok-shop', key: 'tt3', demand: 15 },
  { platform: 'shopee', key: 'sp1', demand: 20 },
  { platform: 'shopee', key: 'sp2', demand: 10 },
];

export const SALE_SKU = 'FLASH';

export interface Buyer {
  index: number;
  shopIndex: number;
  /** Pays shortly after ordering (if the order is accepted); otherwise leaves it unpaid. */
  pays: boolean;
  payDelayMs: number;
}

export function planBuyers(o: {
  buyers: number;
  seed: number;
  payShare: number;
  payDelayMs: [number, number];
}): Buyer[] {
  const random = seededRandom(o.seed);
  const total = SALE_SHOPS.reduce((sum, s) => sum + s.demand, 0);
  const [minDelay, maxDelay] = o.payDelayMs;
  return Array.from({ length: o.buyers }, (_, index) => {
    let roll = random() * total;
    const shopIndex = SALE_SHOPS.findIndex((s) => (roll -= s.demand) < 0);
    return {
      index,
      shopIndex: shopIndex < 0 ? SALE_SHOPS.length - 1 : shopIndex,
      pays: random() < o.payShare,
      payDelayMs: Math.round(minDelay + random() * (maxDelay - minDelay)),
    };
  });
}

export interface WaveTiming {
  /** From the first wave to the last buyer. */
  elapsedMs: number;
  /** Waves that started more than one wave interval behind their schedule (machine too slow). */
  lateWaves: number;
}

/**
 * Lets the buyers in, `waveSize` at a time, one wave every `waveMs` on an absolute schedule: a
 * wave due while the machine is busy runs as soon as it can, without shifting the later ones.
 */
export async function runWaves(
  buyers: readonly Buyer[],
  o: { waveSize: number; waveMs: number; onWave?: () => void },
  visit: (buyer: Buyer) => void,
): Promise<WaveTiming> {
  const startedAt = performance.now();
  let lateWaves = 0;
  for (let first = 0, wave = 0; first < buyers.length; first += o.waveSize, wave++) {
    const dueAt = startedAt + wave * o.waveMs;
    const waitMs = dueAt - performance.now();
    if (waitMs > 0) await sleep(waitMs);
    else if (-waitMs > o.waveMs) lateWaves += 1;
    if (waitMs <= 0) await new Promise<void>((resolve) => setImmediate(resolve));
    for (const buyer of buyers.slice(first, first + o.waveSize)) visit(buyer);
    o.onWave?.();
  }
  return { elapsedMs: performance.now() - startedAt, lateWaves };
}
