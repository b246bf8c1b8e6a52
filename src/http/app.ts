/**
 * Builds the Fastify app without listening: JSON parsing with limits, zod validation, bearer
 * auth, the error map, metrics, the OpenAPI docs and every route. Tests inject or listen on it;
 * server.ts listens for `stockpool start`.
 */
import Fastify, { type FastifyServerOptions } from 'fastify';
import { serializerCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ApiInstance, ApiServices, RouteDeps } from './api-types.ts';
import { registerAuth } from './auth.ts';
import { handleFrameworkError, registerErrorHandlers } from './error-handler.ts';
import { registerJsonBodyParser } from './json-body-parser.ts';
import { createApiMetrics } from './metrics.ts';
import { isDocsRoute, registerOpenApi } from './openapi.ts';
import { registerAlertRoutes } from './routes/alerts/alert-routes.ts';
import { registerAllocationRoutes } from './routes/allocation/allocation-routes.ts';
import { registerChannelOrderRoutes } from './routes/channel-orders/channel-order-routes.ts';
import { registerHealthRoutes } from './routes/health/health-routes.ts';
import { registerHoldRoutes } from './routes/holds/hold-routes.ts';
import { registerListingRoutes } from './routes/listings/listing-routes.ts';
import { registerMovementRoutes } from './routes/movements/movement-routes.ts';
import { registerReceiptRoutes } from './routes/receipts/receipt-routes.ts';
import { registerSettingsRoutes } from './routes/settings/settings-routes.ts';
import { registerShopRoutes } from './routes/shops/shop-routes.ts';
import { registerSkuRoutes } from './routes/skus/sku-routes.ts';
import { registerStockRoutes } from './routes/stock/stock-routes.ts';
import { registerStocktakeRoutes } from './routes/stocktakes/stocktake-routes.ts';
import { registerSyncRoutes } from './routes/sync/sync-routes.ts';
import { registerTenantRoutes } from './routes/tenants/tenant-routes.ts';
import { registerTokenRoutes } from './routes/tokens/token-routes.ts';
import { registerTransferRoutes } from './routes/transfers/transfer-routes.ts';
import { registerUserRoutes } from './routes/users/user-routes.ts';
import { registerWarehouseRoutes } from './routes/warehouses/warehouse-routes.ts';
import { registerWebhookRoutes } from './routes/webhooks/webhook-routes.ts';
import { zodValidatorCompiler } from './validation.ts';

export interface AppOptions {
  /** Largest accepted request body (Config.bodyLimitBytes). */
  bodyLimitBytes: number;
  /** Fastify's logger option: false in tests, pino options for `stockpool start`. */
  logger?: FastifyServerOptions['logger'];
  /** Shown in the OpenAPI document. */
  version?: string;
  /** The public address webhooks are registered under (Config.publicUrl). */
  publicUrl?: string;
}

/** A slow client may hold a connection this long per request, no longer. */
const REQUEST_TIMEOUT_MS = 30_000;

/** Every route the app serves, with what it needs from a caller (for docs and tests). */
export interface ApiRoute {
  method: string;
  url: string;
  public: boolean;
}

export async function buildApp(
  services: ApiServices,
  options: AppOptions,
): Promise<ApiInstance & { apiRoutes: ApiRoute[] }> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: options.bodyLimitBytes,
    requestTimeout: REQUEST_TIMEOUT_MS,
    routerOptions: { maxParamLength: 200 },
    frameworkErrors: handleFrameworkError,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(zodValidatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerJsonBodyParser(app);
  registerErrorHandlers(app, { bodyLimitBytes: options.bodyLimitBytes });

  const apiRoutes: ApiRoute[] = [];
  app.addHook('onRoute', (route) => {
    if (isDocsRoute(route.url)) route.config = { ...route.config, access: { public: true } };
    for (const method of [route.method].flat())
      apiRoutes.push({ method, url: route.url, public: route.config?.access?.public === true });
  });
  registerAuth(app, services);

  const metrics = createApiMetrics(services.database);
  app.addHook('onResponse', async (request, reply) => {
    metrics.observeRequest(
      {
        method: request.method,
        route: request.is404 ? 'unmatched' : (request.routeOptions.url ?? 'unmatched'),
        status: reply.statusCode,
      },
      reply.elapsedTime / 1000,
    );
  });

  await registerOpenApi(app, { version: options.version ?? '0.1.0' });
  const deps: RouteDeps = { ...services, metrics, publicUrl: options.publicUrl };
  for (const register of ROUTES) register(app, deps);
  return Object.assign(app, { apiRoutes });
}

const ROUTES: readonly ((app: ApiInstance, deps: RouteDeps) => void)[] = [
  registerHealthRoutes,
  registerTenantRoutes,
  registerUserRoutes,
  registerTokenRoutes,
  registerSettingsRoutes,
  registerWarehouseRoutes,
  registerSkuRoutes,
  registerStockRoutes,
  registerMovementRoutes,
  registerHoldRoutes,
  registerReceiptRoutes,
  registerStocktakeRoutes,
  registerTransferRoutes,
  registerWebhookRoutes,
  registerShopRoutes,
  registerListingRoutes,
  registerChannelOrderRoutes,
  registerAllocationRoutes,
  registerSyncRoutes,
  registerAlertRoutes,
];
