/**
 * /v1/alerts: what needs the seller's attention (a listing out of sync too long, an order that
 * could not be filled, a shop whose token is expiring, ...). One open alert per kind and
 * subject; resolved ones stay as history.
 */
import { z } from 'zod';
import { listAlerts, type AlertRecord } from '../../../store/alerts-repo.ts';
import type { ApiInstance, RouteDeps } from '../../api-types.ts';
import { principalOf } from '../../auth.ts';
import { isoOf, label, withErrors } from '../../schemas/common.ts';

const AlertQuery = z.object({
  status: z.enum(['open', 'resolved']).optional(),
  kind: label(100).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

const AlertView = z
  .object({
    id: z.string(),
    kind: z.string(),
    level: z.enum(['yellow', 'orange', 'red']),
    subject: z.string().meta({ description: 'What it is about (a listing, order or shop id)' }),
    params: z.record(z.string(), z.unknown()),
    status: z.enum(['open', 'resolved']),
    openedAt: z.string(),
    updatedAt: z.string(),
    resolvedAt: z.string().nullable(),
  })
  .meta({ id: 'Alert' });

function toAlertView(a: AlertRecord): z.output<typeof AlertView> {
  return {
    id: a.id,
    kind: a.kind,
    level: a.level,
    subject: a.subject,
    params: a.params,
    status: a.status,
    openedAt: isoOf(a.openedAtMs),
    updatedAt: isoOf(a.updatedAtMs),
    resolvedAt: a.resolvedAtMs === null ? null : isoOf(a.resolvedAtMs),
  };
}

export function registerAlertRoutes(app: ApiInstance, deps: RouteDeps): void {
  app.get(
    '/v1/alerts',
    {
      schema: {
        tags: ['alerts'],
        summary: 'Alerts, newest first, by status and kind',
        querystring: AlertQuery,
        response: withErrors({ 200: z.object({ items: z.array(AlertView) }) }),
      },
    },
    async (request) => {
      const { status, kind, limit } = request.query;
      const alerts = await listAlerts(deps.database.db, {
        tenantId: principalOf(request).tenantId,
        status,
        kind,
        limit,
      });
      return { items: alerts.map(toAlertView) };
    },
  );
}
