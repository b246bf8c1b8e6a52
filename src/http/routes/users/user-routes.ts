/** /v1/users: the people of a tenant and their roles (owner only). */
import { z } from 'zod';
import { canGrant, ROLES } from '../../../domain/roles.ts';
import { LOCALES } from '../../../i18n/locale.ts';
import {
  insertUser,
  listUsers,
  updateUser,
  type UserRecord,
} from '../../../store/principals-repo.ts';
import type { ApiInstance, RouteDeps } from '../../api-types.ts';
import { principalOf } from '../../auth.ts';
import { sendError } from '../../error-reply.ts';
import { isoOf, label, withErrors } from '../../schemas/common.ts';

const tags = ['access'];
const access = { role: 'owner' } as const;

const UserView = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    role: z.enum(ROLES),
    locale: z.string(),
    createdAt: z.string(),
  })
  .meta({ id: 'User' });

const UserCreate = z.strictObject({
  email: z.email().max(254),
  name: label(200),
  role: z.enum(ROLES),
  locale: z.enum(LOCALES).default('en'),
});

const UserPatch = z.strictObject({
  name: label(200).optional(),
  role: z.enum(ROLES).optional(),
  locale: z.enum(LOCALES).optional(),
});

function toUserView(u: UserRecord): z.output<typeof UserView> {
  const { createdAtMs, ...rest } = u;
  return { ...rest, createdAt: isoOf(createdAtMs) };
}

export function registerUserRoutes(app: ApiInstance, deps: RouteDeps): void {
  const db = deps.database.db;
  app.get(
    '/v1/users',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Users of this tenant',
        response: withErrors({ 200: z.object({ items: z.array(UserView) }) }),
      },
    },
    async (request) => ({
      items: (await listUsers(db, principalOf(request).tenantId)).map(toUserView),
    }),
  );

  app.post(
    '/v1/users',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Add a user',
        body: UserCreate,
        response: withErrors({ 201: UserView }),
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const id = deps.ids.next('usr');
      const nowMs = deps.clock.nowMs();
      const created = await insertUser(db, {
        ...request.body,
        id,
        tenantId: principal.tenantId,
        nowMs,
      });
      if (!created) return sendError(request, reply, 'USER_EXISTS', { email: request.body.email });
      return reply.code(201).send(toUserView({ ...request.body, id, createdAtMs: nowMs }));
    },
  );

  app.patch(
    '/v1/users/:id',
    {
      config: { access },
      schema: {
        tags,
        summary: "Change a user's name, role or language",
        params: z.object({ id: label(100) }),
        body: UserPatch,
        response: withErrors({ 200: UserView }),
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const patch = Object.fromEntries(
        Object.entries(request.body).filter(([, v]) => v !== undefined),
      );
      if (request.body.role && !canGrant(principal.role, request.body.role))
        return sendError(request, reply, 'FORBIDDEN', {
          role: principal.role,
          required: request.body.role,
        });
      const found = await updateUser(db, principal.tenantId, request.params.id, patch);
      const user = found
        ? (await listUsers(db, principal.tenantId)).find((u) => u.id === request.params.id)
        : undefined;
      if (!user) return sendError(request, reply, 'USER_NOT_FOUND', { userId: request.params.id });
      return toUserView(user);
    },
  );
}
