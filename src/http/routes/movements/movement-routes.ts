/** /v1/movements: the append-only ledger, newest first by default, paged by cursor. */
import { z } from 'zod';
import { MOVEMENT_KINDS, REFERENCE_TYPES } from '../../../domain/movements.ts';
import { listMovements, type LedgerRow } from '../../../store/ledger-query-repo.ts';
import type { ApiInstance, RouteDeps } from '../../api-types.ts';
import { principalOf } from '../../auth.ts';
import { Code, IsoTime, Limit, enumList, isoOf, label, withErrors } from '../../schemas/common.ts';

const MovementView = z
  .object({
    id: z.string(),
    kind: z.enum(MOVEMENT_KINDS),
    sku: z.string(),
    warehouse: z.string(),
    onHandDelta: z.number(),
    reservedDelta: z.number(),
    counted: z.number().nullable().meta({ description: 'Stock-takes: the figure counted' }),
    referenceType: z.enum(REFERENCE_TYPES),
    referenceId: z.string().nullable(),
    holdId: z.string().nullable(),
    idempotencyKey: z.string(),
    actor: z.string(),
    note: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'Movement' });

const MovementQuery = z.object({
  sku: Code.optional(),
  warehouse: Code.optional(),
  kind: enumList(MOVEMENT_KINDS).optional().meta({ description: 'Comma-separated kinds' }),
  referenceType: z.enum(REFERENCE_TYPES).optional(),
  referenceId: label(200).optional(),
  holdId: label(100).optional(),
  from: IsoTime.optional().meta({ description: 'Created at or after' }),
  to: IsoTime.optional().meta({ description: 'Created before' }),
  order: z.enum(['desc', 'asc']).default('desc'),
  cursor: z
    .string()
    .regex(/^\d{1,15}$/)
    .optional()
    .meta({ description: 'nextCursor of the previous page' }),
  limit: Limit,
});

function toMovementView(m: LedgerRow): z.output<typeof MovementView> {
  const { id, operationKey, createdAtMs, ...rest } = m;
  return { ...rest, id: String(id), idempotencyKey: operationKey, createdAt: isoOf(createdAtMs) };
}

export function registerMovementRoutes(app: ApiInstance, deps: RouteDeps): void {
  app.get(
    '/v1/movements',
    {
      schema: {
        tags: ['ledger'],
        summary: 'Ledger movements, filtered; follow nextCursor for the next page',
        querystring: MovementQuery,
        response: withErrors({
          200: z.object({ items: z.array(MovementView), nextCursor: z.string().nullable() }),
        }),
      },
    },
    async (request) => {
      const q = request.query;
      const page = await listMovements(deps.database.db, principalOf(request).tenantId, {
        sku: q.sku,
        warehouse: q.warehouse,
        kinds: q.kind,
        referenceType: q.referenceType,
        referenceId: q.referenceId,
        holdId: q.holdId,
        fromMs: q.from === undefined ? undefined : Date.parse(q.from),
        toMs: q.to === undefined ? undefined : Date.parse(q.to),
        afterId: q.cursor === undefined ? undefined : Number(q.cursor),
        descending: q.order === 'desc',
        limit: q.limit,
      });
      const last = page.rows.at(-1);
      return {
        items: page.rows.map(toMovementView),
        nextCursor: page.hasMore && last ? String(last.id) : null,
      };
    },
  );
}
