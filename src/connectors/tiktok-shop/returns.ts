/**
 * Returns of TikTok orders. TikTok has no order status for a returned order: returns run in the
 * separate return/refund flow (tiktok-shop.md §1.8), so an order that shipped is looked up in
 * Search Returns, and it counts as `returned` once every one of its line items came back in a
 * RETURN_AND_REFUND return that reached RETURN_OR_REFUND_REQUEST_COMPLETE (goods received,
 * refund paid). A REFUND-only return sends nothing back and a REPLACEMENT ships a new unit, so
 * neither changes stock here. A partial return leaves the order `shipped`: the contract carries
 * one state per order, and its returned units are left for the seller to book by hand.
 */
import type { PlatformOrder } from '../contract.ts';
import type { TikTokShopClient } from './client.ts';
import { TIKTOK_ORDER_DETAIL_MAX_IDS, TIKTOK_PAGE_SIZE, TIKTOK_PATHS } from './options.ts';
import { RawReturnsSearchData, type RawReturnOrder } from './raw-types.ts';

const COMPLETE = 'RETURN_OR_REFUND_REQUEST_COMPLETE';
/** Pages read per batch of order ids: a bound, far above the returns an order can have. */
const MAX_PAGES = 10;

/** The orders, with those fully returned marked so; one Search Returns call per 50 shipped ones. */
export async function withReturns(
  client: TikTokShopClient,
  orders: PlatformOrder[],
): Promise<PlatformOrder[]> {
  const shipped = orders.filter((order) => order.state === 'shipped').map((o) => o.orderId);
  if (shipped.length === 0) return orders;
  const returns = new Map<string, RawReturnOrder[]>();
  for (let start = 0; start < shipped.length; start += TIKTOK_ORDER_DETAIL_MAX_IDS) {
    const orderIds = shipped.slice(start, start + TIKTOK_ORDER_DETAIL_MAX_IDS);
    for (const found of await searchReturns(client, orderIds))
      returns.set(found.order_id, [...(returns.get(found.order_id) ?? []), found]);
  }
  return orders.map((order) => toReturnedOrder(order, returns.get(order.orderId) ?? []));
}

/**
 * The order as `returned` when its completed RETURN_AND_REFUND returns cover every line; its
 * update time is then the later of the order's and the returns', so the return moves it forward.
 */
export function toReturnedOrder(order: PlatformOrder, returns: RawReturnOrder[]): PlatformOrder {
  if (order.state !== 'shipped') return order;
  const done = returns.filter(
    (r) => r.return_type === 'RETURN_AND_REFUND' && r.return_status === COMPLETE,
  );
  const returnedLines = new Set(
    done.flatMap((r) => r.return_line_items.map((line) => line.order_line_item_id)),
  );
  if (order.lines.length === 0 || !order.lines.every((line) => returnedLines.has(line.lineId)))
    return order;
  const returnedAtMs = Math.max(...done.map((r) => (r.update_time ?? 0) * 1000));
  return {
    ...order,
    rawStatus: COMPLETE,
    state: 'returned',
    updatedAtMs: Math.max(order.updatedAtMs, returnedAtMs),
  };
}

async function searchReturns(
  client: TikTokShopClient,
  orderIds: string[],
): Promise<RawReturnOrder[]> {
  const found: RawReturnOrder[] = [];
  let pageToken = '';
  for (let page = 0; page < MAX_PAGES; page++) {
    const data = await client.call({
      method: 'POST',
      path: TIKTOK_PATHS.returnsSearch,
      query: {
        page_size: String(TIKTOK_PAGE_SIZE),
        ...(pageToken ? { page_token: pageToken } : {}),
      },
      body: { order_ids: orderIds },
      schema: RawReturnsSearchData,
    });
    found.push(...data.return_orders);
    pageToken = data.next_page_token;
    if (!pageToken) break;
  }
  return found;
}
