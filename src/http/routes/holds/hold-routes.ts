/**
 * /v1/holds: reserve stock for an order line, then confirm (paid), ship or release (cancelled).
 * Creating needs an Idempotency-Key; the transitions are idempotent by nature (asking again for
 * the status a hold has returns it unchanged).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { HoldAction } from '../../../domain/holds.ts';
import { holdViewOf, loadHoldView } from '../../../inventory/hold-view.ts';
import {
  findSkusByCodes,
  findSkusByIds,
  findWarehouseByCode,
  findWarehousesByIds,
} from '../../../store/catalog-lookup.ts';
import { findHold } from '../../../store/holds-repo.ts';
import { listHolds } from '../../../store/holds-query-repo.ts';
import type { ApiInstance, RouteDeps } from '../../api-types.ts';
import { actorOf, principalOf } from '../../auth.ts';
import { sendError, sendOutcome } from '../../error-reply.ts';
import { idempotencyKeyOf } from '../../request-helpers.ts';
import { IdempotencyHeaders, withErrors } from '../../schemas/common.ts';
import { HoldCreate, HoldParams, HoldQuery, HoldView } from './hold-schemas.ts';

const tags = ['holds'];
const TRANSITIONS: readonly { action: Exclude<HoldAction, 'expire'>; summary: string }[] = [
  { action: 'confirm', summary: 'Confirm a hold (the order is paid): it no longer expires' },
  { action: 'ship', summary: 'Ship a hold: on hand and reserved both fall' },
  { action: 'release', summary: 'Release a hold (order cancelled): its stock is available again' },
];

export function registerHoldRoutes(app: ApiInstance, deps: RouteDeps): void {
  app.post(
    '/v1/holds',
    {
      schema: {
        tags,
        summary:
          'Hold stock for an order line; fails with INSUFFICIENT_STOCK and writes nothing if short',
        headers: IdempotencyHeaders,
        body: HoldCreate,
        response: withErrors({ 200: HoldView, 201: HoldView }),
      },
    },
    async (request, reply) => {
      const key = idempotencyKeyOf(request, reply);
      if (key === null) return reply;
      const outcome = await deps.inventory.placeHold(actorOf(request), {
        ...request.body,
        idempotencyKey: key,
      });
      if (!outcome.ok) deps.metrics.countHold('rejected');
      else if (outcome.value.replayed) deps.metrics.countHold('replayed');
      else {
        deps.metrics.countHold('placed');
        deps.metrics.countMovements('hold', outcome.value.lines.length);
      }
      return sendOutcome(request, reply, outcome, { status: 201, view: (v) => v });
    },
  );

  app.get(
    '/v1/holds',
    {
      schema: {
        tags,
        summary: 'Holds, newest first, by order, status, SKU or warehouse',
        querystring: HoldQuery,
        response: withErrors({
          200: z.object({ items: z.array(HoldView), nextCursor: z.string().nullable() }),
        }),
      },
    },
    async (request) => listHoldsPage(deps, principalOf(request).tenantId, request.query),
  );

  app.get(
    '/v1/holds/:id',
    {
      schema: {
        tags,
        summary: 'One hold',
        params: HoldParams,
        response: withErrors({ 200: HoldView }),
      },
    },
    async (request, reply) => {
      const tenantId = principalOf(request).tenantId;
      const hold = await findHold(deps.database.db, tenantId, request.params.id);
      if (!hold) return sendError(request, reply, 'HOLD_NOT_FOUND', { holdId: request.params.id });
      return loadHoldView(deps.database.db, tenantId, hold);
    },
  );

  for (const { action, summary } of TRANSITIONS) {
    app.post(
      `/v1/holds/:id/${action}`,
      { schema: { tags, summary, params: HoldParams, response: withErrors({ 200: HoldView }) } },
      async (request, reply) => {
        await transition(deps, { request, reply, holdId: request.params.id, action });
        return reply;
      },
    );
  }
}

async function transition(
  deps: RouteDeps,
  call: {
    request: FastifyRequest;
    reply: FastifyReply;
    holdId: string;
    action: Exclude<HoldAction, 'expire'>;
  },
): Promise<FastifyReply> {
  const { request, reply, holdId, action } = call;
  const actor = actorOf(request);
  // Read first only to tell, for the metrics, a change from a repeat; the command decides alone.
  const before = await findHold(deps.database.db, actor.tenantId, holdId);
  const outcome = await deps.inventory.transitionHold(actor, holdId, action);
  if (!outcome.ok) deps.metrics.countTransition(action, 'rejected');
  else if (before?.status === outcome.value.status)
    deps.metrics.countTransition(action, 'unchanged');
  else {
    deps.metrics.countTransition(action, 'changed');
    if (action !== 'confirm') deps.metrics.countMovements(action, outcome.value.lines.length);
  }
  return sendOutcome(request, reply, outcome, { view: (v) => v });
}

async function listHoldsPage(deps: RouteDeps, tenantId: string, q: z.output<typeof HoldQuery>) {
  const db = deps.database.db;
  const sku =
    q.sku === undefined ? undefined : (await findSkusByCodes(db, tenantId, [q.sku])).get(q.sku);
  const warehouse =
    q.warehouse === undefined ? undefined : await findWarehouseByCode(db, tenantId, q.warehouse);
  // An unknown SKU or warehouse matches no hold.
  if (sku === null || warehouse === null || (q.sku && !sku) || (q.warehouse && !warehouse))
    return { items: [], nextCursor: null };
  const page = await listHolds(db, tenantId, {
    orderRef: q.orderRef,
    statuses: q.status,
    skuId: sku?.id,
    warehouseId: warehouse?.id,
    beforeId: q.cursor,
    limit: q.limit,
  });
  const skus = await findSkusByIds(
    db,
    tenantId,
    page.holds.flatMap((h) => [h.skuId, ...h.lines.map((l) => l.skuId)]),
  );
  const warehouses = await findWarehousesByIds(
    db,
    tenantId,
    page.holds.map((h) => h.warehouseId),
  );
  const items = page.holds.map((h) =>
    holdViewOf(h, {
      skuCode: (id) => skus.get(id)?.code ?? String(id),
      warehouseCode: warehouses.get(h.warehouseId)?.code ?? String(h.warehouseId),
    }),
  );
  const last = page.holds.at(-1);
  return { items, nextCursor: page.hasMore && last ? last.id : null };
}
