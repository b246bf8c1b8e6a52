/**
 * What every Shopee API request goes through before its handler, in order: counting, injected
 * faults (outage 503 error_server, error 500 error_inner, latency), the common parameters
 * (§2.2–§2.3: partner_id known, timestamp within 5 minutes, sign, then for shop APIs the
 * access_token and the shop it was issued for), and the throttle per (partner, shop, path).
 * A "timeout-after-apply" fault runs the handler, then never answers.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sleep, type Faults } from '../kit/faults.ts';
import type { RateWindow } from '../kit/rate-window.ts';
import type { AuthStore } from './auth-store.ts';
import { authError, errorBody, paramError, ShopeeApiError, type ShopeeBody } from './envelope.ts';
import { requiredParam, type Query } from './params.ts';
import type { StatsRecorder } from './stats.ts';
import type { EmulatedShop } from './types.ts';

/** Shopee accepts a timestamp for 5 minutes (§2.2); the emulator applies it both ways. */
const TIMESTAMP_WINDOW_SEC = 300;

export interface GateDeps {
  auth: AuthStore;
  faults: Faults;
  rate: RateWindow;
  stats: StatsRecorder;
  nowMs: () => number;
  /** Answers held back by a timeout-after-apply fault, destroyed when the emulator closes. */
  hung: Set<FastifyReply>;
}

export interface PublicContext {
  partnerId: string;
  query: Query;
  body: unknown;
}

export interface ShopContext extends PublicContext {
  shop: EmulatedShop;
}

type Handler<C> = (context: C) => ShopeeBody | Promise<ShopeeBody>;

/** A public API route (partner_id + path + timestamp signature). */
export function publicRoute(deps: GateDeps, handler: Handler<PublicContext>) {
  return (request: FastifyRequest, reply: FastifyReply) =>
    run(deps, request, reply, async () => {
      const context = checkCommon(deps, request, null);
      return { key: `${context.partnerId}:-`, answer: () => handler(context) };
    });
}

/** A shop API route (signature also over access_token and shop_id; the token must fit the shop). */
export function shopRoute(deps: GateDeps, handler: Handler<ShopContext>) {
  return (request: FastifyRequest, reply: FastifyReply) =>
    run(deps, request, reply, async () => {
      const query = request.query as Query;
      const token = {
        accessToken: requiredParam(query, 'access_token'),
        shopId: requiredParam(query, 'shop_id'),
      };
      const context = checkCommon(deps, request, token);
      const shop = checkShop(deps, context.partnerId, token);
      return {
        key: `${context.partnerId}:${shop.shopId}`,
        answer: () => handler({ ...context, shop }),
      };
    });
}

async function run(
  deps: GateDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  prepare: () => Promise<{ key: string; answer: () => ShopeeBody | Promise<ShopeeBody> }>,
): Promise<FastifyReply> {
  const path = pathOf(request);
  deps.stats.countRequest(path);
  const fate = deps.faults.decide();
  await sleep(deps.faults.delayMs());
  if (fate === 'outage')
    return send(reply, 503, errorBody('error_server', 'Something wrong. Please try later.'));
  if (fate === 'error')
    return send(reply, 500, errorBody('error_inner', 'System error, please try again later.'));
  if (fate === 'throttle') {
    deps.stats.countThrottled();
    reply.header('retry-after', String(deps.faults.settings.retryAfterSeconds));
    return send(reply, 429, errorBody('error_rate_limit', 'Too many requests.'));
  }
  try {
    const { key, answer } = await prepare();
    if (!deps.rate.take(`${key}:${path}`)) {
      deps.stats.countThrottled();
      return send(reply, 429, errorBody('error_rate_limit', 'Too many requests.'));
    }
    const body = await answer();
    if (fate === 'timeout-after-apply') return hang(deps, reply);
    return send(reply, 200, body);
  } catch (error) {
    if (!(error instanceof ShopeeApiError)) throw error;
    return send(reply, error.httpStatus, errorBody(error.error, error.message));
  }
}

/** partner_id, timestamp and sign; for shop calls the sign also covers access_token and shop_id. */
function checkCommon(
  deps: GateDeps,
  request: FastifyRequest,
  token: { accessToken: string; shopId: string } | null,
): PublicContext {
  const query = request.query as Query;
  const partnerId = requiredParam(query, 'partner_id');
  const partnerKey = deps.auth.partnerKey(partnerId);
  if (partnerKey === undefined) throw authError('invalid_partner_id', 'Invalid partner_id.');
  const timestamp = requiredParam(query, 'timestamp');
  // SP-SCHEMA common errors: error_param "Invalid timestamp" for a stale or future timestamp.
  const skewSec = Math.abs(Math.floor(deps.nowMs() / 1000) - Number(timestamp));
  if (!/^\d+$/.test(timestamp) || skewSec > TIMESTAMP_WINDOW_SEC)
    throw paramError('Invalid timestamp');
  const sign = requiredParam(query, 'sign');
  const base = `${partnerId}${pathOf(request)}${timestamp}${token ? token.accessToken + token.shopId : ''}`;
  const expected = createHmac('sha256', partnerKey).update(base, 'utf8').digest('hex');
  if (!sameText(expected, sign)) throw authError('error_sign', 'Wrong sign.');
  return { partnerId, query, body: request.body };
}

/** The token must be valid and issued for this shop; the shop must be linked to this partner. */
function checkShop(
  deps: GateDeps,
  partnerId: string,
  token: { accessToken: string; shopId: string },
): EmulatedShop {
  const shop = deps.auth.shop(token.shopId);
  if (!shop || shop.partnerId !== partnerId)
    throw authError('shop_no_linked', 'Shop is not linked to the partner.');
  const owner = deps.auth.tokenOwner(token.accessToken);
  if (!owner || owner.shopId !== shop.shopId || owner.partnerId !== partnerId) {
    throw authError('invalid_acceess_token', 'Invalid access_token.');
  }
  return shop;
}

function sameText(expected: string, received: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(received);
  return a.length === b.length && timingSafeEqual(a, b);
}

function pathOf(request: FastifyRequest): string {
  return new URL(request.url, 'http://emulator').pathname;
}

function send(reply: FastifyReply, status: number, body: ShopeeBody): FastifyReply {
  return reply.code(status).header('content-type', 'application/json').send(JSON.stringify(body));
}

/** Applied, then never answered: the client times out without knowing (the classic lost ack). */
function hang(deps: GateDeps, reply: FastifyReply): FastifyReply {
  reply.hijack();
  deps.hung.add(reply);
  reply.raw.on('close', () => deps.hung.delete(reply));
  return reply;
}
