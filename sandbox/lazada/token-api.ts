/**
 * `/auth/token/refresh` on the auth host (lazada.md §3.4): signed like any call, no access token;
 * the answer is top level (no `data`), lifetimes in seconds. The old refresh token stays usable
 * until it expires (Lazada does not document it as single-use) [L].
 */
import type { ApiAnswer } from './answers.ts';
import { refuse } from './answers.ts';
import type { EmulatorContext } from './context.ts';
import { ACCESS_TOKEN_LIFETIME_S, REFRESH_TOKEN_LIFETIME_S } from './state.ts';

export function refreshToken(
  context: EmulatorContext,
  appKey: string,
  params: URLSearchParams,
): ApiAnswer {
  const refresh = params.get('refresh_token');
  if (!refresh)
    return refuse(
      'MissingParameter',
      'The input parameter "refresh_token" that is mandatory for processing this request is not supplied.',
    );
  const record = context.state.refreshTokens.get(refresh);
  const shop = record ? context.state.shops.get(record.sellerId) : undefined;
  const now = context.nowMs();
  if (!record || !shop || shop.seed.appKey !== appKey || now >= record.expiresAtMs)
    return refuse('IllegalRefreshToken', 'The specified refresh token is invalid or expired');
  const sellerId = shop.seed.platformShopId;
  const accessToken = `50000${context.state.mintId(600_000_000)}${sellerId}`;
  const refreshToken = `50001${context.state.mintId(700_000_000)}${sellerId}`;
  context.state.accessTokens.set(accessToken, {
    sellerId,
    expiresAtMs: now + ACCESS_TOKEN_LIFETIME_S * 1000,
  });
  context.state.refreshTokens.set(refreshToken, {
    sellerId,
    expiresAtMs: now + REFRESH_TOKEN_LIFETIME_S * 1000,
  });
  const country = (shop.seed.region ?? 'SG').toLowerCase();
  return {
    ok: true,
    topLevel: {
      access_token: accessToken,
      refresh_token: refreshToken,
      expires_in: ACCESS_TOKEN_LIFETIME_S,
      refresh_expires_in: REFRESH_TOKEN_LIFETIME_S,
      country,
      account_platform: 'seller_center',
      account: `seller-${sellerId}@example.com`,
      country_user_info_list: [
        { country, seller_id: sellerId, user_id: sellerId, short_code: `SG${sellerId}` },
      ],
    },
  };
}
