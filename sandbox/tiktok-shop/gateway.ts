/**
 * The checks TikTok's gateway makes before an API call reaches the shop (tiktok-shop.md §1.2,
 * §1.3, §1.5, §1.6), in this order: faults (outage), app_key, timestamp window, signature, access
 * token, shop_cipher, the rate window per (app, shop, API), injected errors, latency. A refusal is
 * answered here; an admitted call gets its shop.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sleep } from '../kit/faults.ts';
import type { EmulatorContext } from './context.ts';
import type { ApiOutcome } from './envelope.ts';
import { CODES, refuse, sendEnvelope, sendOutcome } from './envelope.ts';
import { rawBodyOf } from './raw-body.ts';
import { isSignValid } from './sign-check.ts';
import type { ShopRecord } from './state.ts';

export interface Caller {
  shop: ShopRecord;
  appKey: string;
  /** The fault injector chose to apply this call and then never answer it. */
  hangAfterApply: boolean;
}

/** Accepted timestamps: 5 minutes before to 30 seconds after the server's clock (§1.2). */
const TIMESTAMP_PAST_MS = 5 * 60_000;
const TIMESTAMP_FUTURE_MS = 30_000;

/** Admits an API call or answers it with the platform's refusal (then returns null). */
export async function admitApiCall(
  context: EmulatorContext,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<Caller | null> {
  const route = countRequest(context, request);
  const decision = context.faults.decide();
  if (decision === 'outage') {
    answerWithFault(context, reply, 'outage');
    return null;
  }
  const checked = checkCaller(context, request);
  if ('ok' in checked) {
    sendOutcome(context, reply, checked);
    return null;
  }
  const { shop, appKey } = checked;
  if (!context.rateWindow.take(`${appKey}|${shop.seed.platformShopId}|${route}`)) {
    context.stats.throttled += 1;
    const answer = { httpStatus: 429, code: CODES.tooManyRequests, message: 'Too many requests' };
    sendEnvelope(context, reply, answer);
    return null;
  }
  if (decision === 'error') {
    answerWithFault(context, reply, 'error');
    return null;
  }
  if (decision === 'throttle') {
    context.stats.throttled += 1;
    reply.header('retry-after', String(context.faults.settings.retryAfterSeconds));
    const answer = { httpStatus: 429, code: CODES.tooManyRequests, message: 'Too many requests' };
    sendEnvelope(context, reply, answer);
    return null;
  }
  await sleep(context.faults.delayMs());
  return { shop, appKey, hangAfterApply: decision === 'timeout-after-apply' };
}

/** Admits a token call (auth host: unsigned, §1.4): only counting and faults apply. */
export async function admitAuthCall(
  context: EmulatorContext,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<boolean> {
  countRequest(context, request);
  const decision = context.faults.decide();
  if (decision === 'outage' || decision === 'error') {
    answerWithFault(context, reply, decision);
    return false;
  }
  await sleep(context.faults.delayMs());
  return true;
}

/** Answers an admitted call, or leaves it hanging when the fault injector said so. */
export function finishApiCall(
  context: EmulatorContext,
  caller: Caller,
  reply: FastifyReply,
  outcome: ApiOutcome,
): FastifyReply {
  if (!caller.hangAfterApply) return sendOutcome(context, reply, outcome);
  // Applied, never answered: the socket stays open until the client gives up (or the server closes).
  reply.hijack();
  return reply;
}

/** The request's query string parsed as received. */
export function queryOf(request: FastifyRequest): URLSearchParams {
  const at = request.url.indexOf('?');
  return new URLSearchParams(at === -1 ? '' : request.url.slice(at + 1));
}

function countRequest(context: EmulatorContext, request: FastifyRequest): string {
  const route = request.routeOptions.url ?? pathOf(request);
  context.stats.requests[route] = (context.stats.requests[route] ?? 0) + 1;
  return route;
}

function checkCaller(
  context: EmulatorContext,
  request: FastifyRequest,
): ApiOutcome | { shop: ShopRecord; appKey: string } {
  const query = queryOf(request);
  const appKey = query.get('app_key') ?? '';
  const appSecret = context.state.appSecret(appKey);
  if (appSecret === undefined) return refuse(CODES.credentialsOrTimestamp, 'Invalid app_key', 401);
  const timestamp = query.get('timestamp') ?? '';
  if (!isTimestampAccepted(timestamp, context.nowMs()))
    return refuse(CODES.credentialsOrTimestamp, 'Invalid timestamp', 401);
  if (!isSignAccepted(request, appSecret, query.get('sign') ?? ''))
    return refuse(CODES.badSign, 'Invalid credentials. The sign query parameter is invalid.', 401);
  return checkTokenAndShop(context, request, query, appKey);
}

function checkTokenAndShop(
  context: EmulatorContext,
  request: FastifyRequest,
  query: URLSearchParams,
  appKey: string,
): ApiOutcome | { shop: ShopRecord; appKey: string } {
  const header = request.headers['x-tts-access-token'];
  const token = context.state.accessTokens.get(typeof header === 'string' ? header : '');
  if (!token) return refuse(CODES.invalidToken, 'Invalid access token', 401);
  if (context.nowMs() >= token.expiresAtMs)
    return refuse(CODES.tokenExpired, 'Access token is expired', 401);
  const cipher = query.get('shop_cipher');
  if (!cipher) return refuse(CODES.missingShopCipher, 'shop_cipher is required');
  const shop = context.state.shops.get(token.shopId);
  if (
    !shop ||
    context.state.shopIdByCipher.get(cipher) !== token.shopId ||
    shop.seed.appKey !== appKey
  )
    return refuse(CODES.credentialsOrTimestamp, 'Unexpected identifier: shop_cipher', 401);
  return { shop, appKey };
}

function isTimestampAccepted(timestamp: string, nowMs: number): boolean {
  if (!/^\d{10}$/.test(timestamp)) return false;
  const atMs = Number(timestamp) * 1000;
  return atMs >= nowMs - TIMESTAMP_PAST_MS && atMs <= nowMs + TIMESTAMP_FUTURE_MS;
}

function isSignAccepted(request: FastifyRequest, appSecret: string, sign: string): boolean {
  const at = request.url.indexOf('?');
  const received = {
    path: pathOf(request),
    rawQuery: at === -1 ? '' : request.url.slice(at + 1),
    rawBody: rawBodyOf(request),
    contentType: request.headers['content-type'] ?? '',
  };
  return isSignValid(received, appSecret, sign);
}

function pathOf(request: FastifyRequest): string {
  const at = request.url.indexOf('?');
  return at === -1 ? request.url : request.url.slice(0, at);
}

/** Outage: HTTP 503 (overloaded, §1.5); injected error: HTTP 500 with 36009003. Nothing applied. */
function answerWithFault(
  context: EmulatorContext,
  reply: FastifyReply,
  fault: 'outage' | 'error',
): void {
  const answer =
    fault === 'outage'
      ? { httpStatus: 503, code: CODES.internalError, message: 'Service unavailable' }
      : { httpStatus: 500, code: CODES.internalError, message: 'Internal error' };
  sendEnvelope(context, reply, answer);
}
