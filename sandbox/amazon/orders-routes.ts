/**
 * Orders v0 (amazon.md §4.4): getOrders by update or creation time or by AmazonOrderIds, with
 * NextToken paging; getOrder; getOrderItems; and the seller's cancelOrder (path unconfirmed,
 * README §8.6: the Orders 2026-01-01 resource). Answers are wrapped in `payload`.
 */
import type { FastifyInstance } from 'fastify';
import { invalidInput, notFound, sendBody, sendError } from './answers.ts';
import type { AmazonContext } from './context.ts';
import { admitApiCall, finish, queryOf } from './gate.ts';
import { cancelOpenOrder, OPEN_STATUSES } from './order-flow.ts';
import type { OrderRecord, ShopRecord } from './state.ts';
import { orderItemsJson, orderJson, parseOrdersFilter, selectOrders } from './order-views.ts';

type OrderParams = { Params: { orderId: string } };

/** Seller cancel reasons the cancelOrder docs list (§4.4). */
const CANCEL_REASONS = new Set([
  'NO_INVENTORY',
  'BUYER_CANCELLED',
  'SHIPPING_ADDRESS_UNDELIVERABLE',
  'CUSTOMER_EXCHANGE',
  'PRICING_ERROR',
]);

export function registerOrdersRoutes(app: FastifyInstance, context: AmazonContext): void {
  app.get('/orders/v0/orders', async (request, reply) => {
    const caller = await admitApiCall(context, request, reply, { operation: 'getOrders' });
    if (!caller) return reply;
    const filter = parseOrdersFilter(queryOf(request), caller.shop, context.nowMs());
    if ('error' in filter)
      return sendError(reply, invalidInput(filter.error), context.rateOf('getOrders'));
    return sendBody(
      reply,
      { payload: selectOrders(caller.shop, filter) },
      context.rateOf('getOrders'),
    );
  });

  app.get<OrderParams>('/orders/v0/orders/:orderId', async (request, reply) => {
    const caller = await admitApiCall(context, request, reply, { operation: 'getOrder' });
    if (!caller) return reply;
    const order = caller.shop.orders.get(request.params.orderId);
    if (!order) return sendError(reply, orderNotFound(request.params.orderId));
    return sendBody(reply, { payload: orderJson(caller.shop, order) }, context.rateOf('getOrder'));
  });

  app.get<OrderParams>('/orders/v0/orders/:orderId/orderItems', async (request, reply) => {
    const caller = await admitApiCall(context, request, reply, { operation: 'getOrderItems' });
    if (!caller) return reply;
    const order = caller.shop.orders.get(request.params.orderId);
    if (!order) return sendError(reply, orderNotFound(request.params.orderId));
    return sendBody(reply, { payload: orderItemsJson(order) }, context.rateOf('getOrderItems'));
  });

  app.put<OrderParams>(
    '/orders/2026-01-01/orders/:orderId/cancellation',
    async (request, reply) => {
      const caller = await admitApiCall(context, request, reply, { operation: 'cancelOrder' });
      if (!caller) return reply;
      const problem = checkCancel(caller.shop, request.params.orderId, request.body);
      if (problem) return sendError(reply, problem);
      const reason = (request.body as { cancelReasonCode: string }).cancelReasonCode;
      cancelOpenOrder(context, caller.shop.seed.platformShopId, request.params.orderId);
      context.stats.sellerCancellations.push({ orderId: request.params.orderId, reason });
      return finish(caller, reply, () => sendBody(reply, {}, context.rateOf('cancelOrder')));
    },
  );
}

function checkCancel(shop: ShopRecord, orderId: string, body: unknown) {
  const order: OrderRecord | undefined = shop.orders.get(orderId);
  if (!order) return orderNotFound(orderId);
  const b = body as { marketplaceId?: unknown; cancelReasonCode?: unknown } | undefined;
  if (b?.marketplaceId !== shop.marketplaceId) return invalidInput('Invalid marketplaceId');
  if (typeof b.cancelReasonCode !== 'string' || !CANCEL_REASONS.has(b.cancelReasonCode))
    return invalidInput(`Invalid cancelReasonCode: ${String(b.cancelReasonCode)}`);
  if (!OPEN_STATUSES.has(order.status))
    return invalidInput(`Order ${orderId} cannot be cancelled in status ${order.status}`);
  return null;
}

function orderNotFound(orderId: string) {
  return notFound('NotFound', `Order ${orderId} was not found`);
}
