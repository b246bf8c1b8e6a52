/**
 * /v1/channel-orders: orders as the platforms reported them, with what they did to stock. A
 * parked order (it could not be filled and the shop parks such orders) waits for the seller:
 * retry applies it again, cancel has the worker cancel it on the platform. Any other order
 * answers 409 INVALID_ORDER_TRANSITION.
 */
import { z } from 'zod';
import type { ChannelOrderView as OrderView } from '../../../sync/channel-order-service.ts';
import type { ApiInstance, RouteDeps } from '../../api-types.ts';
import { actorOf } from '../../auth.ts';
import { sendOutcome } from '../../error-reply.ts';
import { withErrors } from '../../schemas/common.ts';
import {
  ChannelOrderParams,
  ChannelOrderQuery,
  ChannelOrderSummary,
  ChannelOrderView,
} from './channel-order-schemas.ts';

const tags = ['channel-orders'];

const withLines = (o: OrderView): z.output<typeof ChannelOrderView> => ({
  ...o,
  lines: o.lines ?? [],
});

export function registerChannelOrderRoutes(app: ApiInstance, deps: RouteDeps): void {
  app.get(
    '/v1/channel-orders',
    {
      schema: {
        tags,
        summary: 'Platform orders, latest change first, by outcome or shop',
        querystring: ChannelOrderQuery,
        response: withErrors({ 200: z.object({ items: z.array(ChannelOrderSummary) }) }),
      },
    },
    async (request) => {
      const { outcome, shop, limit } = request.query;
      const items = await deps.sync.orders.list(actorOf(request), {
        outcome,
        shopId: shop,
        limit,
      });
      return { items };
    },
  );

  app.get(
    '/v1/channel-orders/:id',
    {
      schema: {
        tags,
        summary: 'One platform order with its lines',
        params: ChannelOrderParams,
        response: withErrors({ 200: ChannelOrderView }),
      },
    },
    async (request, reply) => {
      const outcome = await deps.sync.orders.view(actorOf(request), request.params.id);
      return sendOutcome(request, reply, outcome, { view: withLines });
    },
  );

  const decisions = [
    { action: 'retry', summary: 'Retry a parked order now that stock may have arrived' },
    { action: 'cancel', summary: 'Cancel a parked order on the platform (out of stock)' },
  ] as const;
  for (const { action, summary } of decisions) {
    app.post(
      `/v1/channel-orders/:id/${action}`,
      {
        schema: {
          tags,
          summary,
          params: ChannelOrderParams,
          response: withErrors({ 200: ChannelOrderView }),
        },
      },
      async (request, reply) => {
        const outcome = await deps.sync.orders[action](actorOf(request), request.params.id);
        // Either decision leaves work for the worker (a cancel call, a push): no need to wait.
        if (outcome.ok) deps.sync.worker.wake();
        return sendOutcome(request, reply, outcome, { view: withLines });
      },
    );
  }
}
