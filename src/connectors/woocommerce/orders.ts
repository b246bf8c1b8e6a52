/**
 * Reading WooCommerce orders (woocommerce.md §6.2): by modification time with `modified_after` /
 * `modified_before` in GMT, by id, 100 per page; detail by `include=` ids, 100 per call.
 * `status=any` asks for every status but trash and checkout drafts, as the API's default does.
 */
import type { OrderQuery, Page, PlatformOrder } from '../contract.ts';
import type { WooCommerceClient } from './client.ts';
import { msToGmt, toPlatformOrder } from './mapping.ts';
import { WOO_ORDER_DETAIL_MAX_IDS, WOO_PAGE_SIZE, WOO_PATHS } from './options.ts';
import { RawOrderList } from './raw-types.ts';

/**
 * One page of the window. The wire has whole seconds and `modified_after` is exclusive, so the
 * window is widened to them (from a second earlier, to rounded up): windows overlap a little and
 * never leave a gap; repeats are harmless because orders apply only forward.
 *
 * Paging is by offset, and the page token remembers the offset and the window's total. An order
 * modified while the window is read leaves it (its new time is past `modified_before`) and the
 * orders after it move up; when the total has shrunk, the page is read again that many places
 * earlier, so none is skipped (some are read twice).
 */
export async function readOrderPage(
  client: WooCommerceClient,
  query: OrderQuery,
): Promise<Page<PlatformOrder>> {
  const { offset, total: knownTotal } = parseToken(query.pageToken ?? null);
  const window = {
    modified_after: msToGmt(Math.floor(query.updatedFromMs / 1000) * 1000 - 1000),
    modified_before: msToGmt(Math.ceil(query.updatedToMs / 1000) * 1000),
    dates_are_gmt: 'true',
    status: 'any',
    // By id: the one order every WooCommerce version accepts; the window does the time filtering.
    orderby: 'id',
    order: 'asc',
    per_page: String(WOO_PAGE_SIZE),
  };
  const read = (at: number) =>
    client.call({
      method: 'GET',
      path: WOO_PATHS.orders,
      query: { ...window, offset: String(at) },
      schema: RawOrderList,
    });
  let at = offset;
  let answer = await read(at);
  const shrunk = knownTotal !== null && answer.total !== null ? knownTotal - answer.total : 0;
  if (shrunk > 0 && at > 0) {
    at = Math.max(0, at - shrunk);
    answer = await read(at);
  }
  const next = at + answer.data.length;
  const total = answer.total ?? (answer.data.length < WOO_PAGE_SIZE ? next : Infinity);
  return {
    items: answer.data.map(toPlatformOrder),
    nextPageToken:
      answer.data.length === 0 || next >= total ? null : `${next}:${answer.total ?? ''}`,
  };
}

/** Full detail of the orders, 100 ids per call; unknown ids are simply absent. */
export async function readOrders(
  client: WooCommerceClient,
  orderIds: string[],
): Promise<PlatformOrder[]> {
  const ids = [...new Set(orderIds)].filter((id) => /^\d+$/.test(id));
  const orders: PlatformOrder[] = [];
  for (let start = 0; start < ids.length; start += WOO_ORDER_DETAIL_MAX_IDS) {
    const batch = ids.slice(start, start + WOO_ORDER_DETAIL_MAX_IDS);
    const answer = await client.call({
      method: 'GET',
      path: WOO_PATHS.orders,
      query: { include: batch.join(','), per_page: String(WOO_PAGE_SIZE), status: 'any' },
      schema: RawOrderList,
    });
    orders.push(...answer.data.map(toPlatformOrder));
  }
  return orders;
}

function parseToken(token: string | null): { offset: number; total: number | null } {
  const match = token ? /^(\d+):(\d*)$/.exec(token) : null;
  if (!match) return { offset: 0, total: null };
  return { offset: Number(match[1]), total: match[2] ? Number(match[2]) : null };
}
