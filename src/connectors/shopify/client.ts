/**
 * One Shopify Admin GraphQL call done right (§5.1, §5.5): the access token in its header, the
 * request paced by the client's picture of the shop's cost bucket (cost-budget.ts, and a request
 * count limit when the caller set one), the answer read into data or a ConnectorError
 * (envelope.ts), and the data validated with zod.
 *
 * Tokens: offline tokens do not expire and have no refresh (§5.1). A refused token (HTTP 401) is
 * tried once more only when another connector of the shop stored a different token meanwhile
 * (the app installed again); otherwise it is AUTH_FAILED, for the seller to act on.
 */
import type { z } from 'zod';
import type { RefreshedTokens, ShopAuth } from '../contract.ts';
import { ConnectorError, isConnectorError } from '../errors.ts';
import { RateLimiter } from '../http/rate-limiter.ts';
import type { HttpResponse } from '../http/send-request.ts';
import { sendRequest } from '../http/send-request.ts';
import { TokenRefresher } from '../token-refresher.ts';
import { CostBudget } from './cost-budget.ts';
import { readShopifyAnswer } from './envelope.ts';
import type { ResolvedShopifyOptions } from './options.ts';
import { RawGraphqlEnvelope } from './raw-types.ts';
import {
  SHOPIFY_BUCKET_SIZE,
  SHOPIFY_GRAPHQL_PATH,
  SHOPIFY_RESTORE_RATE_PER_SECOND,
} from './options.ts';

/** One GraphQL request. */
export interface ShopifyRequest<S extends z.ZodType> {
  query: string;
  variables?: Record<string, unknown>;
  /** Requested cost (queries.ts), for pacing before the platform sees it. */
  cost: number;
  /** Schema of `data`. */
  schema: S;
  /** This call waits at most so long for its answer (never longer than the connector's timeout). */
  timeoutCapMs?: number;
}

/** Shopify's refresh does not exist for offline tokens: never due, never retried. */
const NEVER_DUE_MARGIN_MS = -Infinity;

export class ShopifyClient {
  private readonly budget: CostBudget;
  private readonly limiter: RateLimiter | null;
  private readonly tokens: TokenRefresher;

  constructor(private readonly options: ResolvedShopifyOptions) {
    this.budget = new CostBudget({
      bucketSize: SHOPIFY_BUCKET_SIZE,
      restoreRatePerSecond: SHOPIFY_RESTORE_RATE_PER_SECOND,
      nowMs: options.nowMs,
    });
    const rate = options.rateLimitPerSecond;
    this.limiter = rate ? new RateLimiter({ ratePerSecond: rate, nowMs: options.nowMs }) : null;
    this.tokens = new TokenRefresher({
      exchange: () => Promise.reject(noRefresh()),
      adopt: (tokens) => Object.assign(this.options.auth, tokens),
      current: () => this.options.auth,
      nowMs: options.nowMs,
      marginMs: NEVER_DUE_MARGIN_MS,
      shared: options.sharedTokens,
      onTokensRefreshed: options.onTokensRefreshed,
    });
  }

  get auth(): Readonly<ShopAuth> {
    return this.options.auth;
  }

  /**
   * Sends the request and returns the validated `data`.
   * @throws ConnectorError (envelope.ts for the codes).
   */
  async call<S extends z.ZodType>(request: ShopifyRequest<S>): Promise<z.output<S>> {
    const usedToken = this.options.auth.accessToken;
    try {
      return await this.callOnce(request);
    } catch (error) {
      if (!(isConnectorError(error) && error.httpStatus === 401)) throw error;
      // Throws the 401 again unless another connector stored a different token.
      await this.tokens.recover(usedToken, error);
      return this.callOnce(request);
    }
  }

  /**
   * Takes the token another connector of the shop stored, if any (through sharedTokens);
   * otherwise fails: offline tokens are not refreshed (§5.1).
   * @throws ConnectorError AUTH_FAILED (not retryable).
   */
  refreshTokens(): Promise<RefreshedTokens> {
    return this.tokens.refresh();
  }

  private async callOnce<S extends z.ZodType>(request: ShopifyRequest<S>): Promise<z.output<S>> {
    await this.budget.take(request.cost);
    await this.limiter?.acquire();
    const response = await this.send(request);
    let envelope;
    try {
      envelope = readShopifyAnswer(response, SHOPIFY_GRAPHQL_PATH, this.options.nowMs());
    } catch (error) {
      if (!this.observeCostOf(response.text)) this.budget.giveBack(request.cost);
      throw error;
    }
    if (envelope.extensions?.cost) this.budget.observe(envelope.extensions.cost.throttleStatus);
    const parsed = request.schema.safeParse(envelope.data);
    if (parsed.success) return parsed.data;
    throw new ConnectorError('BAD_PAYLOAD', 'Shopify: the data does not have the expected shape', {
      cause: parsed.error,
    });
  }

  /** One POST; a transport failure gives back the request's charge before it is thrown. */
  private async send<S extends z.ZodType>(request: ShopifyRequest<S>): Promise<HttpResponse> {
    try {
      return await sendRequest({
        method: 'POST',
        url: `${this.options.baseUrl}${SHOPIFY_GRAPHQL_PATH}`,
        headers: {
          'content-type': 'application/json',
          accept: 'application/json',
          'x-shopify-access-token': this.options.auth.accessToken,
        },
        body: JSON.stringify({ query: request.query, variables: request.variables ?? {} }),
        timeoutMs: Math.min(this.options.timeoutMs, request.timeoutCapMs ?? Infinity),
      });
    } catch (error) {
      this.budget.giveBack(request.cost);
      throw error;
    }
  }

  /**
   * A refused answer may still say how full the bucket is (a throttle does): the next requests
   * wait for it. False when it says nothing (a 5xx page).
   */
  private observeCostOf(text: string): boolean {
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return false;
    }
    const envelope = RawGraphqlEnvelope.safeParse(body);
    const status = envelope.success ? envelope.data.extensions?.cost?.throttleStatus : undefined;
    if (status) this.budget.observe(status);
    return status !== undefined;
  }
}

function noRefresh(): ConnectorError {
  return new ConnectorError(
    'AUTH_FAILED',
    'Shopify offline access tokens are not refreshed: install the app again for a new token',
    { platformCode: 'NO_TOKEN_REFRESH' },
  );
}
