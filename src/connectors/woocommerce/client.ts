/**
 * One WooCommerce REST call done right (woocommerce.md §6.1, §6.2): client-side pacing per store,
 * the consumer key authenticated as the store's scheme asks (Basic over https, signed OAuth 1.0a
 * query over http, or the keys in the query), the answer read into data or a ConnectorError, and
 * the data validated with zod. There are no tokens to refresh: REST keys do not expire (§6.1).
 */
import type { z } from 'zod';
import { ConnectorError, isConnectorError } from '../errors.ts';
import { RateLimiter } from '../http/rate-limiter.ts';
import { sendRequest } from '../http/send-request.ts';
import { readWooAnswer } from './envelope.ts';
import type { ResolvedWooOptions } from './options.ts';
import { WOO_API_PREFIX, WOO_CLIENT_BURST } from './options.ts';
import { basicAuthorization, oauthQuery } from './signing.ts';

/** One API request, before authentication. */
export interface WooRequest<S extends z.ZodType> {
  method: 'GET' | 'POST' | 'PUT';
  /** Path below /wp-json/wc/v3. */
  path: string;
  query?: Record<string, string>;
  body?: unknown;
  schema: S;
  /** This call waits at most so long for its answer (never longer than the connector's timeout). */
  timeoutCapMs?: number;
}

export interface WooAnswer<T> {
  data: T;
  /** X-WP-Total and X-WP-TotalPages of a collection (§6.2); null when absent. */
  total: number | null;
  totalPages: number | null;
}

export class WooCommerceClient {
  private readonly limiter: RateLimiter;
  private pausedUntilMs = 0;

  constructor(private readonly options: ResolvedWooOptions) {
    const ratePerSecond = options.rateLimitPerSecond;
    const burst = Math.min(WOO_CLIENT_BURST, Math.floor(ratePerSecond)) || 1;
    this.limiter = new RateLimiter({ ratePerSecond, burst, nowMs: options.nowMs });
  }

  /** Sends the request and returns the validated data with the paging headers. */
  async call<S extends z.ZodType>(request: WooRequest<S>): Promise<WooAnswer<z.output<S>>> {
    await this.limiter.acquire();
    const url = `${this.options.storeUrl}${WOO_API_PREFIX}${request.path}`;
    const { query, headers } = this.authenticate(request.method, url, request.query ?? {});
    const search = new URLSearchParams(query).toString();
    const body = request.body === undefined ? undefined : JSON.stringify(request.body);
    const response = await sendRequest({
      method: request.method,
      url: search ? `${url}?${search}` : url,
      headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
      body,
      timeoutMs: Math.min(this.options.timeoutMs, request.timeoutCapMs ?? Infinity),
    });
    try {
      const raw = readWooAnswer(response, request.path, this.options.nowMs());
      return {
        data: parseData(request.schema, raw, request.path),
        total: intHeader(response.headers.get('x-wp-total')),
        totalPages: intHeader(response.headers.get('x-wp-totalpages')),
      };
    } catch (error) {
      if (isConnectorError(error) && error.code === 'RATE_LIMITED') this.holdBack(error);
      throw error;
    }
  }

  /** §6.1: Basic over https, the keys in the query, or a signed OAuth 1.0a query over http. */
  private authenticate(
    method: string,
    url: string,
    query: Record<string, string>,
  ): { query: Record<string, string>; headers: Record<string, string> } {
    const { appKey, appSecret } = this.options.auth;
    switch (this.options.authMode) {
      case 'basic':
        return { query, headers: { authorization: basicAuthorization(appKey, appSecret) } };
      case 'query':
        return {
          query: { ...query, consumer_key: appKey, consumer_secret: appSecret },
          headers: {},
        };
      case 'oauth1': {
        const input = { method, url, query, consumerKey: appKey, consumerSecret: appSecret };
        return { query: oauthQuery({ ...input, nowMs: this.options.nowMs() }), headers: {} };
      }
    }
  }

  /**
   * After a 429 nothing goes to the store for Retry-After, or a second. Concurrent 429s of one
   * burst pause once, not once each.
   */
  private holdBack(error: ConnectorError): void {
    const now = this.options.nowMs();
    if (now < this.pausedUntilMs) return;
    const pauseMs = error.retryAfterMs ?? 1000;
    this.pausedUntilMs = now + pauseMs;
    this.limiter.pauseFor(pauseMs);
  }
}

function intHeader(value: string | null): number | null {
  if (value === null || !/^\d+$/.test(value.trim())) return null;
  return Number(value.trim());
}

function parseData<S extends z.ZodType>(schema: S, data: unknown, path: string): z.output<S> {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  throw new ConnectorError('BAD_PAYLOAD', `${path}: the answer does not have the v3 shape`, {
    cause: result.error,
  });
}
