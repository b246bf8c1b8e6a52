/**
 * The emulator's own controls over HTTP under /_emulator/, so a sandbox in another process can
 * drive it as tests drive the in-process handle: seed sellers and products, act as buyers, set
 * faults, read stats and shown stock, change shown stock, mark Choice listings, expire tokens,
 * read push deliveries. Answers are plain JSON; a caller's mistake is HTTP 400 `{error}`.
 */
import { z } from 'zod';
import type { ControlHandler } from './http-server.ts';
import type { LazadaEmulatorHandle } from './server.ts';

const Ref = z.object({ itemId: z.string().min(1), variantId: z.string() });
const ShopSeed = z.object({
  platformShopId: z.string().min(1),
  name: z.string().optional(),
  region: z.string().optional(),
  appKey: z.string().min(1),
  appSecret: z.string().min(1),
  accessToken: z.string().min(1),
  refreshToken: z.string().min(1),
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
    retryAfterSeconds: z.number().nonnegative(),
    outageUntilMs: z.number(),
    webhookOutageUntilMs: z.number(),
  })
  .partial();
const StockChange = Ref.extend({ warehouseId: z.string().min(1), quantity: z.number().int() });
const ChoiceFlag = z.object({ choice: z.boolean() });

type Action = (match: string[], query: URLSearchParams, body: unknown) => unknown;

/** The control routes over the emulator handle (known once the server listens). */
export function controlRoutes(emulator: () => LazadaEmulatorHandle): ControlHandler {
  const e = emulator;
  const orderAction =
    (act: (shopId: string, orderId: string) => void): Action =>
    ([shopId, orderId]) => {
      act(shopId!, orderId!);
      return { status: e().orderStatus(shopId!, orderId!) };
    };
  const routes: Array<[string, RegExp, Action]> = [
    ['POST', /^\/_emulator\/shops$/, (_m, _q, body) => e().seedShop(ShopSeed.parse(body))],
    [
      'POST',
      /^\/_emulator\/shops\/([^/]+)\/products$/,
      ([shopId], _q, body) => e().seedProducts(shopId!, ProductSeeds.parse(body)),
    ],
    [
      'POST',
      /^\/_emulator\/shops\/([^/]+)\/products\/([^/]+)\/choice$/,
      ([shopId, itemId], _q, body) =>
        e().setChoice(shopId!, itemId!, ChoiceFlag.parse(body).choice),
    ],
    ['POST', /^\/_emulator\/orders$/, (_m, _q, body) => e().placeOrder(BuyerOrder.parse(body))],
    [
      'POST',
      /^\/_emulator\/shops\/([^/]+)\/orders\/([^/]+)\/pay$/,
      orderAction((s, o) => e().payOrder(s, o)),
    ],
    [
      'POST',
      /^\/_emulator\/shops\/([^/]+)\/orders\/([^/]+)\/cancel$/,
      orderAction((s, o) => e().cancelOrderAsBuyer(s, o)),
    ],
    [
      'POST',
      /^\/_emulator\/shops\/([^/]+)\/orders\/([^/]+)\/ship$/,
      orderAction((s, o) => e().shipOrder(s, o)),
    ],
    [
      'POST',
      /^\/_emulator\/shops\/([^/]+)\/orders\/([^/]+)\/return$/,
      orderAction((s, o) => e().returnOrder(s, o)),
    ],
    [
      'GET',
      /^\/_emulator\/shops\/([^/]+)\/orders\/([^/]+)$/,
      ([shopId, orderId]) => ({ status: e().orderStatus(shopId!, orderId!) }),
    ],
    ['GET', /^\/_emulator\/faults$/, () => e().faults.settings],
    ['POST', /^\/_emulator\/faults$/, (_m, _q, body) => e().faults.update(FaultPatch.parse(body))],
    ['GET', /^\/_emulator\/stats$/, () => e().stats()],
    ['GET', /^\/_emulator\/webhooks$/, () => e().webhookDeliveries()],
    [
      'GET',
      /^\/_emulator\/shops\/([^/]+)\/stock$/,
      ([shopId], query) => e().shownStock(shopId!, Ref.parse(Object.fromEntries(query))),
    ],
    [
      'PUT',
      /^\/_emulator\/shops\/([^/]+)\/stock$/,
      ([shopId], _q, body) => {
        const change = StockChange.parse(body);
        e().setShownStock(shopId!, change, change.warehouseId, change.quantity);
      },
    ],
    [
      'POST',
      /^\/_emulator\/shops\/([^/]+)\/expire-token$/,
      ([shopId]) => e().expireAccessToken(shopId!),
    ],
  ];
  return (method, path, query, text) => {
    for (const [wanted, pattern, action] of routes) {
      const match = pattern.exec(path);
      if (!match || wanted !== method) continue;
      try {
        const body = text === '' ? undefined : (JSON.parse(text) as unknown);
        const result = action(match.slice(1).map(decodeURIComponent), query, body);
        return { status: 200, body: result === undefined ? { ok: true } : result };
      } catch (error) {
        return {
          status: 400,
          body: { error: error instanceof Error ? error.message : String(error) },
        };
      }
    }
    return null;
  };
}
