/**
 * /v1/tokens: API tokens of this tenant (owner only), and /v1/me for any token. A token's
 * plaintext appears once, in the response that creates it; lists show only its prefix.
 */
import { z } from 'zod';
import { issueToken } from '../../../access/api-tokens.ts';
import { canGrant, ROLES } from '../../../domain/roles.ts';
import {
  listTokens,
  listUsers,
  revokeToken,
  type TokenRecord,
} from '../../../store/principals-repo.ts';
import type { ApiInstance, RouteDeps } from '../../api-types.ts';
import { principalOf } from '../../auth.ts';
import { sendError } from '../../error-reply.ts';
import { isoOf, label, withErrors } from '../../schemas/common.ts';

const tags = ['access'];
const access = { role: 'owner' } as const;

const TokenView = z
  .object({
    id: z.string(),
    name: z.string(),
    role: z.enum(ROLES),
    isAdmin: z.boolean(),
    prefix: z.string(),
    userId: z.string().nullable(),
    createdAt: z.string(),
    lastUsedAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
  })
  .meta({ id: 'Token' });

const TokenCreate = z.strictObject({
  name: label(100),
  role: z.enum(ROLES),
  userId: label(100).nullable().optional(),
});

function toTokenView(t: TokenRecord): z.output<typeof TokenView> {
  const { createdAtMs, lastUsedAtMs, revokedAtMs, ...rest } = t;
  return {
    ...rest,
    createdAt: isoOf(createdAtMs),
    lastUsedAt: lastUsedAtMs === null ? null : isoOf(lastUsedAtMs),
    revokedAt: revokedAtMs === null ? null : isoOf(revokedAtMs),
  };
}

export function registerTokenRoutes(app: ApiInstance, deps: RouteDeps): void {
  const db = deps.database.db;
  app.get(
    '/v1/me',
    {
      schema: {
        tags,
        summary: 'Who this token is: tenant, name, role',
        response: withErrors({
          200: z.object({
            tenantId: z.string(),
            tokenId: z.string(),
            name: z.string(),
            role: z.enum(ROLES),
            isAdmin: z.boolean(),
          }),
        }),
      },
    },
    async (request) => principalOf(request),
  );

  app.get(
    '/v1/tokens',
    {
      config: { access },
      schema: {
        tags,
        summary: 'API tokens of this tenant',
        response: withErrors({ 200: z.object({ items: z.array(TokenView) }) }),
      },
    },
    async (request) => ({
      items: (await listTokens(db, principalOf(request).tenantId)).map(toTokenView),
    }),
  );

  app.post(
    '/v1/tokens',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Create a token; its plaintext is shown only in this response',
        body: TokenCreate,
        response: withErrors({
          201: z.object({
            id: z.string(),
            token: z.string(),
            prefix: z.string(),
            name: z.string(),
            role: z.enum(ROLES),
          }),
        }),
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const { name, role, userId } = request.body;
      if (!canGrant(principal.role, role))
        return sendError(request, reply, 'FORBIDDEN', { role: principal.role, required: role });
      if (userId && !(await listUsers(db, principal.tenantId)).some((u) => u.id === userId))
        return sendError(request, reply, 'USER_NOT_FOUND', { userId });
      const issued = await issueToken(
        db,
        { ids: deps.ids, nowMs: deps.clock.nowMs() },
        { tenantId: principal.tenantId, name, role, userId: userId ?? null },
      );
      return reply.code(201).send({ ...issued, name, role });
    },
  );

  app.delete(
    '/v1/tokens/:id',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Revoke a token; it stops working at once',
        params: z.object({ id: label(100) }),
        response: withErrors({ 200: z.object({ id: z.string(), revoked: z.literal(true) }) }),
      },
    },
    async (request, reply) => {
      const { tenantId } = principalOf(request);
      const revoked = await revokeToken(db, tenantId, request.params.id, deps.clock.nowMs());
      if (!revoked)
        return sendError(request, reply, 'TOKEN_NOT_FOUND', { tokenId: request.params.id });
      return { id: request.params.id, revoked: true as const };
    },
  );
}
