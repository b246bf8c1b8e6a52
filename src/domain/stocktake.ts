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
 * leave available negative — orders promised goods that are not there — so it is refused unless
 * the SKU allows back-orders: the seller first releases (cancels) the orders that cannot be
 * filled, then records the count. Available never goes below zero otherwise (I2).
 */
export function stocktakeAdjustment(
  level: StockLevel,
  counted: number,
  options: { allowBackorder: boolean },
): Outcome<StocktakeAdjustment> {
  if (counted < level.reserved && !options.allowBackorder) {
    return fail('COUNT_BELOW_RESERVED', { counted, reserved: level.reserved });
  }
  return succeed({ delta: counted - level.onHand });
}
