/**
 * Reading Lazada orders (lazada.md §3.7): a page of order headers from orders/get by update time,
 * and the orders' items from GetMultipleOrderItems, 50 orders per call; the contract's orders are
 * built from both (mapping.ts). Orders Lazada does not return are simply absent.
 */
import type { OrderQuery, Page, PlatformOrder } from '../contract.ts';
import type { LazadaClient } from './client.ts';
import { toPlatformOrder } from './mapping.ts';
import { LAZADA_PATHS, ORDER_ITEMS_MAX_IDS, ORDERS_PAGE_SIZE } from './options.ts';
import type { RawOrderHeader, RawOrderItem } from './raw-types.ts';
import { RawMultipleOrderItemsData, RawOrdersData } from './raw-types.ts';

/**
 * One page of orders updated in the window, oldest first, 100 per page with offset paging
 * (§3.7, §3.10); the page token is the next offset. Lazada's times are whole seconds: the window
 * is widened to them (from rounded down, to rounded up), so consecutive windows overlap by at
 * most a second and never leave a gap; repeats are harmless because orders apply only forward.
 */
export async function readOrderPage(
  client: LazadaClient,
  query: OrderQuery,
): Promise<Page<PlatformOrder>> {
  const offset = query.pageToken ? Number(query.pageToken) : 0;
  const { data } = await client.call({
    method: 'GET',
    path: LAZADA_PATHS.ordersGet,
    params: {
      update_after: isoSeconds(Math.floor(query.updatedFromMs / 1000)),
      update_before: isoSeconds(Math.ceil(query.updatedToMs / 1000)),
      sort_by: 'updated_at',
      sort_direction: 'ASC',
      offset: String(offset),
      limit: String(ORDERS_PAGE_SIZE),
    },
    schema: RawOrdersData,
  });
  const headers = new Map(data.orders.map((order) => [order.order_id, order]));
  const items = await readItems(client, [...headers.keys()]);
  const orders = [...headers.values()].flatMap((header) => toOrder(header.order_id, items, header));
  const next = offset + data.orders.length;
  const more = data.orders.length > 0 && next < data.countTotal;
  return { items: orders, nextPageToken: more ? String(next) : null };
}

/** Orders by id, built from their items alone (Lazada has no multi-order header read). */
export async function readOrdersById(
  client: LazadaClient,
  orderIds: string[],
): Promise<PlatformOrder[]> {
  const ids = [...new Set(orderIds)];
  const items = await readItems(client, ids);
  return ids.flatMap((id) => toOrder(id, items));
}

/**
 * Items of the given orders, 50 orders per call. Ids that are not numbers cannot be Lazada
 * orders and are left out rather than failing the whole batch (E056, malformed list).
 */
async function readItems(
  client: LazadaClient,
  orderIds: string[],
): Promise<Map<string, RawOrderItem[]>> {
  const byOrder = new Map<string, RawOrderItem[]>();
  const numeric = orderIds.filter((id) => /^\d+$/.test(id));
  for (let start = 0; start < numeric.length; start += ORDER_ITEMS_MAX_IDS) {
    const batch = numeric.slice(start, start + ORDER_ITEMS_MAX_IDS);
    const { data } = await client.call({
      method: 'GET',
      path: LAZADA_PATHS.multipleOrderItems,
      // Array format "[1,2]" (E056 otherwise); ids written as digits, never through a float.
      params: { order_ids: `[${batch.join(',')}]` },
      schema: RawMultipleOrderItemsData,
    });
    for (const order of data) byOrder.set(order.order_id, order.order_items);
  }
  return byOrder;
}

function toOrder(
  orderId: string,
  items: Map<string, RawOrderItem[]>,
  header?: RawOrderHeader,
): PlatformOrder[] {
  const own = items.get(orderId);
  return own && own.length > 0 ? [toPlatformOrder(orderId, own, header)] : [];
}

/** ISO 8601 in UTC without milliseconds, as orders/get takes its time filters (§3.7). */
function isoSeconds(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace('.000Z', '+00:00');
}
