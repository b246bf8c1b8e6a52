/**
 * /v1/transfers: stock leaves the source warehouse at once (guarded by what is available there),
 * is in transit, and arrives when the destination receives it.
 */
import { z } from 'zod';
import { loadTransferView } from '../../../inventory/transfers.ts';
import { findTransfer } from '../../../store/transfers-repo.ts';
import type { ApiInstance, RouteDeps } from '../../api-types.ts';
import { actorOf, principalOf } from '../../auth.ts';
import { sendError, sendOutcome } from '../../error-reply.ts';
import { idempotencyKeyOf } from '../../request-helpers.ts';
import {
  Code,
  IdempotencyHeaders,
  IsoTime,
  MAX_LINES,
  Quantity,
  label,
  withErrors,
} from '../../schemas/common.ts';

const tags = ['transfers'];

const TransferCreate = z.strictObject({
  from: Code,
  to: Code,
  reference: label(200).nullable().optional(),
  expectedAt: IsoTime.nullable().optional().meta({ description: 'Expected arrival' }),
  lines: z
    .array(z.strictObject({ sku: Code, quantity: Quantity }))
    .min(1)
    .max(MAX_LINES),
});

const TransferView = z
  .object({
    id: z.string(),
    from: z.string(),
    to: z.string(),
    status: z.enum(['in_transit', 'received']),
    reference: z.string().nullable(),
    expectedAt: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    lines: z.array(z.object({ sku: z.string(), quantity: z.number() })),
    replayed: z.boolean().optional(),
  })
  .meta({ id: 'Transfer' });

const TransferParams = z.object({ id: label(100) });

export function registerTransferRoutes(app: ApiInstance, deps: RouteDeps): void {
  app.post(
    '/v1/transfers',
    {
      schema: {
        tags,
        summary: 'Create a transfer: the goods leave the source warehouse now',
        headers: IdempotencyHeaders,
        body: TransferCreate,
        response: withErrors({ 200: TransferView, 201: TransferView }),
      },
    },
    async (request, reply) => {
      const key = idempotencyKeyOf(request, reply);
      if (key === null) return reply;
      const outcome = await deps.inventory.createTransfer(actorOf(request), {
        ...request.body,
        idempotencyKey: key,
      });
      if (outcome.ok && !outcome.value.replayed)
        deps.metrics.countMovements('transfer_out', outcome.value.lines.length);
      return sendOutcome(request, reply, outcome, { status: 201, view: (v) => v });
    },
  );

  app.get(
    '/v1/transfers/:id',
    {
      schema: {
        tags,
        summary: 'One transfer',
        params: TransferParams,
        response: withErrors({ 200: TransferView }),
      },
    },
    async (request, reply) => {
      const tenantId = principalOf(request).tenantId;
      const transfer = await findTransfer(deps.database.db, tenantId, request.params.id);
      if (!transfer)
        return sendError(request, reply, 'TRANSFER_NOT_FOUND', { transferId: request.params.id });
      return loadTransferView(deps.database.db, tenantId, transfer);
    },
  );

  app.post(
    '/v1/transfers/:id/receive',
    {
      schema: {
        tags,
        summary: 'Receive a transfer at its destination; receiving it again changes nothing',
        params: TransferParams,
        response: withErrors({ 200: TransferView }),
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      // Read first only so the metrics can tell an arrival from a repeat.
      const before = await findTransfer(deps.database.db, actor.tenantId, request.params.id);
      const outcome = await deps.inventory.receiveTransfer(actor, request.params.id);
      if (outcome.ok && before?.status === 'in_transit')
        deps.metrics.countMovements('transfer_in', outcome.value.lines.length);
      return sendOutcome(request, reply, outcome, { view: (v) => v });
    },
  );
}
