/**
 * /v1/receipts (goods in: a purchase order, an opening balance) and /v1/returns (a customer
 * return put back into stock): lines of plain SKUs raise on hand, all or nothing.
 */
import { z } from 'zod';
import type { StockLinesResult } from '../../../inventory/receive.ts';
import type { ApiInstance, RouteDeps } from '../../api-types.ts';
import { actorOf } from '../../auth.ts';
import { sendOutcome } from '../../error-reply.ts';
import { idempotencyKeyOf } from '../../request-helpers.ts';
import {
  Code,
  IdempotencyHeaders,
  MAX_LINES,
  Quantity,
  label,
  text,
  withErrors,
} from '../../schemas/common.ts';

const StockLinesBody = z.strictObject({
  warehouse: Code,
  reference: label(200)
    .nullable()
    .optional()
    .meta({ description: 'PO number, or the order of a return' }),
  note: text(1000).nullable().optional(),
  lines: z
    .array(z.strictObject({ sku: Code, quantity: Quantity }))
    .min(1)
    .max(MAX_LINES),
});

const StockLinesView = z
  .object({
    idempotencyKey: z.string(),
    warehouse: z.string(),
    reference: z.string().nullable(),
    lines: z.array(z.object({ sku: z.string(), quantity: z.number() })),
    createdAt: z.string(),
    replayed: z.boolean(),
  })
  .meta({ id: 'StockLinesResult' });

const ENDPOINTS = [
  { url: '/v1/receipts', kind: 'receipt', summary: 'Record goods received into a warehouse' },
  { url: '/v1/returns', kind: 'return', summary: 'Record a customer return put back into stock' },
] as const;

export function registerReceiptRoutes(app: ApiInstance, deps: RouteDeps): void {
  for (const endpoint of ENDPOINTS) {
    app.post(
      endpoint.url,
      {
        schema: {
          tags: ['stock changes'],
          summary: endpoint.summary,
          headers: IdempotencyHeaders,
          body: StockLinesBody,
          response: withErrors({ 200: StockLinesView, 201: StockLinesView }),
        },
      },
      async (request, reply) => {
        const key = idempotencyKeyOf(request, reply);
        if (key === null) return reply;
        const input = { ...request.body, idempotencyKey: key };
        const outcome =
          endpoint.kind === 'receipt'
            ? await deps.inventory.receive(actorOf(request), input)
            : await deps.inventory.recordReturn(actorOf(request), input);
        if (outcome.ok && !outcome.value.replayed)
          deps.metrics.countMovements(endpoint.kind, outcome.value.lines.length);
        return sendOutcome(request, reply, outcome, {
          status: 201,
          view: (v: StockLinesResult & { replayed: boolean }) => v,
        });
      },
    );
  }
}
