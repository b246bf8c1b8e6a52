/**
 * The emulator's token refresh, `POST /api/v2/auth/access_token/get` (public API, §2.4): body
 * `{refresh_token, partner_id, shop_id}`; the answer puts the new tokens beside the envelope
 * fields. The refresh token is single-use: the old one is refused with error_auth
 * "Invalid refresh_token." once spent.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AuthStore } from './auth-store.ts';
import { authError, paramError, requestId, type ShopeeBody } from './envelope.ts';
import { publicRoute, type GateDeps, type PublicContext } from './gate.ts';
import { parseBody } from './params.ts';

const RefreshBody = z.object({
  refresh_token: z.string().min(1),
  partner_id: z.number().int().positive(),
  shop_id: z.number().int().positive(),
});

export function registerAuthRoutes(app: FastifyInstance, gate: GateDeps, auth: AuthStore): void {
  app.post(
    '/api/v2/auth/access_token/get',
    publicRoute(gate, (c) => refreshAccessToken(auth, c)),
  );
}

function refreshAccessToken(auth: AuthStore, context: PublicContext): ShopeeBody {
  const body = parseBody(RefreshBody, context.body);
  if (String(body.partner_id) !== context.partnerId)
    throw paramError('Wrong parameters, detail: partner_id.');
  const shopId = String(body.shop_id);
  if (auth.shop(shopId)?.partnerId !== context.partnerId) {
    throw authError('shop_no_linked', 'Shop is not linked to the partner.');
  }
  const issued = auth.refresh(shopId, body.refresh_token);
  if (!issued) throw authError('error_auth', 'Invalid refresh_token.');
  return {
    error: '',
    message: '',
    request_id: requestId(),
    access_token: issued.accessToken,
    refresh_token: issued.refreshToken,
    expire_in: issued.expireInSec,
    partner_id: body.partner_id,
    shop_id: body.shop_id,
  };
}
