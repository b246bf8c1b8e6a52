/**
 * Expected outcomes are values, not exceptions. Every code here is stable: it maps to an HTTP
 * status, a CLI exit code and a zh-CN / en message only at the edges (see src/i18n/messages.ts).
 */
export type DomainErrorCode =
  | 'INSUFFICIENT_STOCK'
  | 'COUNT_BELOW_RESERVED'
  | 'HOLD_NOT_FOUND'
  | 'HOLD_EXPIRED'
  | 'INVALID_HOLD_TRANSITION'
  | 'SKU_NOT_FOUND'
  | 'WAREHOUSE_NOT_FOUND'
  | 'TRANSFER_NOT_FOUND'
  | 'INVALID_TRANSFER_TRANSITION'
  | 'SAME_WAREHOUSE'
  | 'BUNDLE_NOT_STOCKABLE'
  | 'DUPLICATE_LINE'
  | 'SKU_EXISTS'
  | 'WAREHOUSE_EXISTS'
  | 'INVALID_BUNDLE'
  | 'NOT_A_BUNDLE'
  | 'IDEMPOTENCY_KEY_REUSED'
  | 'INVALID_IDEMPOTENCY_KEY'
  | 'INVALID_QUANTITY'
  // Channel sync (shops, listings, platform orders, allocation).
  | 'SHOP_NOT_FOUND'
  | 'SHOP_EXISTS'
  | 'SHOP_BUSY'
  | 'ORDER_BUSY'
  | 'PLATFORM_NOT_SUPPORTED'
  | 'LISTING_NOT_FOUND'
  | 'ORDER_NOT_FOUND'
  | 'INVALID_POLICY'
  | 'SHOP_GROUP_NOT_FOUND'
  | 'SHOP_GROUP_EXISTS'
  | 'SHOP_GROUP_NOT_EMPTY'
  | 'INVALID_ORDER_TRANSITION'
  | 'DEAD_LETTER_NOT_FOUND'
  | 'PLATFORM_ERROR';

export interface DomainError {
  code: DomainErrorCode;
  /** Facts the message and the client need: sku, warehouse, requested, available, … */
  details: Record<string, unknown>;
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: DomainError };

export function succeed<T>(value: T): Outcome<T> {
  return { ok: true, value };
}

export function fail<T = never>(
  code: DomainErrorCode,
  details: Record<string, unknown> = {},
): Outcome<T> {
  return { ok: false, error: { code, details } };
}
