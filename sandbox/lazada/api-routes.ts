/**
 * The Lazada API paths the emulator serves (lazada.md §3.7, §3.4), with whether they need a
 * seller's access token. Paths are the API paths without the gateway's `/rest`.
 */
import { refuse, type ApiAnswer } from './answers.ts';
import { getProducts, updateSellable } from './catalog-api.ts';
import type { EmulatorContext } from './context.ts';
import { createCancel, getMultipleOrderItems, getOrders, validateCancel } from './order-api.ts';
import type { ShopRecord } from './state.ts';
import { refreshToken } from './token-api.ts';

export interface ApiCall {
  context: EmulatorContext;
  /** The seller whose access token came with the call; null for the token API. */
  shop: ShopRecord | null;
  appKey: string;
  params: URLSearchParams;
}

interface Route {
  needsToken: boolean;
  handle: (call: ApiCall) => ApiAnswer;
}

type SellerCall = ApiCall & { shop: ShopRecord };

/** A route that acts for the seller the access token belongs to. */
const sellerRoute = (handle: (call: SellerCall) => ApiAnswer): Route => ({
  needsToken: true,
  handle: (call) =>
    call.shop
      ? handle({ ...call, shop: call.shop })
      : refuse('IllegalAccessToken', 'The specified access token is invalid or expired', 'SYSTEM'),
});

export const API_ROUTES: Readonly<Record<string, Route>> = {
  '/products/get': sellerRoute(({ shop, params }) => getProducts(shop, params)),
  '/product/stock/sellable/update': sellerRoute(({ context, shop, params }) =>
    updateSellable(context, shop, params),
  ),
  '/orders/get': sellerRoute(({ shop, params }) => getOrders(shop, params)),
  '/orders/items/get': sellerRoute(({ shop, params }) => getMultipleOrderItems(shop, params)),
  '/order/reverse/cancel/validate': sellerRoute(({ shop, params }) => validateCancel(shop, params)),
  '/order/reverse/cancel/create': sellerRoute(({ context, shop, params }) =>
    createCancel(context, shop, params),
  ),
  '/auth/token/refresh': {
    needsToken: false,
    handle: ({ context, appKey, params }) => refreshToken(context, appKey, params),
  },
};
