/**
 * Types every HTTP file shares: what the app needs from the composition root, the Fastify
 * instance with the zod type provider, and what a route declares about who may call it.
 */
import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { CatalogService } from '../catalog/catalog-service.ts';
import type { Role } from '../domain/roles.ts';
import type { InventoryService } from '../inventory/inventory-service.ts';
import type { Clock } from '../ports/clock.ts';
import type { Ids } from '../ports/ids.ts';
import type { Database } from '../store/database.ts';
import type { TokenPrincipal } from '../store/principals-repo.ts';
import type { Locale } from '../i18n/locale.ts';
import type { Sync } from '../sync/create-sync.ts';
import type { ApiMetrics } from './metrics.ts';

/** The services the API calls; `openStockPool()` returns a superset. */
export interface ApiServices {
  database: Database;
  inventory: InventoryService;
  catalog: CatalogService;
  sync: Sync;
  clock: Clock;
  ids: Ids;
}

/** Services plus the process-wide instruments the routes feed. */
export interface RouteDeps extends ApiServices {
  metrics: ApiMetrics;
  /** The address platforms call us at (scheme + host, no trailing slash), when behind a proxy. */
  publicUrl?: string;
}

export type ApiInstance = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/**
 * Who may call a route. `public` routes skip authentication (health, docs); otherwise the
 * token's role must reach `role`, and `admin` routes also need the tenant-admin flag.
 */
export interface RouteAccess {
  public?: boolean;
  role?: Role;
  admin?: boolean;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
  interface FastifyRequest {
    /** The authenticated token; null only on public routes and before authentication. */
    principal: TokenPrincipal | null;
    locale: Locale;
  }
}
