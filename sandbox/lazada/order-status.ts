/**
 * The one status word for an order made of items with their own statuses (lazada.md §3.8), as
 * the emulator reports it through `orderStatus`: the least advanced item that is not canceled,
 * or `canceled` when every item is.
 */
import type { ItemStatus } from './state.ts';

const LIFECYCLE: readonly ItemStatus[] = ['unpaid', 'pending', 'shipped', 'returned'];

export function orderStatusOf(statuses: ItemStatus[]): ItemStatus {
  const open: ItemStatus[] = statuses.filter((status) => status !== 'canceled');
  if (open.length === 0) return 'canceled';
  return LIFECYCLE.find((status) => open.includes(status)) ?? 'canceled';
}
