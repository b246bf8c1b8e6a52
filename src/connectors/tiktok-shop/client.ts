/**
 * One TikTok Shop API call done right: client-side pacing per API, common query and signature
 * (tiktok-shop.md §1.2, §1.3), the access token in its header, the envelope read into data or a
 * ConnectorError, the data validated with zod, and the token refreshed before it runs out or once
 * after the platform said it expired (token-refresher.ts: single-flight, across connectors of the
 * shop too when the caller shares the tokens).
 */
import type { z } from 'zod';
import type { RefreshedTokens, ShopAuth } from '../contract.ts';
import { ConnectorError, isConnectorError } from '../errors.ts';
import { RateLimiter } from '../http/rate-limiter.ts';
import { sendRequest } from '../http/send-request.ts';
import { TokenRefresher } from '../token-refresher.ts';
import { readEnvelope } from './envelope.ts';
import type { ResolvedTikTokOptions } from './options.ts';
import { TIKTOK_CLIENT_BURST, TIKTOK_PATHS, TOKEN_REFRESH_MARGIN_MS } from './options.ts';
import { RawTokenData } from './raw-types.ts';
import { signTikTokShopRequest } from './signing.ts';

/** One API request, before signing. */
export interface TikTokRequest<S extends z.ZodType> {
  method: 'GET' | 'POST';
  path: string;
  /** The API's rate-limit key (its path template); the path itself by default. */
  api?: string;
  /** Extra query parameters; array values joined with ',' by the caller. */
  query?: Record<string, string>;
  /** JSON body; an empty object is not sent at all (§1.3 edge case b). */
  body?: Record<string, unknown>;
  /** Schema of the envelope's `data`. */
  schema: S;
  /** This call waits at most so long for its answer (never longer than the connector's timeout). */
  timeoutCapMs?: number;
}

const JSON_TYPE = 'application/json';

/** The code for an access token the platform does not know (the 105xxx token group, §1.4). */
const TIKTOK_INVALID_TOKEN = 105001;

/** A signed-request client for one shop. Holds the shop's current tokens. */
export class TikTokShopClient {
  private readonly limiters = new Map<string, RateLimiter>();
  private readonly pausedUntilMs = new Map<RateLimiter, number>();
  private readonly tokens: TokenRefresher;

  constructor(private readonly options: ResolvedTikTokOptions) {
    this.tokens = new TokenRefresher({
      exchange: () => this.exchangeRefreshToken(),
      adopt: (tokens) => Object.assign(this.options.auth, tokens),
      current: () => this.options.auth,
      nowMs: options.nowMs,
      marginMs: TOKEN_REFRESH_MARGIN_MS,
      shared: options.sharedTokens,
      onTokensRefreshed: options.onTokensRefreshed,
    });
  }

  /** The shop's auth as the client currently holds it (tokens change on refresh). */
  get auth(): Readonly<ShopAuth> {
    return this.options.auth;
  }

  /**
   * Sends the request and returns the validated `data`. Refreshes the token first when it is
   * within 5 minutes of expiry; after a TOKEN_EXPIRED answer refreshes once and retries once; after
   * an invalid-token answer retries once only if another connector of the shop stored new tokens.
   * @throws ConnectorError (see envelope.ts for the codes).
   */
  async call<S extends z.ZodType>(request: TikTokRequest<S>): Promise<z.output<S>> {
    await this.tokens.refreshIfDue();
    const usedToken = this.options.auth.accessToken;
    try {
      return await this.callOnce(request);
    } catch (error) {
      if (!isAccessTokenRefusal(error)) throw error;
      await this.tokens.recover(usedToken, error);
      return this.callOnce(request);
    }
  }

  /**
   * Exchanges the refresh token (§1.4: unsigned GET on the auth host, app_secret in the query,
   * `*_expire_in` absolute unix seconds). Concurrent callers share one exchange. The new tokens
   * are used from then on and handed to `onTokensRefreshed`, for every refresh.
   * @throws ConnectorError: AUTH_FAILED when the platform refuses the refresh token.
   */
  refreshTokens(): Promise<RefreshedTokens> {
    return this.tokens.refresh();
  }

  private async callOnce<S extends z.ZodType>(request: TikTokRequest<S>): Promise<z.output<S>> {
    const limiter = this.limiterFor(request.api ?? request.path);
    await limiter.acquire();
    const body = serializeBody(request.body);
    const response = await sendRequest({
      method: request.method,
      url: this.signedUrl(request.path, request.query ?? {}, body),
      headers: { 'content-type': JSON_TYPE, 'x-tts-access-token': this.options.auth.accessToken },
      body,
      timeoutMs: Math.min(this.options.timeoutMs, request.timeoutCapMs ?? Infinity),
    });
    try {
      const data = readEnvelope(response, request.path, this.options.nowMs());
      return parseData(request.schema, data, request.path);
    } catch (error) {
      if (isConnectorError(error) && error.code === 'RATE_LIMITED') this.holdBack(limiter, error);
      throw error;
    }
  }

