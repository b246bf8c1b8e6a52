/** /healthz (no token: for load balancers and orchestrators) and /metrics (Prometheus, token). */
import { sql } from 'kysely';
import { z } from 'zod';
import type { ApiInstance, RouteDeps } from '../../api-types.ts';

const Health = z.object({
  status: z.enum(['ok', 'unavailable']),
  database: z.enum(['sqlite', 'postgres']),
});

export function registerHealthRoutes(app: ApiInstance, deps: RouteDeps): void {
  app.get(
    '/healthz',
    {
      config: { access: { public: true } },
      schema: {
        tags: ['health'],
        summary: 'Liveness and database reachability',
        security: [],
        response: { 200: Health, 503: Health },
      },
    },
    async (request, reply) => {
      const database = deps.database.dialect;
      try {
        await sql`select 1`.execute(deps.database.db);
        return { status: 'ok' as const, database };
      } catch (error) {
        request.log.error({ err: error }, 'health check: database unreachable');
        return reply.code(503).send({ status: 'unavailable' as const, database });
      }
    },
  );

  app.get(
    '/metrics',
    {
      schema: {
        tags: ['health'],
        summary: 'Prometheus metrics (text exposition format)',
        hide: false,
      },
    },
    async (_request, reply) => {
      const body = await deps.metrics.registry.metrics();
      return reply.type(deps.metrics.registry.contentType).send(body);
    },
  );
}
