/**
 * Bearer-token authentication and role checks, before the body is even read. Every route needs a
 * token unless it is declared public; reads need viewer, writes operator unless the route asks
 * for more; tenant administration needs the admin flag. The tenant always comes from the token.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authenticateToken } from '../access/api-tokens.ts';
import { hasRole, type Role } from '../domain/roles.ts';
import { negotiateLocale } from '../i18n/locale.ts';
import { touchToken } from '../store/principals-repo.ts';
import type { ApiServices, RouteAccess } from './api-types.ts';
import { sendError } from './error-reply.ts';

/** last_used_at is a hint, not an audit trail: write it at most this often per token. */
const TOUCH_INTERVAL_MS = 60_000;
const MAX_TRACKED_TOKENS = 10_000;

const READ_METHODS = new Set(['GET', 'HEAD']);

/** The role a route needs: its own declaration, else viewer to read and operator to write. */
export function requiredRole(method: string, access: RouteAccess | undefined): Role {
  return access?.role ?? (READ_METHODS.has(method) ? 'viewer' : 'operator');
}

export function registerAuth(app: FastifyInstance, services: ApiServices): void {
  const lastTouched = new Map<string, number>();
  const touches = new Set<Promise<void>>();
  // Closing waits for usage writes in flight, so the pool is never closed under one.
  app.addHook('onClose', async () => {
    await Promise.allSettled(touches);
  });
  app.decorateRequest('principal', null);
  app.decorateRequest('locale', 'en');
  app.addHook('onRoute', (route) => {
    const methods = [route.method].flat();
    const access = route.config?.access;
    // A route that writes but lets viewers in is a bug: refuse to start rather than serve it.
    if (!access?.public && methods.some((m) => !READ_METHODS.has(m)) && access?.role === 'viewer')
      throw new Error(`${methods.join(',')} ${route.url} lets viewers write`);
  });
  app.addHook('onRequest', async (request, reply) => {
    request.locale = negotiateLocale(request.headers['accept-language']);
    const access = request.routeOptions.config.access;
    if (request.is404 || access?.public) return;
    const principal = await authenticate(request, services);
    if (!principal) return deny(request, reply);
    request.principal = principal;
    if (access?.admin && !principal.isAdmin)
      return sendError(request, reply, 'FORBIDDEN', { role: principal.role, required: 'admin' });
    const needed = requiredRole(request.method, access);
    if (!hasRole(principal.role, needed))
      return sendError(request, reply, 'FORBIDDEN', { role: principal.role, required: needed });
    touchThrottled(request, services, { lastTouched, touches }, principal.tokenId);
  });
}

async function authenticate(request: FastifyRequest, services: ApiServices) {
  const header = request.headers.authorization;
  const match = header ? /^Bearer ([^\s]+)$/i.exec(header) : null;
  if (!match?.[1]) return null;
  return authenticateToken(services.database.db, match[1]);
}

function deny(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  reply.header('www-authenticate', 'Bearer realm="stockpool"');
  return sendError(request, reply, 'UNAUTHORIZED');
}

function touchThrottled(
  request: FastifyRequest,
  services: ApiServices,
  state: { lastTouched: Map<string, number>; touches: Set<Promise<void>> },
  tokenId: string,
): void {
  const { lastTouched, touches } = state;
  const nowMs = services.clock.nowMs();
  const previous = lastTouched.get(tokenId);
  if (previous !== undefined && nowMs - previous < TOUCH_INTERVAL_MS) return;
  if (lastTouched.size >= MAX_TRACKED_TOKENS) lastTouched.clear();
  lastTouched.set(tokenId, nowMs);
  // Not awaited: the request must not wait for, or fail on, a usage hint.
  const touch = touchToken(services.database.db, tokenId, nowMs)
    .catch((error: unknown) => request.log.warn({ err: error }, 'could not record token use'))
    .finally(() => touches.delete(touch));
  touches.add(touch);
}

/** The authenticated principal of a route that is not public (a bug if missing). */
export function principalOf(request: FastifyRequest) {
  if (!request.principal) throw new Error(`no principal on ${request.method} ${request.url}`);
  return request.principal;
}

/** The actor stock commands record in the ledger: the token's tenant and name. */
export function actorOf(request: FastifyRequest): { tenantId: string; name: string } {
  const p = principalOf(request);
  return { tenantId: p.tenantId, name: p.name };
}
