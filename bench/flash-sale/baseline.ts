/**
 * The baseline: what sellers do without a shared pool. Each shop keeps its own stock of the SKU,
 * split equally at the start, and the seller reconciles by hand every so often: reads how much
 * sold in total, subtracts it from the real stock, divides what is left equally and types each
 * shop's figure into its back office, one shop after another (an absolute figure, as the back
 * office takes it). Sales made between the reading and the typing are overwritten, so the shops
 * together can accept more orders than there are units: those are the baseline's oversells.
 * Time is scaled: the seller works `timeScale` times faster than a person, as the sale is.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { seedEmulatedShop, startEmulators, type EmulatedShop } from '../support/channel-rig.ts';
import { planBuyers, runWaves, SALE_SHOPS, SALE_SKU } from './buyers.ts';
import type { FlashSaleOptions } from './options.ts';
import { SaleBook } from './sale-book.ts';

export interface BaselineResult {
  buyers: number;
  refused: number;
  accepted: number;
  acceptedByShop: number[];
  /** Orders accepted beyond the real units: each one a buyer the seller must disappoint. */
  oversold: number;
  undersold: number;
  polls: number;
  pollEveryMs: number;
  typingMs: number;
  streamMs: number;
  lateWaves: number;
  minShown: number;
  finalShown: number[];
}

export async function runBaseline(options: FlashSaleOptions): Promise<BaselineResult> {
  const emulators = await startEmulators();
  try {
    const opening = splitEqually(options.units, SALE_SHOPS.length);
    const shops = SALE_SHOPS.map((s, i) =>
      seedEmulatedShop(emulators, {
        ...s,
        skus: [SALE_SKU],
        shown: opening[i] ?? 0,
        webhookUrl: null,
      }),
    );
    const book = new SaleBook(shops);
    const pollEveryMs = (options.pollEverySellerSeconds * 1000) / options.timeScale;
    const typingMs = (options.typingSellerSeconds * 1000) / options.timeScale;
    const seller = { stopped: false, polls: 0 };
    const polling = pollByHand(book, { units: options.units, pollEveryMs, typingMs, seller });
    const waves = await runWaves(
      planBuyers(options),
      { ...options, onWave: () => book.observeShown() },
      (buyer) => void book.visit(buyer),
    );
    seller.stopped = true;
    await polling;
    const accepted = book.accepted.length;
    return {
      buyers: options.buyers,
      refused: book.refused,
      accepted,
      acceptedByShop: book.acceptedByShop(),
      oversold: Math.max(0, accepted - options.units),
      undersold: book.refused > 0 ? Math.max(0, options.units - accepted) : 0,
      polls: seller.polls,
      pollEveryMs: Math.round(pollEveryMs),
      typingMs: Math.round(typingMs),
      streamMs: Math.round(waves.elapsedMs),
      lateWaves: waves.lateWaves,
      minShown: book.minShown,
      finalShown: book.observeShown(),
    };
  } finally {
    await emulators.close();
  }
}

/** Every `pollEveryMs`: read total sold, split what is left, type it into each shop in turn. */
async function pollByHand(
  book: SaleBook,
  o: {
    units: number;
    pollEveryMs: number;
    typingMs: number;
    seller: { stopped: boolean; polls: number };
  },
): Promise<void> {
  for (let round = 1; ; round++) {
    const waitMs = round * o.pollEveryMs - book.nowMs();
    if (waitMs > 0) await sleep(waitMs);
    if (o.seller.stopped) return;
    o.seller.polls += 1;
    const sold = book.accepted.length;
    const figures = splitEqually(Math.max(0, o.units - sold), book.shops.length);
    for (const [i, shop] of book.shops.entries()) {
      await sleep(o.typingMs);
      typeFigure(shop, figures[i] ?? 0);
    }
  }
}

/** The seller overwrites what the back office shows (absolute, like the platforms' own forms). */
function typeFigure(shop: EmulatedShop, quantity: number): void {
  shop.emulator.setShownStock(
    shop.platformShopId,
    shop.ref(SALE_SKU),
    shop.access.platformWarehouseId,
    quantity,
  );
}

/** `total` split into `parts` whole shares differing by at most one, the larger ones first. */
export function splitEqually(total: number, parts: number): number[] {
  const base = Math.floor(total / parts);
  const extra = total - base * parts;
  return Array.from({ length: parts }, (_, i) => base + (i < extra ? 1 : 0));
}
