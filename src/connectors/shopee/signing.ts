/**
 * Shopee request signing (shopee.md §2.3): `sign = lowercase hex HMAC-SHA256(partner_key, base)`
 * where base is the plain concatenation, without separators, of
 * - Shop API:   partner_id + api_path + timestamp + access_token + shop_id
 * - Public API: partner_id + api_path + timestamp   (token get/refresh, push config)
 * The path has no host and no query; the body is not signed. The partner_key is used as given,
 * as a UTF-8 string (not hex-decoded).
 */
import { hmacSha256Hex } from '../http/hmac.ts';

/** What a Shopee signature covers. `shop` is absent for public APIs. */
export interface ShopeeSignInput {
  partnerId: string;
  partnerKey: string;
  /** API path, e.g. `/api/v2/product/update_stock`. */
  path: string;
  /** Unix seconds; Shopee accepts it for 5 minutes (§2.2). */
  timestampSec: number;
  shop?: { accessToken: string; shopId: string };
}

/** The string Shopee signs (exposed for tests and the emulator). */
export function shopeeBaseString(input: ShopeeSignInput): string {
  const common = `${input.partnerId}${input.path}${input.timestampSec}`;
  return input.shop ? `${common}${input.shop.accessToken}${input.shop.shopId}` : common;
}

/** The `sign` query parameter for one request. */
export function signShopeeRequest(input: ShopeeSignInput): string {
  return hmacSha256Hex(input.partnerKey, shopeeBaseString(input));
}

/**
 * The common query parameters of a signed call, in the order Shopee's samples use. Business
 * parameters of GET calls are appended by the caller; POST bodies are never signed.
 */
export function signedCommonParams(input: ShopeeSignInput): URLSearchParams {
  const params = new URLSearchParams({
    partner_id: input.partnerId,
    timestamp: String(input.timestampSec),
  });
  if (input.shop) {
    params.set('access_token', input.shop.accessToken);
    params.set('shop_id', input.shop.shopId);
  }
  params.set('sign', signShopeeRequest(input));
  return params;
}
