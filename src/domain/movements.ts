/**
 * The ledger's movement kinds and what each does to a stock level. The ledger is append-only:
 * on_hand is always the sum of on_hand deltas, reserved the sum of reserved deltas.
 */
export const MOVEMENT_KINDS = [
  'receipt',
  'adjust',
  'hold',
  'release',
  'ship',
  'return',
  'transfer_out',
  'transfer_in',
] as const;

export type MovementKind = (typeof MOVEMENT_KINDS)[number];

export interface MovementEffect {
  onHandDelta: number;
  reservedDelta: number;
}

/**
 * The change a movement of `quantity` units makes. `quantity` is positive for every kind except
 * `adjust`, whose signed quantity is counted minus on hand.
 */
export function effectOf(kind: MovementKind, quantity: number): MovementEffect {
  switch (kind) {
    case 'receipt':
    case 'return':
    case 'transfer_in':
    case 'adjust':
      return { onHandDelta: quantity, reservedDelta: 0 };
    case 'transfer_out':
      return { onHandDelta: -quantity, reservedDelta: 0 };
    case 'hold':
      return { onHandDelta: 0, reservedDelta: quantity };
    case 'release':
      return { onHandDelta: 0, reservedDelta: -quantity };
    case 'ship':
      return { onHandDelta: -quantity, reservedDelta: -quantity };
  }
}

/** What a reference on a movement points at. */
export const REFERENCE_TYPES = [
  'order',
  'po',
  'transfer',
  'stocktake',
  'import',
  'manual',
  'return',
] as const;
export type ReferenceType = (typeof REFERENCE_TYPES)[number];

/** Largest quantity accepted in one line: far above any real shipment, far below float trouble. */
export const MAX_LINE_QUANTITY = 1_000_000_000;

/** A quantity moved, held or shipped: a whole number from 1 to MAX_LINE_QUANTITY. */
export function isLineQuantity(quantity: number): boolean {
  return Number.isSafeInteger(quantity) && quantity >= 1 && quantity <= MAX_LINE_QUANTITY;
}

/** A counted figure: a whole number from 0 to MAX_LINE_QUANTITY. */
export function isCountedQuantity(quantity: number): boolean {
  return Number.isSafeInteger(quantity) && quantity >= 0 && quantity <= MAX_LINE_QUANTITY;
}
