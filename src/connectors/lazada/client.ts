/**
 * One Lazada API call done right: client-side pacing per API (§3.6), the system parameters and
 * the signature (§3.2, §3.3), parameters in the query for GETs and as form fields for POSTs
 * (§3.1), the envelope read into data or a ConnectorError (envelope.ts), the data validated with
 * zod, and the token refreshed before it runs out or once after Lazada refused it
 * (token-refresher.ts: single-flight, across the shop's connectors when tokens are shared).
 */
import type { z } from 'zod';
import type { RefreshedTokens, ShopAuth } from '../contract.ts';
import { ConnectorError, isConnectorError } from '../errors.ts';
import { RateLimiter } from '../http/rate-limiter.ts';
import { sendRequest } from '../http/send-request.ts';
import { TokenRefresher } from '../token-refresher.ts';
import type { RawEnvelope } from './raw-types.ts';
import { RawTokenAnswer } from './raw-types.ts';
import { readEnvelope } from './envelope.ts';
import type { ResolvedLazadaOptions } from './options.ts';
import { LAZADA_CLIENT_BURST, LAZADA_PATHS, TOKEN_REFRESH_MARGIN_MS } from './options.ts';
import { signLazadaRequest } from './signing.ts';

/** One API request before the system parameters and the signature. */
export interface LazadaRequest<S extends z.ZodType> {
  method: 'GET' | 'POST';
  /** API path without `/rest`, e.g. `/orders/get`. */
  path: string;
  /** Business parameters; never empty values (SDKs disagree on signing them, §3.3). */
  params: Record<string, string>;
  /** Schema of the envelope's `data`. */
  schema: S;
  /** This call waits at most so long for its answer (never longer than the connector's timeout). */
  timeoutCapMs?: number;
  /** Return error answers that list failed SKUs in `detail[]` instead of throwing (stock writes). */
  detailErrors?: boolean;
}

export interface LazadaAnswer<T> {
  data: T;
  envelope: RawEnvelope;
}

const FORM_TYPE = 'application/x-www-form-urlencoded;charset=utf-8';

/** A signed-request client for one seller. Holds the seller's current tokens. */
export class LazadaClient {
  private readonly limiters = new Map<string, RateLimiter>();
  private readonly pausedUntilMs = new Map<RateLimiter, number>();
  private readonly tokens: TokenRefresher;

  constructor(private readonly options: ResolvedLazadaOptions) {
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
   * Sends the request and returns the validated `data` with its envelope. Refreshes the token
   * first when it is within 5 minutes of expiry; after IllegalAccessToken (invalid or expired,
   * one code for both, §3.4) takes tokens another connector stored or refreshes, then retries once.
   * @throws ConnectorError (envelope.ts for the codes).
   */
  async call<S extends z.ZodType>(request: LazadaRequest<S>): Promise<LazadaAnswer<z.output<S>>> {
    await this.tokens.refreshIfDue();
    const usedToken = this.options.auth.accessToken;
    try {
      return await this.callOnce(request);
    } catch (error) {
      if (!isConnectorError(error) || error.code !== 'TOKEN_EXPIRED') throw error;
      await this.tokens.recover(usedToken, error);
      return this.callOnce(request);
    }
  }

  /** New tokens from `/auth/token/refresh`; concurrent callers share one exchange. */
  refreshTokens(): Promise<RefreshedTokens> {
    return this.tokens.refresh();
  }

  private async callOnce<S extends z.ZodType>(
    request: LazadaRequest<S>,
  ): Promise<LazadaAnswer<z.output<S>>> {
    const limiter = this.limiterFor(request.path);
    await limiter.acquire();
    const params = this.signedParams(request.path, request.params, true);
    const url = `${this.options.baseUrl}${request.path}`;
    const timeoutMs = Math.min(this.options.timeoutMs, request.timeoutCapMs ?? Infinity);
    const response = await sendRequest(
      request.method === 'GET'
        ? { method: 'GET', url: `${url}?${params.toString()}`, timeoutMs }
        : {
            method: 'POST',
            url,
            headers: { 'content-type': FORM_TYPE },
            body: params.toString(),
            timeoutMs,
          },
    );
    try {
      const envelope = readEnvelope(response, request.path, {
        nowMs: this.options.nowMs(),
        detailErrors: request.detailErrors,
      });
      const data =
        envelope.code === '0' ? parseData(request.schema, envelope.data, request.path) : undefined;
      return { data: data as z.output<S>, envelope };
    } catch (error) {
      if (isConnectorError(error) && error.code === 'RATE_LIMITED') this.holdBack(limiter, error);
      throw error;
    }
  }

  /** System parameters (§3.2: timestamp in ms, sign_method sha256) plus the request's, signed. */
  private signedParams(
    apiPath: string,
    business: Record<string, string>,
    withToken: boolean,
  ): URLSearchParams {
    const { auth } = this.options;
    const params: Record<string, string> = {
      // Empty values are left out: the Java/C# SDKs skip them when signing, Python signs them (§3.3).
      ...Object.fromEntries(Object.entries(business).filter(([, value]) => value !== '')),
      app_key: auth.appKey,
      timestamp: String(Math.floor(this.options.nowMs())),
      sign_method: 'sha256',
    };
    if (withToken) params.access_token = auth.accessToken;
    const sign = signLazadaRequest({ appSecret: auth.appSecret, apiPath, params });
    return new URLSearchParams({ ...params, sign });
  }

  /**
   * After a throttle answer no request of this API goes out for Retry-After, or a second: the
   * limit is per second (§3.6). Concurrent throttles of one burst pause once.
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
      const burst = Math.min(LAZADA_CLIENT_BURST, Math.floor(ratePerSecond)) || 1;
      limiter = new RateLimiter({ ratePerSecond, burst, nowMs: this.options.nowMs });
      this.limiters.set(api, limiter);
    }
    return limiter;
  }

  /**
   * `/auth/token/refresh` on the auth host (§3.4): signed like any call, without access_token;
   * the answer is top level and its lifetimes are seconds from now. A refused refresh token is
   * AUTH_FAILED: the seller must authorize the app again.
   */
  private async exchangeRefreshToken(): Promise<RefreshedTokens> {
    const { auth, authBaseUrl, timeoutMs, nowMs } = this.options;
    const path = LAZADA_PATHS.tokenRefresh;
    const params = this.signedParams(path, { refresh_token: auth.refreshToken }, false);
    const response = await sendRequest({
      method: 'POST',
      url: `${authBaseUrl}${path}`,
      headers: { 'content-type': FORM_TYPE },
      body: params.toString(),
      timeoutMs,
    });
    readRefreshEnvelope(() => readEnvelope(response, path, { nowMs: nowMs() }));
    const raw = parseData(RawTokenAnswer, JSON.parse(response.text) as unknown, path);
    const now = nowMs();
    return {
      accessToken: raw.access_token,
      refreshToken: raw.refresh_token,
      accessTokenExpiresAtMs: now + raw.expires_in * 1000,
      refreshTokenExpiresAtMs:
        raw.refresh_expires_in === undefined ? null : now + raw.refresh_expires_in * 1000,
    };
  }
}

function readRefreshEnvelope(read: () => RawEnvelope): RawEnvelope {
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

function parseData<S extends z.ZodType>(schema: S, data: unknown, path: string): z.output<S> {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  throw new ConnectorError('BAD_PAYLOAD', `${path}: the data does not have the documented shape`, {
    cause: result.error,
  });
}
