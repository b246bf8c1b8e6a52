/**
 * R5's watch on what buyers see: every few hundred ms, each listing's shown figure on its
 * platform is compared with what StockPool had available. "Available" is StockPool's pool
 * (on hand − reserved): units the platform sold but StockPool has not read yet are the platform's
 * business (it already took them off its own figure) and are not subtracted. A push is an
 * absolute figure computed from the pool just before the call (ADR 0004), so a figure may land up
 * to one call's flight after the pool moved: the ceiling is the most StockPool had available at
 * any moment of the last `flightMs` (walked back through the ledger, so a rise and fall between
 * two samples counts), up to the read taken right after the shown figures. An excess is classed: `pushFailed` (StockPool knows the push failed and waits to retry:
 * without compare-and-set the old figure stays until the retry lands), `platformCancel` (the
 * platform put a cancelled order's units back on sale within the window, before StockPool read
 * the cancellation), else `unexplained` — a failure.
 */
import type { EmulatedShop } from '../support/channel-rig.ts';
import type { Sample } from './side-queries.ts';

export interface OverShown {
  samples: number;
  maxExcess: number;
}

export interface ShownWatchReport {
  samples: number;
  listingChecks: number;
  pushFailed: OverShown;
  platformCancel: OverShown;
  unexplained: OverShown;
  examples: string[];
}

export interface CancelRecord {
  atMs: number;
  platformShopId: string;
  sku: string | null;
  units: number;
}

export class ShownWatch {
  readonly report: ShownWatchReport = {
    samples: 0,
    listingChecks: 0,
    pushFailed: { samples: 0, maxExcess: 0 },
    platformCancel: { samples: 0, maxExcess: 0 },
    unexplained: { samples: 0, maxExcess: 0 },
    examples: [],
  };

  constructor(
    private readonly shops: Array<EmulatedShop & { shopId: string }>,
    private readonly flightMs: number,
  ) {}

  /** One check: `before` read, then the platforms' figures, then `after` read. */
  async check(
    read: (peakWindowMs: number) => Promise<Sample>,
    cancels: (sinceMs: number) => CancelRecord[],
  ): Promise<void> {
    const before = await read(this.flightMs);
    const shownAt = Date.now();
    const shown = new Map(
      before.listings.map((l) => [l.listingId, this.shopOf(l.shopId)?.shown(l.sku) ?? 0]),
    );
    const after = await read(this.flightMs);
    const recentCancels = cancels(shownAt - this.flightMs);
    const unconfirmedAfter = new Set(
      after.listings.filter((l) => l.unconfirmed).map((l) => l.listingId),
    );
    this.report.samples += 1;
    for (const l of before.listings) {
      this.report.listingChecks += 1;
      const ceiling = Math.max(before.peakAvailable[l.sku] ?? 0, after.peakAvailable[l.sku] ?? 0);
      const excess = (shown.get(l.listingId) ?? 0) - ceiling;
      if (excess <= 0) continue;
      const shop = this.shopOf(l.shopId);
      const cancelled = recentCancels
        .filter((c) => c.platformShopId === shop?.platformShopId && (c.sku ?? l.sku) === l.sku)
        .reduce((sum, c) => sum + c.units, 0);
      const kind =
        l.unconfirmed || unconfirmedAfter.has(l.listingId)
          ? 'pushFailed'
          : cancelled >= excess
            ? 'platformCancel'
            : 'unexplained';
      const bucket = this.report[kind];
      bucket.samples += 1;
      bucket.maxExcess = Math.max(bucket.maxExcess, excess);
      if (kind === 'unexplained' && this.report.examples.length < 10)
        this.report.examples.push(
          `${shop?.access.key}/${l.sku}: shown ${shown.get(l.listingId)} > available ≤ ${ceiling} at ${new Date(shownAt).toISOString()}`,
        );
    }
  }

  private shopOf(shopId: string) {
    return this.shops.find((s) => s.shopId === shopId);
  }
}
