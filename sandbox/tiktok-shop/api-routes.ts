/**
 * The TikTok Shop API paths the emulator serves (tiktok-shop.md §1.4, §1.7), each behind the
 * gateway's checks, plus the platform's answer to an unknown path (36009009).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { EmulatorContext } from './context.ts';
import type { ApiOutcome } from './envelope.ts';
import { CODES, sendEnvelope, sendOutcome } from './envelope.ts';
import { admitApiCall, admitAuthCall, finishApiCall, queryOf } from './gateway.ts';
import type { Caller } from './gateway.ts';
import { updateInventory } from './inventory-update.ts';
import { getOrderDetail, searchOrders } from './order-api.ts';
import { searchInventory, searchProducts } from './product-search.ts';
import { searchReturns } from './return-api.ts';
import { cancelAsSeller } from './seller-cancel.ts';
import { refreshAccessToken } from './token-api.ts';

type ApiHandler = (caller: Caller, request: FastifyRequest) => ApiOutcome;

export function registerApiRoutes(app: FastifyInstance, context: EmulatorContext): void {
  const api = (handler: ApiHandler) => async (request: FastifyRequest, reply: FastifyReply) => {
    const caller = await admitApiCall(context, request, reply);
    if (!caller) return reply;
    return finishApiCall(context, caller, reply, handler(caller, request));
  };

  app.post<{ Params: { product_id: string } }>(
    '/product/202309/products/:product_id/inventory/update',
    api((caller, request) => {
      const { product_id: productId } = request.params as { product_id: string };
      return updateInventory(context, caller.shop, productId, request.body);
    }),
  );
  app.post(
    '/product/202309/products/search',
    api((caller, request) => searchProducts(caller.shop, queryOf(request), request.body)),
  );
  app.post(
    '/product/202309/inventory/search',
    api((caller, request) => searchInventory(caller.shop, request.body)),
  );
  app.post(
    '/order/202309/orders/search',
    api((caller, request) => searchOrders(caller.shop, queryOf(request), request.body)),
  );
  app.get(
    '/order/202309/orders',
    api((caller, request) => getOrderDetail(caller.shop, queryOf(request))),
  );
  app.post(
    '/return_refund/202309/cancellations',
    api((caller, request) => cancelAsSeller(context, caller.shop, request.body)),
  );
  app.post(
    '/return_refund/202309/returns/search',
    api((caller, request) => searchReturns(caller.shop, queryOf(request), request.body)),
  );
  app.get('/api/v2/token/refresh', async (request, reply) => {
    if (!(await admitAuthCall(context, request, reply))) return reply;
    return sendOutcome(context, reply, refreshAccessToken(context, queryOf(request)));
  });
  registerFallbacks(app, context);
}

/** Unknown paths and unreadable bodies answer in the platform's envelope. */
function registerFallbacks(app: FastifyInstance, context: EmulatorContext): void {
  app.setNotFoundHandler((_request, reply) =>
    sendEnvelope(context, reply, {
      httpStatus: 404,
      code: CODES.invalidPath,
      message: 'Invalid path',
    }),
  );
  app.setErrorHandler((error: { statusCode?: number; message: string }, _request, reply) => {
    const status = error.statusCode ?? 500;
    const code = status < 500 ? CODES.badRequest : CODES.internalError;
    return sendEnvelope(context, reply, { httpStatus: status, code, message: error.message });
  });
}
