/**
 * The emulator's own controls over HTTP under /_emulator/, so a sandbox in another process can
 * drive it as tests drive the in-process handle: seed shops and products, act as buyers, set
 * faults, read stats, shown stock and webhook deliveries, change shown stock, revoke tokens.
 * Answers are plain JSON; a caller's mistake is HTTP 400 `{error}`.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { PlatformEmulator } from '../kit/emulator.ts';

const Ref = z.object({ itemId: z.string().min(1), variantId: z.string() });
const ShopSeed = z.object({
  platformShopId: z.string().min(1),
  name: z.string().optional(),
  region: z.string().optional(),
  appKey: z.string().min(1),
  appSecret: z.string().min(1),
  accessToken: z.string().min(1),
  refreshToken: z.string(),
  accessTokenExpiresAtMs: z.number(),
  webhookUrl: z.string().nullable(),
  warehouseIds: z.array(z.string().min(1)).min(1),
});
const ProductSeeds = z.array(
  z.object({
    itemId: z.string().min(1),
    title: z.string(),
    variants: z.array(
      z.object({
        variantId: z.string().min(1),
        sellerSku: z.string(),
        stock: z.record(z.string(), z.number().int()),
      }),
    ),
  }),
);
const BuyerOrder = z.object({
  platformShopId: z.string().min(1),
  lines: z.array(Ref.extend({ quantity: z.number().int().positive() })).min(1),
  paid: z.boolean().optional(),
});
const FaultPatch = z
  .object({
    latencyMs: z.number().nonnegative(),
    jitterMs: z.number().nonnegative(),
    errorRate: z.number().min(0).max(1),
    timeoutAfterApplyRate: z.number().min(0).max(1),
    hangNextRequests: z.number().int().min(0),
    throttleRate: z.number().min(0).max(1),
    outageUntilMs: z.number(),
    webhookOutageUntilMs: z.number(),
  })
  .partial();
const StockChange = Ref.extend({ warehouseId: z.string().min(1), quantity: z.number().int() });

type ShopParams = { Params: { shopId: string } };
type OrderParams = { Params: { shopId: string; orderId: string } };

export function registerControlRoutes(
  app: FastifyInstance,
  emulator: () => PlatformEmulator,
): void {
  app.post('/_emulator/shops', (request, reply) =>
    control(reply, () => emulator().seedShop(ShopSeed.parse(request.body))),
  );
  app.post<ShopParams>('/_emulator/shops/:shopId/products', (request, reply) =>
    control(reply, () =>
      emulator().seedProducts(request.params.shopId, ProductSeeds.parse(request.body)),
    ),
  );
  app.post('/_emulator/orders', (request, reply) =>
    control(reply, () => emulator().placeOrder(BuyerOrder.parse(request.body))),
  );
  const actions = {
    pay: (shopId: string, orderId: string) => emulator().payOrder(shopId, orderId),
    cancel: (shopId: string, orderId: string) => emulator().cancelOrderAsBuyer(shopId, orderId),
    ship: (shopId: string, orderId: string) => emulator().shipOrder(shopId, orderId),
    return: (shopId: string, orderId: string) => emulator().returnOrder(shopId, orderId),
  };
  for (const [name, act] of Object.entries(actions))
    app.post<OrderParams>(`/_emulator/shops/:shopId/orders/:orderId/${name}`, (request, reply) =>
      control(reply, () => {
        act(request.params.shopId, request.params.orderId);
        return { status: emulator().orderStatus(request.params.shopId, request.params.orderId) };
      }),
    );
  app.get<OrderParams>('/_emulator/shops/:shopId/orders/:orderId', (request, reply) =>
    control(reply, () => ({
      status: emulator().orderStatus(request.params.shopId, request.params.orderId),
    })),
  );
  app.get('/_emulator/faults', (_request, reply) =>
    control(reply, () => emulator().faults.settings),
  );
  app.post('/_emulator/faults', (request, reply) =>
    control(reply, () => emulator().faults.update(FaultPatch.parse(request.body))),
  );
  app.get('/_emulator/stats', (_request, reply) => control(reply, () => emulator().stats()));
  app.get('/_emulator/webhooks', (_request, reply) =>
    control(reply, () => emulator().webhookDeliveries()),
  );
  app.get<ShopParams & { Querystring: { itemId?: string; variantId?: string } }>(
    '/_emulator/shops/:shopId/stock',
    (request, reply) =>
      control(reply, () => emulator().shownStock(request.params.shopId, Ref.parse(request.query))),
  );
  app.put<ShopParams>('/_emulator/shops/:shopId/stock', (request, reply) =>
    control(reply, () => {
      const change = StockChange.parse(request.body);
      emulator().setShownStock(request.params.shopId, change, change.warehouseId, change.quantity);
    }),
  );
  app.post<ShopParams>('/_emulator/shops/:shopId/expire-token', (request, reply) =>
    control(reply, () => emulator().expireAccessToken(request.params.shopId)),
  );
}

/** Runs one control action: its result as JSON (`{ok:true}` for none), or 400 with the error. */
function control(reply: FastifyReply, action: () => unknown): FastifyReply {
  try {
    const result = action();
    return reply.code(200).send(result === undefined ? { ok: true } : result);
  } catch (error) {
    return reply.code(400).send({ error: error instanceof Error ? error.message : String(error) });
  }
}