  /** The common query (§1.2) plus the request's own, signed (§1.3). */
  private signedUrl(path: string, extra: Record<string, string>, body: string | undefined): string {
    const { auth } = this.options;
    const query: Record<string, string> = {
      ...extra,
      app_key: auth.appKey,
      timestamp: String(Math.floor(this.options.nowMs() / 1000)),
    };
    if (auth.shopCipher) query.shop_cipher = auth.shopCipher;
    const sign = signTikTokShopRequest({
      appSecret: auth.appSecret,
      path,
      query,
      body,
      contentType: JSON_TYPE,
    });
    return `${this.options.baseUrl}${path}?${new URLSearchParams({ ...query, sign }).toString()}`;
  }

  /**
   * After a 429 no request of this API goes out for Retry-After, or a second: the platform's
   * window is per second (§1.6). Concurrent 429s of one burst pause once, not once each
   * (RateLimiter.pauseFor adds up).
   */
  private holdBack(limiter: RateLimiter, error: ConnectorError): void {
    const now = this.options.nowMs();
    if (now < (this.pausedUntilMs.get(limiter) ?? 0)) return;
    const pauseMs = error.retryAfterMs ?? 1000;
    this.pausedUntilMs.set(limiter, now + pauseMs);
    limiter.pauseFor(pauseMs);
  }

  private limiterFor(api: string): RateLimiter {
    let limiter = this.limiters.get(api);
    if (!limiter) {
      const ratePerSecond = this.options.rateLimitPerSecond;
      const burst = Math.min(TIKTOK_CLIENT_BURST, Math.floor(ratePerSecond)) || 1;
      limiter = new RateLimiter({ ratePerSecond, burst, nowMs: this.options.nowMs });
      this.limiters.set(api, limiter);
    }
    return limiter;
  }

  private async exchangeRefreshToken(): Promise<RefreshedTokens> {
    const { auth, authBaseUrl, timeoutMs, nowMs } = this.options;
    const path = TIKTOK_PATHS.tokenRefresh;
    const query = new URLSearchParams({
      app_key: auth.appKey,
      app_secret: auth.appSecret,
      refresh_token: auth.refreshToken,
      grant_type: 'refresh_token',
    });
    const response = await sendRequest({
      method: 'GET',
      url: `${authBaseUrl}${path}?${query.toString()}`,
      timeoutMs,
    });
    const data = readRefreshEnvelope(() => readEnvelope(response, path, nowMs()));
    const raw = parseData(RawTokenData, data, path);
    return {
      accessToken: raw.access_token,
      refreshToken: raw.refresh_token,
      accessTokenExpiresAtMs: raw.access_token_expire_in * 1000,
      refreshTokenExpiresAtMs: raw.refresh_token_expire_in * 1000,
    };
  }
}

/**
 * The platform refused the access token: expired (105002), or not valid (105001, as another
 * worker's refresh or a new authorization can leave it; the 105xxx token group of §1.4).
 */
function isAccessTokenRefusal(error: unknown): error is ConnectorError {
  if (!isConnectorError(error)) return false;
  return error.code === 'TOKEN_EXPIRED' || error.platformCode === String(TIKTOK_INVALID_TOKEN);
}

/** A refused refresh needs the seller to authorize again, so it is AUTH_FAILED, never a loop. */
function readRefreshEnvelope(read: () => unknown): unknown {
  try {
    return read();
  } catch (error) {
    if (!isConnectorError(error) || !['TOKEN_EXPIRED', 'REJECTED'].includes(error.code))
      throw error;
    throw new ConnectorError('AUTH_FAILED', `token refresh refused: ${error.message}`, {
      platformCode: error.platformCode,
      httpStatus: error.httpStatus,
      cause: error,
    });
  }
}

/** JSON text of a body with at least one key; undefined otherwise (never `{}` on the wire). */
function serializeBody(body: Record<string, unknown> | undefined): string | undefined {
  return body && Object.keys(body).length > 0 ? JSON.stringify(body) : undefined;
}

function parseData<S extends z.ZodType>(schema: S, data: unknown, path: string): z.output<S> {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  throw new ConnectorError('BAD_PAYLOAD', `${path}: the data does not have the documented shape`, {
    cause: result.error,
  });
}
