/**
 * Shopee order APIs of the emulator (shopee.md §2.7): get_order_list (update_time or create_time
 * window ≤ 15 days, cursor paging), get_order_detail (≤ 50 order_sn, optional fields) and
 * cancel_order (seller, before shipping; OUT_OF_STOCK needs item_list).
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { okBody, paramError, ShopeeApiError, type ShopeeBody } from './envelope.ts';
import { shopRoute, type GateDeps, type ShopContext } from './gate.ts';
import { toOrderDetailJson } from './order-json.ts';
import type { OrderStore } from './order-store.ts';
import { commaList, intParam, optionalParam, requiredParam } from './params.ts';
import type { StatsRecorder } from './stats.ts';
import type { EmulatedOrder } from './types.ts';

const MAX_WINDOW_SEC = 15 * 24 * 3600;

export interface OrderDeps {
  orders: OrderStore;
  stats: StatsRecorder;
}

export function registerOrderRoutes(app: FastifyInstance, gate: GateDeps, deps: OrderDeps): void {
  const base = '/api/v2/order';
  app.get(
    `${base}/get_order_list`,
    shopRoute(gate, (c) => getOrderList(deps, c)),
  );
  app.get(
    `${base}/get_order_detail`,
    shopRoute(gate, (c) => getOrderDetail(deps, c)),
  );
  app.post(
    `${base}/cancel_order`,
    shopRoute(gate, (c) => cancelOrder(deps, c)),
  );
}

/** Orders whose create_time or update_time is in [time_from, time_to], oldest first. */
function getOrderList(deps: OrderDeps, context: ShopContext): ShopeeBody {
  const { query } = context;
  const field = requiredParam(query, 'time_range_field');
  if (field !== 'create_time' && field !== 'update_time')
    throw paramError('Wrong parameters, detail: time_range_field.');
  const from = intParam(query, 'time_from', { min: 0, max: 2 ** 31 });
  const to = intParam(query, 'time_to', { min: 0, max: 2 ** 31 });
  if (to < from || to - from > MAX_WINDOW_SEC) {
    throw new ShopeeApiError(
      'order.order_list_invalid_time',
      'The time range is invalid: at most 15 days.',
    );
  }
  const pageSize = intParam(query, 'page_size', { min: 1, max: 100 });
  const offset = cursorOf(optionalParam(query, 'cursor'));
  const status = optionalParam(query, 'order_status');
  const timeOf = (o: EmulatedOrder) =>
    field === 'create_time' ? o.createTimeSec : o.updateTimeSec;
  const matching = deps.orders
    .listForShop(context.shop.shopId)
    .filter(
      (o) => timeOf(o) >= from && timeOf(o) <= to && (status === undefined || o.status === status),
    )
    .sort((a, b) => timeOf(a) - timeOf(b) || a.orderSn.localeCompare(b.orderSn));
  const page = matching.slice(offset, offset + pageSize);
  const more = offset + page.length < matching.length;
  const withStatus = (optionalParam(query, 'response_optional_fields') ?? '').includes(
    'order_status',
  );
  return okBody({
    more,
    next_cursor: more ? String(offset + page.length) : '',
    order_list: page.map((o) => ({
      order_sn: o.orderSn,
      ...(withStatus ? { order_status: o.status } : {}),
    })),
  });
}

function cursorOf(cursor: string | undefined): number {
  if (cursor === undefined) return 0;
  if (!/^\d{1,9}$/.test(cursor)) throw paramError('Wrong parameters, detail: cursor.');
  return Number(cursor);
}

/** Default fields plus the optional ones asked for; orders of other shops are not found. */
function getOrderDetail(deps: OrderDeps, context: ShopContext): ShopeeBody {
  const orderSns = commaList(context.query, 'order_sn_list', 50);
  const fields = new Set(
    (optionalParam(context.query, 'response_optional_fields') ?? '').split(','),
  );
  const found = orderSns.flatMap((sn) => deps.orders.get(context.shop.shopId, sn) ?? []);
  return okBody({ order_list: found.map((order) => toOrderDetailJson(order, fields)) });
}

const CancelBody = z.object({
  order_sn: z.string().min(1),
  cancel_reason: z.enum([
    'OUT_OF_STOCK',
    'CUSTOMER_REQUEST',
    'UNDELIVERABLE_AREA',
    'COD_NOT_SUPPORTED',
  ]),
  item_list: z
    .array(z.object({ item_id: z.number().int(), model_id: z.number().int() }))
    .optional(),
});

function cancelOrder(deps: OrderDeps, context: ShopContext): ShopeeBody {
  const body = CancelBody.safeParse(context.body ?? {});
  if (!body.success)
    throw paramError('Wrong parameters, detail: order_sn, cancel_reason, item_list.');
  const { order_sn: orderSn, cancel_reason: reason, item_list: itemList } = body.data;
  const order = deps.orders.get(context.shop.shopId, orderSn);
  if (!order)
    throw new ShopeeApiError(
      'error_not_found',
      `Wrong parameters, detail: order ${orderSn} not found.`,
    );
  if (reason === 'OUT_OF_STOCK') checkItemList(order, itemList);
  // The sheet names no error for a late cancel; error_param with the reason is our choice.
  if (!deps.orders.isCancellable(order))
    throw paramError(`Order status ${order.status} cannot be cancelled.`);
  const cancelled = deps.orders.cancel(context.shop.shopId, orderSn, 'seller', reason);
  deps.stats.countSellerCancellation(orderSn, reason);
  return okBody({ update_time: cancelled.updateTimeSec });
}

/** OUT_OF_STOCK names the out-of-stock items, each a line of the order (§2.7). */
function checkItemList(
  order: EmulatedOrder,
  itemList: Array<{ item_id: number; model_id: number }> | undefined,
): void {
  if (!itemList || itemList.length === 0) {
    throw paramError(
      'Wrong parameters, detail: item_list is required when cancel_reason is OUT_OF_STOCK.',
    );
  }
  for (const entry of itemList) {
    const inOrder = order.lines.some(
      (l) => l.itemId === entry.item_id && l.modelId === entry.model_id,
    );
    if (!inOrder)
      throw paramError(
        `Wrong parameters, detail: item ${entry.item_id}/${entry.model_id} is not in the order.`,
      );
  }
}
