/**
 * Orders a shop has announced (a webhook is in) but StockPool has not read yet are already off
 * sale on that shop: the platform took their units from its shown figure when the buyer ordered.
 * An absolute push computed before they are applied would put those units back on sale. Rather
 * than wait for the inbox to be empty (under a steady stream it never is, and no push would go
 * out), the push holds back one listing per unread order: the webhook names the order, not its
 * lines, so one is the assumption, and the figure is sent again once the orders are applied.
 */
/** A figure per warehouse, whatever names the warehouse (a platform's id, or StockPool's). */
export interface WarehouseFigure<W = string | null> {
  warehouseId: W;
  quantity: number;
}

/**
 * The figures less `unreadOrders` listings, taken from the largest warehouse figure first (an
 * order is most likely shipped from where most stock is), never below zero.
 */
export function holdBackForUnreadOrders<W>(
  stock: readonly WarehouseFigure<W>[],
  unreadOrders: number,
): WarehouseFigure<W>[] {
  const result = stock.map((s) => ({ ...s }));
  let left = Math.max(0, Math.floor(unreadOrders));
  while (left > 0) {
    let largest: WarehouseFigure<W> | undefined;
    for (const s of result)
      if (s.quantity > 0 && (!largest || s.quantity > largest.quantity)) largest = s;
    if (!largest) break;
    const next = Math.max(0, ...result.filter((s) => s !== largest).map((s) => s.quantity));
    // Take down to the next largest figure in one step, so the loop runs per warehouse, not per unit.
    const take = Math.min(left, Math.max(1, largest.quantity - next));
    largest.quantity -= take;
    left -= take;
  }
  return result;
}
