/**
 * One signed Shopee call at a time, for one shop: the client-side rate limiter per API path,
 * signing (§2.3), the envelope (§2.5), and the shop's tokens, refreshed proactively within
 * 5 minutes of expiry and once reactively when Shopee says the token expired (§2.4). A refresh
 * is single-flight (token-refresher.ts), across connectors too when the caller shares the tokens:
 * Shopee's refresh token is single-use, so two parallel refreshes would leave one of them holding a
 * dead token.
 */
import type { z } from 'zod';
import type { ConnectorOptions, RefreshedTokens, ShopAuth } from '../contract.ts';
import { ConnectorError, isConnectorError } from '../errors.ts';
import { RateLimiter } from '../http/rate-limiter.ts';
import { DEFAULT_TIMEOUT_MS, sendRequest } from '../http/send-request.ts';
import { TokenRefresher } from '../token-refresher.ts';
import { badPayload, bareErrorName, readShopeeEnvelope } from './envelope.ts';
import {
  REFRESH_MARGIN_MS,
  SHOPEE_CLIENT_BURST,
  REFRESH_TOKEN_LIFETIME_MS,
  SHOPEE_DEFAULT_RATE_PER_SECOND,
} from './options.ts';
import { RawRefreshAnswer, type RawEnvelope } from './raw-types.ts';
import { signedCommonParams } from './signing.ts';

/** Shopee's token refresh path (public API, §2.4). */
export const REFRESH_PATH = '/api/v2/auth/access_token/get';

/** Longest pause the limiter takes after a throttle; the daily quota is not waited out here. */
const MAX_THROTTLE_PAUSE_MS = 60_000;

/** One API call: business params in the query for GET, in a JSON body for POST (§2.2). */
export interface ShopeeCall {
  method: 'GET' | 'POST';
  path: string;
  query?: Record<string, string>;
  body?: unknown;
  /** Bare error names whose answer is still read (update_stock's partial failure). */
  acceptErrors?: readonly string[];
  /** This call waits at most so long for its answer (never longer than the connector's timeout). */
  timeoutCapMs?: number;
}

/** A read answer: the envelope (for its `error`) and the validated `response`. */
export interface ShopeeAnswer<T> {
  envelope: RawEnvelope;
  response: T;
}

/** Signed calls for one shop, holding its current tokens (see the file comment). */
export class ShopeeTransport {
  private auth: ShopAuth;
  private readonly tokens: TokenRefresher;
  private readonly limiters = new Map<string, RateLimiter>();
  /** Per path: real-time ms until which a throttle pause already holds the limiter back. */
  private readonly pausedUntilMs = new Map<string, number>();
  private readonly nowMs: () => number;
  private readonly baseUrl: string;

  constructor(private readonly options: ConnectorOptions) {
    this.auth = { ...options.auth };
    this.nowMs = options.nowMs ?? Date.now;
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.tokens = new TokenRefresher({
      exchange: () => this.exchangeRefreshToken(),
      adopt: (tokens) => {
        this.auth = { ...this.auth, ...tokens };
      },
      current: () => this.auth,
      nowMs: this.nowMs,
      marginMs: REFRESH_MARGIN_MS,
      shared: options.sharedTokens,
      onTokensRefreshed: options.onTokensRefreshed,
    });
  }

  /** A shop API call whose `response` must match `schema`; refreshes the token when due. */
  async callShop<T>(call: ShopeeCall, schema: z.ZodType<T>): Promise<ShopeeAnswer<T>> {
    await this.tokens.refreshIfDue();
    const usedToken = this.auth.accessToken;
    let envelope: RawEnvelope;
    try {
      envelope = (await this.send(call, true)).envelope;
    } catch (error) {
      if (!isConnectorError(error) || error.code !== 'TOKEN_EXPIRED') throw error;
      // Another call or worker may have refreshed meanwhile; then its new token is simply used.
      await this.tokens.recover(usedToken, error);
      envelope = (await this.send(call, true)).envelope;
    }
    const parsed = schema.safeParse(envelope.response);
    if (!parsed.success) throw badPayload(call.path, null, parsed.error);
    return { envelope, response: parsed.data };
  }

  /** A public (partner-level) call, signed over partner_id + path + timestamp only (§2.3). */
  async callPublic<T>(call: ShopeeCall, schema: z.ZodType<T>): Promise<ShopeeAnswer<T>> {
    const { envelope } = await this.send(call, false);
    const parsed = schema.safeParse(envelope.response);
    if (!parsed.success) throw badPayload(call.path, null, parsed.error);
    return { envelope, response: parsed.data };
  }

