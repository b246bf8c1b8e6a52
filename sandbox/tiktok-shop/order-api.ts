/**
 * Get Order List (search with time filters, sort and paging) and Get Order Detail (≤ 50 ids),
 * tiktok-shop.md §1.7.
 */
import { z } from 'zod';
import type { ApiOutcome } from './envelope.ts';
import { CODES, refuse } from './envelope.ts';
import { pageOf, readPageRequest } from './paging.ts';
import type { OrderRecord, ShopRecord } from './state.ts';
import { toOrderView } from './views.ts';

const MAX_DETAIL_IDS = 50;

const Seconds = z.number().int().nonnegative();
const OrderSearchBody = z
  .object({
    order_status: z.string().optional(),
    create_time_ge: Seconds.optional(),
    create_time_lt: Seconds.optional(),
    update_time_ge: Seconds.optional(),
    update_time_lt: Seconds.optional(),
  })
  .optional();
type OrderFilter = NonNullable<z.infer<typeof OrderSearchBody>>;

export function searchOrders(shop: ShopRecord, query: URLSearchParams, body: unknown): ApiOutcome {
  const page = readPageRequest(query);
  if (!page) return refuse(CODES.badRequest, 'page_size must be 1..100 and page_token valid');
  const sortField = query.get('sort_field') ?? 'create_time';
  const sortOrder = query.get('sort_order') ?? 'DESC';
  if (!['create_time', 'update_time'].includes(sortField) || !['ASC', 'DESC'].includes(sortOrder))
    return refuse(CODES.badRequest, 'sort_field or sort_order is invalid');
  const parsed = OrderSearchBody.safeParse(body);
  if (!parsed.success) return refuse(CODES.badRequest, `Invalid body: ${parsed.error.message}`);
  const matching = [...shop.orders.values()].filter((order) => matches(order, parsed.data ?? {}));
  const timeOf = (order: OrderRecord): number =>
    sortField === 'update_time' ? order.updateTime : order.createTime;
  matching.sort((a, b) => timeOf(a) - timeOf(b) || compareIds(a.id, b.id));
  if (sortOrder === 'DESC') matching.reverse();
  const { items, nextPageToken } = pageOf(matching, page);
  return {
    ok: true,
    data: {
      orders: items.map(toOrderView),
      next_page_token: nextPageToken,
      total_count: matching.length,
    },
  };
}

export function getOrderDetail(shop: ShopRecord, query: URLSearchParams): ApiOutcome {
  const ids = (query.get('ids') ?? '').split(',').filter((id) => id !== '');
  if (ids.length === 0 || ids.length > MAX_DETAIL_IDS)
    return refuse(CODES.badRequest, `ids must name 1..${MAX_DETAIL_IDS} orders`);
  const orders = ids.flatMap((id) => {
    const order = shop.orders.get(id);
    return order ? [toOrderView(order)] : [];
  });
  return { ok: true, data: { orders } };
}

function matches(order: OrderRecord, filter: OrderFilter): boolean {
  if (filter.order_status !== undefined && order.status !== filter.order_status) return false;
  if (filter.create_time_ge !== undefined && order.createTime < filter.create_time_ge) return false;
  if (filter.create_time_lt !== undefined && order.createTime >= filter.create_time_lt)
    return false;
  if (filter.update_time_ge !== undefined && order.updateTime < filter.update_time_ge) return false;
  if (filter.update_time_lt !== undefined && order.updateTime >= filter.update_time_lt)
    return false;
  return true;
}

/** Ids are decimal strings of possibly different lengths. */
function compareIds(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}
