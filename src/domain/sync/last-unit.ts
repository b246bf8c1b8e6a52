/**
 * Who gives way when a paid order finds no stock: PRODUCT.md §1 says the first paid order wins
 * the last unit. So unpaid holds give way to a paid order (newest unpaid first), and paid holds
 * give way to an order paid earlier (latest payment first). Pure; the caller releases the holds
 * chosen and cancels their orders.
 */

export interface CompetingHoldView {
  holdId: string;
  orderId: string;
  /** 'held' (unpaid) or 'confirmed' (paid). */
  status: string;
  units: number;
  paidAtMs: number | null;
  createdAtMs: number;
}

/**
 * The holds to release so that `shortfall` more units become free for a claimant paid at
 * `claimantPaidAtMs`; empty when even all eligible holds together would not free enough (then
 * nobody is disturbed and the claimant is the one that cannot be filled).
 */
export function chooseHoldsToPreempt(
  holds: readonly CompetingHoldView[],
  claimant: { paidAtMs: number | null; shortfall: number },
): CompetingHoldView[] {
  if (claimant.shortfall <= 0) return [];
  const paidAt = claimant.paidAtMs;
  const unpaid = holds
    .filter((h) => h.status === 'held')
    .sort((a, b) => b.createdAtMs - a.createdAtMs || a.holdId.localeCompare(b.holdId));
  const paidLater =
    paidAt === null
      ? []
      : holds
          .filter((h) => h.status === 'confirmed' && h.paidAtMs !== null && h.paidAtMs > paidAt)
          .sort(
            (a, b) => (b.paidAtMs ?? 0) - (a.paidAtMs ?? 0) || a.holdId.localeCompare(b.holdId),
          );
  const chosen: CompetingHoldView[] = [];
  let freed = 0;
  for (const hold of [...unpaid, ...paidLater]) {
    if (freed >= claimant.shortfall) break;
    chosen.push(hold);
    freed += hold.units;
  }
  return freed >= claimant.shortfall ? chosen : [];
}
