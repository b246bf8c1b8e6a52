/**
 * Stock-take: the seller counts what is on the shelf; the ledger records the difference.
 */
import { fail, succeed, type Outcome } from './outcome.ts';
import type { StockLevel } from './stock-level.ts';

export interface StocktakeAdjustment {
  /** counted − on_hand before the count; zero when the count matches. */
  delta: number;
}

/**
 * The adjustment that brings on_hand to `counted`. A count below what open holds reserve would
 * leave available negative, so it is refused unless the seller explicitly accepts the shortfall
 * (or the SKU allows back-orders).
 */
export function stocktakeAdjustment(
  level: StockLevel,
  counted: number,
  options: { allowShortfall: boolean },
): Outcome<StocktakeAdjustment> {
  if (counted < level.reserved && !options.allowShortfall) {
    return fail('COUNT_BELOW_RESERVED', { counted, reserved: level.reserved });
  }
  return succeed({ delta: counted - level.onHand });
}
