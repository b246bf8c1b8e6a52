/** /v1/tenants: for a hosting provider's admin token only; every other route stays in one tenant. */
import { z } from 'zod';
import { createTenantWithOwner } from '../../../access/tenant-admin.ts';
import { LOCALES } from '../../../i18n/locale.ts';
import { listTenants, type TenantRecord } from '../../../store/tenants-repo.ts';
import type { ApiInstance, RouteDeps } from '../../api-types.ts';
import { sendError } from '../../error-reply.ts';
import { isoOf, label, withErrors } from '../../schemas/common.ts';

const tags = ['admin'];
const access = { role: 'owner', admin: true } as const;

const TenantView = z
  .object({
    id: z.string(),
    name: z.string(),
    lowStockThreshold: z.number(),
    holdExpiryMinutes: z.number(),
    createdAt: z.string(),
  })
  .meta({ id: 'Tenant' });

const TenantCreate = z.strictObject({
  id: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{1,62}$/)
    .meta({ example: 'shop-42' }),
  name: label(200),
  owner: z.strictObject({
    email: z.email().max(254),
    name: label(200),
    locale: z.enum(LOCALES).default('en'),
  }),
});

function toTenantView(t: TenantRecord): z.output<typeof TenantView> {
  const { createdAtMs, ...rest } = t;
  return { ...rest, createdAt: isoOf(createdAtMs) };
}

export function registerTenantRoutes(app: ApiInstance, deps: RouteDeps): void {
  app.get(
    '/v1/tenants',
    {
      config: { access },
      schema: {
        tags,
        summary: 'All tenants (admin)',
        response: withErrors({ 200: z.object({ items: z.array(TenantView) }) }),
      },
    },
    async () => ({ items: (await listTenants(deps.database.db)).map(toTenantView) }),
  );

  app.post(
    '/v1/tenants',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Create a tenant with its owner; the owner token is shown only in this response',
        body: TenantCreate,
        response: withErrors({
          201: z.object({
            tenant: TenantView,
            owner: z.object({ id: z.string(), email: z.string() }),
            token: z.object({ id: z.string(), token: z.string(), prefix: z.string() }),
          }),
        }),
      },
    },
    async (request, reply) => {
      const { id, name, owner } = request.body;
      const result = await createTenantWithOwner(
        deps.database.db,
        { ids: deps.ids, nowMs: deps.clock.nowMs() },
        { id, name, owner },
      );
      if (!result.created) return sendError(request, reply, 'TENANT_EXISTS', { tenant: id });
      return reply.code(201).send({
        tenant: toTenantView(result.tenant),
        owner: { id: result.ownerUserId, email: owner.email },
        token: result.token,
      });
    },
  );
}
