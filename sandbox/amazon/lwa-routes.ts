/**
 * Login with Amazon's token endpoint (amazon.md §4.1): `POST /auth/o2/token`, JSON or
 * form-encoded, grant_type=refresh_token with the app's client id and secret. Answers a new
 * access token for an hour and the same refresh token (no rotation); OAuth errors otherwise.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { AmazonContext } from './context.ts';
import { admitAuthCall } from './gate.ts';

/** LWA access tokens last an hour (§4.1). */
export const ACCESS_TOKEN_LIFETIME_S = 3600;

export function registerLwaRoutes(app: FastifyInstance, context: AmazonContext): void {
  app.post('/auth/o2/token', async (request, reply) => {
    if (!(await admitAuthCall(context, request, reply))) return reply;
    const body = readBody(request.body);
    const grant = body.get('grant_type');
    if (!grant)
      return oauthError(
        reply,
        400,
        'invalid_request',
        'The request is missing a required parameter : grant_type',
      );
    if (grant !== 'refresh_token')
      return oauthError(reply, 400, 'unsupported_grant_type', `Unsupported grant type: ${grant}`);
    const appRecord = context.state.apps.get(body.get('client_id') ?? '');
    if (!appRecord || appRecord.appSecret !== body.get('client_secret'))
      return oauthError(reply, 401, 'invalid_client', 'Client authentication failed');
    const refreshToken = body.get('refresh_token') ?? '';
    const owner = context.state.refreshTokens.get(refreshToken);
    if (!owner || owner.appKey !== appRecord.appKey)
      return oauthError(
        reply,
        400,
        'invalid_grant',
        'The request has an invalid grant parameter : refresh_token',
      );
    const accessToken = context.state.issueAccessToken(
      owner.sellerId,
      owner.appKey,
      ACCESS_TOKEN_LIFETIME_S * 1000,
    );
    return reply.code(200).header('content-type', 'application/json').send({
      access_token: accessToken,
      refresh_token: refreshToken,
      token_type: 'bearer',
      expires_in: ACCESS_TOKEN_LIFETIME_S,
    });
  });
}

/** The body's fields, whether it came as JSON or as a form. */
function readBody(body: unknown): URLSearchParams {
  if (body instanceof URLSearchParams) return body;
  const fields = new URLSearchParams();
  if (body && typeof body === 'object')
    for (const [key, value] of Object.entries(body))
      if (typeof value === 'string') fields.set(key, value);
  return fields;
}

function oauthError(
  reply: FastifyReply,
  status: number,
  error: string,
  description: string,
): FastifyReply {
  return reply
    .code(status)
    .header('content-type', 'application/json')
    .send({ error, error_description: description });
}
