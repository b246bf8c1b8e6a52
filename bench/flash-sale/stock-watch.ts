/**
 * Watches the sale while it runs: every `everyMs` it reads StockPool's balance of the SKU and what
 * each shop shows, keeping the lowest available figure seen (I2: it must never go below 0) and a
 * coarse timeline for the results.
 */
import type { ChannelRig } from '../support/channel-rig.ts';
import type { SaleBook } from './sale-book.ts';

export interface StockSample {
  atMs: number;
  onHand: number;
  reserved: number;
  available: number;
  shown: number[];
  accepted: number;
}

export interface StockWatch {
  readonly samples: StockSample[];
  minAvailable(): number;
  /** ms since the sale opened at which StockPool's available first read 0, or null. */
  firstZeroAtMs(): number | null;
  stop(): Promise<void>;
}

export function watchStock(
  o: { rig: ChannelRig; sku: string; book: SaleBook },
  everyMs: number,
): StockWatch {
  const samples: StockSample[] = [];
  let min = Number.POSITIVE_INFINITY;
  let firstZero: number | null = null;
  let reading: Promise<void> = Promise.resolve();
  const sample = async () => {
    const level = await o.rig.call<{ onHand: number; reserved: number }>('level', o.sku);
    const available = level.onHand - level.reserved;
    const atMs = Math.round(o.book.nowMs());
    min = Math.min(min, available);
    if (available <= 0 && firstZero === null) firstZero = atMs;
    const shown = o.book.observeShown();
    samples.push({ atMs, ...level, available, shown, accepted: o.book.accepted.length });
  };
  const timer = setInterval(() => {
    reading = reading.then(sample).catch(() => undefined);
  }, everyMs);
  return {
    samples,
    minAvailable: () => min,
    firstZeroAtMs: () => firstZero,
    stop: async () => {
      clearInterval(timer);
      await reading;
      await sample();
    },
  };
}
