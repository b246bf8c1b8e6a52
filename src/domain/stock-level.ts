/**
 * Quantities of one SKU in one warehouse, and what may be done with them.
 * on_hand is what is physically there; reserved is what open holds claim; available is the rest.
 */
export interface StockLevel {
  onHand: number;
  reserved: number;
}

/** available = on_hand − reserved. Negative only when the SKU allows back-orders. */
export function availableOf(level: StockLevel): number {
  return level.onHand - level.reserved;
}

/** Whether `quantity` more units can be held without available going below zero. */
export function canReserve(level: StockLevel, quantity: number, allowBackorder: boolean): boolean {
  return allowBackorder || availableOf(level) >= quantity;
}

export type StockStatus = 'zero' | 'low' | 'normal';

/** The stock board's default low-stock threshold (units): below it a SKU shows as low. */
export const DEFAULT_LOW_STOCK_THRESHOLD = 15;

/**
 * Stock-board status: zero when nothing is available (back-ordered counts as zero),
 * low when available is below the threshold, normal otherwise.
 */
export function stockStatusOf(available: number, lowThreshold: number): StockStatus {
  if (available <= 0) return 'zero';
  if (available < lowThreshold) return 'low';
  return 'normal';
}

/** The threshold that applies to a SKU: its own setting if it has one, else the tenant's. */
export function effectiveLowThreshold(
  skuThreshold: number | null,
  tenantThreshold: number,
): number {
  return skuThreshold ?? tenantThreshold;
}
