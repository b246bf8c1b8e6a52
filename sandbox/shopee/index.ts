/**
 * The Shopee Open Platform v2 emulator: a real Fastify server on 127.0.0.1 serving the shop and
 * token APIs StockPool uses under /api/v2/ (signatures, tokens, envelope and error names per
 * shopee.md), buyer actions that move stock as Shopee does, signed order status pushes (kept as
 * lost pushes, served by the push APIs, once their retries run out), fault injection and a per (partner, shop, path) throttle answered HTTP 429 `error_rate_limit`.
 */
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import type { AddressInfo } from 'node:net';
import type { EmulatorOptions, PlatformEmulator } from '../kit/emulator.ts';
import { Faults } from '../kit/faults.ts';
import { RateWindow } from '../kit/rate-window.ts';
import { SHOPEE_DEFAULT_RATE_PER_SECOND } from '../../src/connectors/shopee/options.ts';
import { registerAuthRoutes } from './auth-routes.ts';
import { AuthStore } from './auth-store.ts';
import { CatalogStore } from './catalog-store.ts';
import { registerControlRoutes } from './control-routes.ts';
import { ShopeeEmulator } from './emulator.ts';
import { errorBody } from './envelope.ts';
import type { GateDeps } from './gate.ts';
import { registerOrderRoutes } from './order-routes.ts';
import { OrderStore } from './order-store.ts';
import { LostPushStore } from './lost-pushes.ts';
import { registerProductRoutes } from './product-routes.ts';
import { OrderPushes } from './push.ts';
import { registerPushRoutes } from './push-routes.ts';
import { StatsRecorder } from './stats.ts';

/**
 * Starts the emulator. The throttle defaults to the connector's own default (10 requests/s per
 * partner, shop and API): Shopee publishes no per-API figure (§2.6).
 */
export async function startShopeeEmulator(
  options: EmulatorOptions = {},
): Promise<PlatformEmulator> {
  const nowMs = options.nowMs ?? Date.now;
  const app = Fastify({ logger: false, forceCloseConnections: true });
  const stats = new StatsRecorder();
  const auth = new AuthStore(nowMs);
  const catalog = new CatalogStore(nowMs);
  const faults = new Faults(options.seed ?? 1, nowMs);
  const lost = new LostPushStore(nowMs);
  const pushes = new OrderPushes(nowMs, lost, {
    retryDelaysMs: options.webhookRetryDelaysMs,
    isTargetDown: () => faults.isWebhookTargetDown(),
  });
  const orders = new OrderStore(catalog, nowMs, (order) => {
    const shop = auth.shop(order.shopId);
    if (shop) pushes.orderChanged(shop, order);
  });
  const rate = options.rateLimitPerSecond ?? SHOPEE_DEFAULT_RATE_PER_SECOND;
  const gate: GateDeps = {
    auth,
    faults,
    // Real time on purpose: a test's skewed clock must not change how fast requests may come.
    rate: new RateWindow(rate, rate),
    stats,
    nowMs,
    hung: new Set<FastifyReply>(),
  };
  answerLikeShopee(app);
  registerProductRoutes(app, gate, { catalog });
  registerOrderRoutes(app, gate, { orders, stats });
  registerAuthRoutes(app, gate, auth);
  registerPushRoutes(app, gate, lost);
  // Routes must exist before listening; the handle they act on exists only after.
  let handle: PlatformEmulator | null = null;
  registerControlRoutes(app, () => {
    if (!handle) throw new Error('the emulator is still starting');
    return handle;
  });
  await app.listen({ port: options.port ?? 0, host: options.host ?? '127.0.0.1' });
  const address = app.server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  handle = new ShopeeEmulator({
    app,
    baseUrl: `http://${host}:${address.port}`,
    auth,
    catalog,
    orders,
    pushes,
    stats,
    faults: gate.faults,
    hung: gate.hung,
  });
  return handle;
}

/** Unknown paths and unreadable bodies get Shopee's envelope rather than Fastify's own. */
function answerLikeShopee(app: FastifyInstance): void {
  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send(errorBody('error_not_found', `No API at ${request.url.split('?')[0]}.`)),
  );
  app.setErrorHandler((error: { statusCode?: number; message: string }, _request, reply) => {
    const status = error.statusCode ?? 500;
    if (status < 500)
      return reply
        .code(status)
        .send(errorBody('error_param', `Wrong parameters, detail: ${error.message}`));
    return reply.code(500).send(errorBody('error_inner', 'System error, please try again later.'));
  });
}
