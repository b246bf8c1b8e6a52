/**
 * Which listings of a split pool must be cut during a burst.
 *
 * On TikTok Shop and Shopee a push sets the figure buyers see, whatever they bought before it
 * landed. So any figure above zero sent while orders are on their way (accepted by the platform,
 * webhook not yet stored) can put their units back on sale: no positive cut is provably safe. A
 * cut to zero always is.
 *
 * Nor is a cut needed while the pool only shrinks by these shops' own sales: each platform takes
 * a sold unit off its own figure as the pool loses it, so the shops' figures stay within the pool.
 * A cut is needed only when the shops together can sell more than the pool holds: the pool lost
 * units another way (a stock-take, a bundle's sale, a sale elsewhere), or a platform put an
 * oversold order's unit back on sale when it was cancelled.
 *
 * The comparison is exact with respect to orders not yet read: such an order is off both its shop's
 * figure and the pool, so it is left out of both. `shown` is what a shop can sell at most from
 * what StockPool knows: the figure last sent, less the orders read since, plus what the platform
 * put back on sale for orders cancelled since. The cut then zeroes the listings that show the most
 * until the rest fit, so as few shops as possible stop selling until the burst ends.
 */

export interface SplitListingShown {
  listingId: string;
  /** Units the listing can sell at most (figure × units per listing). */
  shownUnits: number;
}

/**
 * The listings to set to zero so that the others together show at most `poolUnits` (deterministic:
 * most shown first, then by id). Empty when they already fit.
 */
export function listingsToZero(
  listings: readonly SplitListingShown[],
  poolUnits: number,
): Set<string> {
  const shown = (l: SplitListingShown) => Math.max(0, l.shownUnits);
  let excess = listings.reduce((sum, l) => sum + shown(l), 0) - Math.max(0, poolUnits);
  const zeroed = new Set<string>();
  if (excess <= 0) return zeroed;
  const order = [...listings].sort(
    (a, b) =>
      shown(b) - shown(a) || (a.listingId < b.listingId ? -1 : a.listingId > b.listingId ? 1 : 0),
  );
  for (const listing of order) {
    if (excess <= 0 || shown(listing) === 0) break;
    zeroed.add(listing.listingId);
    excess -= shown(listing);
  }
  return zeroed;
}
