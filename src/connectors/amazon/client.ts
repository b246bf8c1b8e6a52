/**
 * One SP-API call done right: client-side pacing per operation's usage plan (amazon.md §4.2), the
 * LWA access token in its header (§4.1), the answer read into a body or a ConnectorError
 * (envelope.ts), validated with zod, and the token refreshed before it runs out or once after
 * Amazon said it expired (token-refresher.ts: single-flight, across connectors of the shop too
 * when the caller shares the tokens).
 */
import type { z } from 'zod';
import type { RefreshedTokens, ShopAuth } from '../contract.ts';
import { ConnectorError, isConnectorError } from '../errors.ts';
import { RateLimiter } from '../http/rate-limiter.ts';
import { sendRequest } from '../http/send-request.ts';
import type { HttpResponse } from '../http/send-request.ts';
import { TokenRefresher } from '../token-refresher.ts';
import { AMAZON_CODES, readAmazonResponse } from './envelope.ts';
import type { AmazonOperation, ResolvedAmazonOptions } from './options.ts';
import {
  AMAZON_CLIENT_BURST_MARGIN,
  AMAZON_PATHS,
  AMAZON_USAGE_PLANS,
  TOKEN_REFRESH_MARGIN_MS,
} from './options.ts';
import { RawLwaError, RawLwaToken } from './raw-types.ts';
import { AMAZON_USER_AGENT, amazonRequestHeaders, lwaRefreshBody } from './signing.ts';

/** One SP-API request. */
export interface AmazonRequest<S extends z.ZodType> {
  /** The operation whose usage plan paces this call (§4.2). */
  operation: AmazonOperation;
  method: 'GET' | 'PATCH' | 'PUT' | 'POST';
  path: string;
  query?: Record<string, string>;
  body?: unknown;
  schema: S;
  /** This call waits at most so long for its answer (never longer than the connector's timeout). */
  timeoutCapMs?: number;
}

/** An answer read: the validated body and Amazon's request id (every answer has one, §4.2). */
export interface AmazonAnswer<T> {
  body: T;
  requestId: string | null;
}

/** A client for one seller. Holds the shop's current tokens. */
export class AmazonClient {
  private readonly limiters = new Map<AmazonOperation, RateLimiter>();
  private readonly pausedUntilMs = new Map<RateLimiter, number>();
  private readonly tokens: TokenRefresher;