  /** The partner and host this transport calls: shops that share them share partner-level data. */
  get partnerKey(): string {
    return `${this.auth.appKey}@${this.baseUrl}`;
  }

  /** Exchanges the single-use refresh token for new tokens, once at a time; tells the caller. */
  refreshTokens(): Promise<RefreshedTokens> {
    return this.tokens.refresh();
  }

  /** One refresh at Shopee with the current refresh token; the refresher adopts the result. */
  private async exchangeRefreshToken(): Promise<RefreshedTokens> {
    const startedMs = this.nowMs();
    const { json } = await this.send(
      {
        method: 'POST',
        path: REFRESH_PATH,
        body: {
          refresh_token: this.auth.refreshToken,
          partner_id: Number(this.auth.appKey),
          shop_id: Number(this.auth.platformShopId),
        },
      },
      false,
    );
    const parsed = RawRefreshAnswer.safeParse(json);
    if (!parsed.success) throw badPayload(REFRESH_PATH, null, parsed.error);
    // Lifetimes count from before the request went out, so we never think a token lives longer.
    return {
      accessToken: parsed.data.access_token,
      refreshToken: parsed.data.refresh_token,
      accessTokenExpiresAtMs: startedMs + parsed.data.expire_in * 1000,
      refreshTokenExpiresAtMs: startedMs + REFRESH_TOKEN_LIFETIME_MS,
    };
  }

  private async send(
    call: ShopeeCall,
    isShopCall: boolean,
  ): Promise<{ envelope: RawEnvelope; json: unknown }> {
    await this.limiterFor(call.path).acquire();
    const nowMs = this.nowMs();
    const response = await sendRequest({
      method: call.method,
      url: this.urlFor(call, isShopCall, nowMs),
      headers: call.method === 'POST' ? { 'content-type': 'application/json' } : undefined,
      body: call.method === 'POST' ? JSON.stringify(call.body ?? {}) : undefined,
      timeoutMs: Math.min(
        this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
        call.timeoutCapMs ?? Infinity,
      ),
    });
    try {
      const envelope = readShopeeEnvelope(response, {
        path: call.path,
        nowMs,
        isTokenCall: !isShopCall,
        acceptErrors: call.acceptErrors,
      });
      return { envelope, json: JSON.parse(response.text) as unknown };
    } catch (error) {
      this.pauseAfterThrottle(call.path, error);
      throw error;
    }
  }

  private urlFor(call: ShopeeCall, isShopCall: boolean, nowMs: number): string {
    const params = signedCommonParams({
      partnerId: this.auth.appKey,
      partnerKey: this.auth.appSecret,
      path: call.path,
      timestampSec: Math.floor(nowMs / 1000),
      shop: isShopCall
        ? { accessToken: this.auth.accessToken, shopId: this.auth.platformShopId }
        : undefined,
    });
    if (call.method === 'GET') {
      for (const [key, value] of Object.entries(call.query ?? {})) params.append(key, value);
    }
    return `${this.baseUrl}${call.path}?${params.toString()}`;
  }

  /**
   * After a throttle the path's limiter holds back (Retry-After, else a second). The throttles of
   * one burst pause once, not once each (pauseFor adds up). The daily quota (error_limit) is left
   * to the caller: it lasts until Shopee's midnight.
   */
  private pauseAfterThrottle(path: string, error: unknown): void {
    if (!(error instanceof ConnectorError) || error.code !== 'RATE_LIMITED') return;
    if (bareErrorName(error.platformCode ?? '') === 'error_limit') return;
    const now = Date.now();
    if (now < (this.pausedUntilMs.get(path) ?? 0)) return;
    const pauseMs = Math.min(error.retryAfterMs ?? 1000, MAX_THROTTLE_PAUSE_MS);
    this.pausedUntilMs.set(path, now + pauseMs);
    this.limiterFor(path).pauseFor(pauseMs);
  }

  private limiterFor(path: string): RateLimiter {
    let limiter = this.limiters.get(path);
    if (!limiter) {
      const ratePerSecond = this.options.rateLimitPerSecond ?? SHOPEE_DEFAULT_RATE_PER_SECOND;
      const burst = Math.max(1, Math.min(SHOPEE_CLIENT_BURST, Math.floor(ratePerSecond)));
      // Real time on purpose: `options.nowMs` may be skewed or frozen in tests; pacing is physical.
      limiter = new RateLimiter({ ratePerSecond, burst });
      this.limiters.set(path, limiter);
    }
    return limiter;
  }
}
