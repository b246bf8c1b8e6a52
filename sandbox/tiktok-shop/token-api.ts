/**
 * Refresh Token on the auth host (tiktok-shop.md §1.4): unsigned GET with app_key, app_secret,
 * refresh_token and grant_type=refresh_token. A new access token (7 days) is issued; the refresh
 * token stays the same until its own expiry. `*_expire_in` are absolute unix seconds.
 */
import type { EmulatorContext } from './context.ts';
import type { ApiOutcome } from './envelope.ts';
import { CODES, refuse } from './envelope.ts';
import { ACCESS_TOKEN_LIFETIME_MS } from './state.ts';

export function refreshAccessToken(context: EmulatorContext, query: URLSearchParams): ApiOutcome {
  if (query.get('grant_type') !== 'refresh_token')
    return refuse(CODES.badRequest, 'grant_type must be refresh_token');
  const appKey = query.get('app_key') ?? '';
  const secret = context.state.appSecret(appKey);
  if (secret === undefined || secret !== query.get('app_secret'))
    return refuse(CODES.credentialsOrTimestamp, 'Invalid app_key or app_secret', 401);
  const refreshToken = query.get('refresh_token') ?? '';
  const record = context.state.refreshTokens.get(refreshToken);
  const shop = record ? context.state.shops.get(record.shopId) : undefined;
  if (!record || !shop || shop.seed.appKey !== appKey)
    return refuse(CODES.invalidToken, 'Invalid refresh_token', 401);
  if (context.nowMs() >= record.expiresAtMs)
    return refuse(CODES.tokenExpired, 'refresh_token is expired', 401);
  const accessToken = context.ids.token('TTP_');
  const expiresAtMs = context.nowMs() + ACCESS_TOKEN_LIFETIME_MS;
  context.state.accessTokens.set(accessToken, { shopId: record.shopId, expiresAtMs });
  return {
    ok: true,
    data: {
      access_token: accessToken,
      access_token_expire_in: Math.floor(expiresAtMs / 1000),
      refresh_token: refreshToken,
      refresh_token_expire_in: Math.floor(record.expiresAtMs / 1000),
      open_id: `open_${shop.seed.platformShopId}`,
      seller_name: shop.seed.name ?? `Shop ${shop.seed.platformShopId}`,
      seller_base_region: shop.seed.region ?? 'US',
      user_type: 0,
      granted_scopes: [],
    },
  };
}