  constructor(readonly options: ResolvedAmazonOptions) {
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

  get auth(): Readonly<ShopAuth> {
    return this.options.auth;
  }

  /**
   * Sends the request and returns the validated body. Refreshes the token first when it is within
   * 5 minutes of expiry; after an expired-token answer refreshes once and retries once; after
   * another Unauthorized answer retries once only if another connector of the shop stored new
   * tokens meanwhile.
   * @throws ConnectorError (see envelope.ts for the codes).
   */
  async call<S extends z.ZodType>(request: AmazonRequest<S>): Promise<AmazonAnswer<z.output<S>>> {
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
   * Exchanges the refresh token at Login with Amazon (§4.1). Amazon does not rotate refresh
   * tokens: the same one comes back when the answer has none.
   * @throws ConnectorError: AUTH_FAILED when LWA refuses the client or the refresh token.
   */
  refreshTokens(): Promise<RefreshedTokens> {
    return this.tokens.refresh();
  }

  private async callOnce<S extends z.ZodType>(
    request: AmazonRequest<S>,
  ): Promise<AmazonAnswer<z.output<S>>> {
    const limiter = this.limiterFor(request.operation);
    await limiter.acquire();
    const { auth, nowMs } = this.options;
    const body = request.body === undefined ? undefined : JSON.stringify(request.body);
    const headers = amazonRequestHeaders(auth.accessToken, nowMs());
    if (body !== undefined) headers['content-type'] = 'application/json';
    const query = new URLSearchParams(request.query ?? {}).toString();
    const response = await sendRequest({
      method: request.method,
      url: `${this.options.baseUrl}${request.path}${query ? `?${query}` : ''}`,
      headers,
      body,
      timeoutMs: Math.min(this.options.timeoutMs, request.timeoutCapMs ?? Infinity),
    });
    try {
      const raw = readAmazonResponse(response, request.path, nowMs());
      return {
        body: parseBody(request.schema, raw, request.path),
        requestId: requestIdOf(response),
      };
    } catch (error) {
      if (isConnectorError(error) && error.code === 'RATE_LIMITED') this.holdBack(limiter, error);
      throw error;
    }
  }

  /**
   * After a 429 no request of this operation goes out for the wait Amazon implied (envelope.ts),
   * or a second. Concurrent 429s of one burst pause once, not once each.
   */
  private holdBack(limiter: RateLimiter, error: ConnectorError): void {
    const now = this.options.nowMs();
    if (now < (this.pausedUntilMs.get(limiter) ?? 0)) return;
    const pauseMs = error.retryAfterMs ?? 1000;
    this.pausedUntilMs.set(limiter, now + pauseMs);
    limiter.pauseFor(pauseMs);
  }

  /** Each operation's own plan (§4.2), or the caller's single rate for all of them. */
  private limiterFor(operation: AmazonOperation): RateLimiter {
    let limiter = this.limiters.get(operation);
    if (!limiter) {
      const plan = AMAZON_USAGE_PLANS[operation];
      limiter = new RateLimiter({
        ratePerSecond: this.options.rateLimitPerSecond ?? plan.ratePerSecond,
        burst: Math.max(1, plan.burst - AMAZON_CLIENT_BURST_MARGIN),
        nowMs: this.options.nowMs,
      });
      this.limiters.set(operation, limiter);
    }
    return limiter;
  }

  private async exchangeRefreshToken(): Promise<RefreshedTokens> {
    const { auth, authBaseUrl, timeoutMs, nowMs } = this.options;
    const path = AMAZON_PATHS.lwaToken;
    const response = await sendRequest({
      method: 'POST',
      url: `${authBaseUrl}${path}`,
      headers: { 'content-type': 'application/json', 'user-agent': AMAZON_USER_AGENT },
      body: lwaRefreshBody({
        clientId: auth.appKey,
        clientSecret: auth.appSecret,
        refreshToken: auth.refreshToken,
      }),
      timeoutMs,
    });
    const raw = parseBody(RawLwaToken, readLwaResponse(response, path), path);
    return {
      accessToken: raw.access_token,
      refreshToken: raw.refresh_token ?? auth.refreshToken,
      accessTokenExpiresAtMs: nowMs() + raw.expires_in * 1000,
      refreshTokenExpiresAtMs: null,
    };
  }
}

/**
 * LWA answers OAuth errors (`{error, error_description}`): a refused client or refresh token
 * needs the seller to authorize again, so it is AUTH_FAILED, never a refresh loop.
 */
function readLwaResponse(response: HttpResponse, path: string): unknown {
  if (response.status === 429 || response.status >= 500) {
    const code = response.status === 429 ? 'RATE_LIMITED' : 'UNAVAILABLE';
    throw new ConnectorError(code, `${path}: HTTP ${response.status}`, {
      httpStatus: response.status,
    });
  }
  if (response.status >= 200 && response.status < 300) {
    try {
      return JSON.parse(response.text) as unknown;
    } catch (cause) {
      throw new ConnectorError('BAD_PAYLOAD', `${path}: the answer is not JSON`, { cause });
    }
  }
  let said: z.infer<typeof RawLwaError> | null = null;
  try {
    const parsed = RawLwaError.safeParse(JSON.parse(response.text));
    said = parsed.success ? parsed.data : null;
  } catch {
    said = null;
  }
  throw new ConnectorError(
    'AUTH_FAILED',
    `token refresh refused: ${said?.error ?? `HTTP ${response.status}`}`,
    {
      platformCode: said?.error ?? null,
      httpStatus: response.status,
    },
  );
}

/** Amazon refused the access token: expired, or Unauthorized (another worker may hold newer). */
function isAccessTokenRefusal(error: unknown): error is ConnectorError {
  if (!isConnectorError(error)) return false;
  return error.code === 'TOKEN_EXPIRED' || error.platformCode === AMAZON_CODES.unauthorized;
}

function requestIdOf(response: HttpResponse): string | null {
  return response.headers.get('x-amzn-requestid');
}

function parseBody<S extends z.ZodType>(schema: S, data: unknown, path: string): z.output<S> {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  throw new ConnectorError(
    'BAD_PAYLOAD',
    `${path}: the answer does not have the documented shape`,
    {
      cause: result.error,
    },
  );
}
