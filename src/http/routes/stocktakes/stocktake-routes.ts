/**
 * /v1/stocktakes: counted figures become on hand; the ledger records each count and the
 * difference. A count below what open orders hold is refused (COUNT_BELOW_RESERVED) unless the
 * SKU allows back-orders: release the orders that cannot be filled first.
 */
import { z } from 'zod';
import type { ApiInstance, RouteDeps } from '../../api-types.ts';
import { actorOf } from '../../auth.ts';
import { sendOutcome } from '../../error-reply.ts';
import { idempotencyKeyOf } from '../../request-helpers.ts';
import {
  Code,
  Counted,
  IdempotencyHeaders,
  MAX_LINES,
  label,
  text,
  withErrors,
} from '../../schemas/common.ts';

const StocktakeBody = z.strictObject({
  warehouse: Code,
  reference: label(200).nullable().optional(),
  note: text(1000).nullable().optional(),
  lines: z
    .array(z.strictObject({ sku: Code, counted: Counted }))
    .min(1)
    .max(MAX_LINES),
});

const StocktakeView = z
  .object({
    idempotencyKey: z.string(),
    warehouse: z.string(),
    reference: z.string().nullable(),
    lines: z.array(
      z.object({
        sku: z.string(),
        counted: z.number(),
        previousOnHand: z.number(),
        delta: z.number(),
      }),
    ),
    createdAt: z.string(),
    replayed: z.boolean(),
  })
  .meta({ id: 'StocktakeResult' });

export function registerStocktakeRoutes(app: ApiInstance, deps: RouteDeps): void {
  app.post(
    '/v1/stocktakes',
    {
      schema: {
        tags: ['stock changes'],
        summary: 'Record a stock-take: set on hand to what was counted',
        headers: IdempotencyHeaders,
        body: StocktakeBody,
        response: withErrors({ 200: StocktakeView, 201: StocktakeView }),
      },
    },
    async (request, reply) => {
      const key = idempotencyKeyOf(request, reply);
      if (key === null) return reply;
      const outcome = await deps.inventory.stocktake(actorOf(request), {
        ...request.body,
        idempotencyKey: key,
      });
      if (outcome.ok && !outcome.value.replayed)
        deps.metrics.countMovements('adjust', outcome.value.lines.length);
      return sendOutcome(request, reply, outcome, { status: 201, view: (v) => v });
    },
  );
}
