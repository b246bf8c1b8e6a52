/**
 * The emulator's control API under /_emulator/, for a sandbox in another process: the same
 * seeding, buyer actions, faults and reads as the in-process PlatformEmulator handle. Bodies are
 * checked with zod; a refused action answers 400 `{error}`. Routes are registered before the server
 * listens, while the handle they act on exists only after, hence `emulatorOf`.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { PlatformEmulator } from '../kit/emulator.ts';

const ShopSeed = z.object({
  platformShopId: z.string(),
  shopCipher: z.string().optional(),
  name: z.string().optional(),
  region: z.string().optional(),
  appKey: z.string(),
  appSecret: z.string(),
  accessToken: z.string(),
  refreshToken: z.string(),
  accessTokenExpiresAtMs: z.number(),
  webhookUrl: z.string().nullable(),
  warehouseIds: z.array(z.string()),
});
const ProductSeeds = z.object({
  products: z.array(
    z.object({
      itemId: z.string(),
      title: z.string(),
      variants: z.array(
        z.object({
          variantId: z.string(),
          sellerSku: z.string(),
          stock: z.record(z.string(), z.number().int()),
        }),
      ),
    }),
  ),
});
const Ref = z.object({ platformShopId: z.string(), itemId: z.string(), variantId: z.string() });
const OrderInput = z.object({
  platformShopId: z.string(),
  lines: z.array(
    z.object({ itemId: z.string(), variantId: z.string(), quantity: z.number().int().positive() }),
  ),
  paid: z.boolean().optional(),
});
const ShopRef = z.object({ platformShopId: z.string() });
const FaultPatch = z
  .object({
    latencyMs: z.number(),
    jitterMs: z.number(),
    errorRate: z.number(),
    timeoutAfterApplyRate: z.number(),
    hangNextRequests: z.number().int().min(0),
    outageUntilMs: z.number(),
    webhookOutageUntilMs: z.number(),
  })
  .partial();

export function registerControlRoutes(
  app: FastifyInstance,
  emulatorOf: () => PlatformEmulator,
): void {
  const act = (reply: FastifyReply, run: () => unknown) => {
    try {
      return reply.send(run() ?? { ok: true });
    } catch (error) {
      return reply
        .code(400)
        .send({ error: error instanceof Error ? error.message : String(error) });
    }
  };
  app.post('/_emulator/shops', (req, reply) =>
    act(reply, () => emulatorOf().seedShop(ShopSeed.parse(req.body))),
  );
  app.post<{ Params: { shopId: string } }>('/_emulator/shops/:shopId/products', (req, reply) =>
    act(reply, () =>
      emulatorOf().seedProducts(req.params.shopId, ProductSeeds.parse(req.body).products),
    ),
  );
  app.post<{ Params: { shopId: string } }>('/_emulator/shops/:shopId/expire-token', (req, reply) =>
    act(reply, () => emulatorOf().expireAccessToken(req.params.shopId)),
  );
  app.post('/_emulator/orders', (req, reply) =>
    act(reply, () => emulatorOf().placeOrder(OrderInput.parse(req.body))),
  );
  registerOrderActions(app, emulatorOf, act);
  app.post('/_emulator/faults', (req, reply) =>
    act(reply, () => emulatorOf().faults.update(FaultPatch.parse(req.body))),
  );
  app.get('/_emulator/stats', (_req, reply) => act(reply, () => emulatorOf().stats()));
  app.get('/_emulator/webhooks', (_req, reply) =>
    act(reply, () => emulatorOf().webhookDeliveries()),
  );
  app.get('/_emulator/stock', (req, reply) =>
    act(reply, () => {
      const ref = Ref.parse(req.query);
      return emulatorOf().shownStock(ref.platformShopId, ref);
    }),
  );
  app.put('/_emulator/stock', (req, reply) =>
    act(reply, () => {
      const input = Ref.extend({
        warehouseId: z.string(),
        quantity: z.number().int().nonnegative(),
      }).parse(req.body);
      emulatorOf().setShownStock(input.platformShopId, input, input.warehouseId, input.quantity);
    }),
  );
}

type Act = (reply: FastifyReply, run: () => unknown) => FastifyReply;

/** pay / cancel (as the buyer) / ship / return (as the buyer), and the order's status. */
function registerOrderActions(
  app: FastifyInstance,
  emulatorOf: () => PlatformEmulator,
  act: Act,
): void {
  const actions = {
    pay: (shopId: string, orderId: string) => emulatorOf().payOrder(shopId, orderId),
    cancel: (shopId: string, orderId: string) => emulatorOf().cancelOrderAsBuyer(shopId, orderId),
    ship: (shopId: string, orderId: string) => emulatorOf().shipOrder(shopId, orderId),
    return: (shopId: string, orderId: string) => emulatorOf().returnOrder(shopId, orderId),
  };
  for (const [name, action] of Object.entries(actions)) {
    app.post<{ Params: { orderId: string } }>(`/_emulator/orders/:orderId/${name}`, (req, reply) =>
      act(reply, () => action(ShopRef.parse(req.body).platformShopId, req.params.orderId)),
    );
  }
  app.get<{ Params: { orderId: string } }>('/_emulator/orders/:orderId', (req, reply) =>
    act(reply, () => ({
      status: emulatorOf().orderStatus(ShopRef.parse(req.query).platformShopId, req.params.orderId),
    })),
  );
}
