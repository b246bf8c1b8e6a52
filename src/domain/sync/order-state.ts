/**
 * Normalized order states every platform status maps to (see connectors/contract.ts):
 * placed (hold), paid (confirm), shipped (deduct), cancelled (release), returned (restock).
 */
export const ORDER_STATES = ['placed', 'paid', 'shipped', 'cancelled', 'returned'] as const;
export type OrderState = (typeof ORDER_STATES)[number];

export function isOrderState(value: unknown): value is OrderState {
  return typeof value === 'string' && (ORDER_STATES as readonly string[]).includes(value);
}
