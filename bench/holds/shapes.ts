/**
 * The two load shapes of the holds benchmark: spread over 10,000 SKUs, or every hold on one hot
 * SKU. Stock is set so high that no hold ever runs out, so every attempt must succeed.
 */
export type Shape = 'spread' | 'hot';

export const SHAPES: readonly Shape[] = ['spread', 'hot'];

export const SPREAD_SKUS = 10_000;

/** Units on hand per SKU at the start: far more than any run can hold. */
export const OPENING_STOCK = 1_000_000_000;

/** Index 0 is the hot SKU, 1..SPREAD_SKUS the spread ones. */
export function skuIndexFor(shape: Shape, n: number): number {
  // A stride coprime with 10,000 visits every SKU before repeating, without a random source.
  return shape === 'hot' ? 0 : ((n * 7919) % SPREAD_SKUS) + 1;
}

export function skuCode(index: number): string {
  return index === 0 ? 'HOT' : `S${String(index).padStart(5, '0')}`;
}
