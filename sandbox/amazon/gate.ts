/**
 * The checks SP-API makes before a call reaches the seller's data (amazon.md §4.1, §4.2), in
 * this order: faults (outage), the LWA access token (missing, unknown or expired: 403
 * Unauthorized), the seller the path names, the operation's usage plan per (app, seller) (429
 * QuotaExceeded), injected errors, latency. There is no signature and no timestamp to check:
 * SP-API takes the token alone.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sleep } from '../kit/faults.ts';
import type { ApiError } from './answers.ts';
import { ERRORS, sendError } from './answers.ts';
import type { AmazonContext, Operation } from './context.ts';
import type { ShopRecord } from './state.ts';

export interface Caller {
  shop: ShopRecord;
  appKey: string;
  operation: Operation;
  /** The fault injector chose to apply this write and then never answer it. */
  hangAfterApply: boolean;
}

/** Operations that change something: only they can be "applied and never answered". */
const WRITES: ReadonlySet<Operation> = new Set(['patchListingsItem', 'cancelOrder']);

/**
 * Admits a call or answers it with Amazon's refusal (then returns null). `sellerId` is the one
 * the path names, when it names one (Listings); else the token's seller is the caller.
 */
export async function admitApiCall(
  context: AmazonContext,
  request: FastifyRequest,
  reply: FastifyReply,
  route: { operation: Operation; sellerId?: string },
): Promise<Caller | null> {
  count(context, request);
  const decision = context.faults.decide();
  if (decision === 'outage') return refuse(reply, ERRORS.unavailable);
  const checked = checkToken(context, request, route.sellerId);
  if ('httpStatus' in checked) return refuse(reply, checked);
  const rate = context.rateOf(route.operation);
  if (!context.take(route.operation, `${checked.appKey}|${checked.shop.seed.platformShopId}`)) {
    context.stats.throttled += 1;
    return refuse(reply, ERRORS.quotaExceeded, rate);
  }
  if (decision === 'error') return refuse(reply, ERRORS.internal, rate);
  if (decision === 'throttle') {
    context.stats.throttled += 1;
    reply.header('retry-after', String(context.faults.settings.retryAfterSeconds));
    return refuse(reply, ERRORS.quotaExceeded, rate);
  }
  await sleep(context.faults.delayMs());
  return {
    ...checked,
    operation: route.operation,
    hangAfterApply: decision === 'timeout-after-apply' && WRITES.has(route.operation),
  };
}

/** Admits a Login with Amazon call: only counting and faults apply. */
export async function admitAuthCall(
  context: AmazonContext,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<boolean> {
  count(context, request);
  const decision = context.faults.decide();
  if (decision === 'outage' || decision === 'error') {
    const status = decision === 'outage' ? 503 : 500;
    reply
      .code(status)
      .send({ error: 'server_error', error_description: 'temporarily unavailable' });
    return false;
  }
  await sleep(context.faults.delayMs());
  return true;
}

/** Answers an admitted call, or leaves it hanging when the fault injector said so. */
export function finish(
  caller: Caller,
  reply: FastifyReply,
  answer: () => FastifyReply,
): FastifyReply {
  if (!caller.hangAfterApply) return answer();
  // Applied, never answered: the socket stays open until the client gives up (or the server closes).
  reply.hijack();
  return reply;
}

/** The request's query string parsed as received (repeated keys kept). */
export function queryOf(request: FastifyRequest): URLSearchParams {
  const at = request.url.indexOf('?');
  return new URLSearchParams(at === -1 ? '' : request.url.slice(at + 1));
}

function checkToken(
  context: AmazonContext,
  request: FastifyRequest,
  sellerId: string | undefined,
): ApiError | { shop: ShopRecord; appKey: string } {
  const header = request.headers['x-amz-access-token'];
  const token = context.state.accessTokens.get(typeof header === 'string' ? header : '');
  if (!token) return ERRORS.tokenInvalid;
  if (context.nowMs() >= token.expiresAtMs) return ERRORS.tokenExpired;
  if (sellerId !== undefined && sellerId !== token.sellerId) return ERRORS.wrongSeller;
  const shop = context.state.shops.get(token.sellerId);
  if (!shop) return ERRORS.wrongSeller;
  return { shop, appKey: token.appKey };
}

function refuse(reply: FastifyReply, error: ApiError, rate?: number): null {
  sendError(reply, error, rate);
  return null;
}

function count(context: AmazonContext, request: FastifyRequest): void {
  const route = request.routeOptions.url ?? request.url.split('?')[0] ?? request.url;
  const key = `${request.method} ${route}`;
  context.stats.requests[key] = (context.stats.requests[key] ?? 0) + 1;
}
