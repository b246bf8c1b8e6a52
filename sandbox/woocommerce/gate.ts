/**
 * What every REST call goes through before its handler, in order: counting, an outage (the host's
 * 503 maintenance page), authentication (auth-check.ts), the host's rate window per site (429
 * with Retry-After), injected errors (WordPress's 500 "critical error"), injected throttling,
 * latency; then the handler, whose WooApiError becomes the error body. A timeout-after-apply fault
 * runs the handler and never answers.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sleep } from '../kit/faults.ts';
import { authenticate } from './auth-check.ts';
import type { WooContext } from './context.ts';
import { WooApiError } from './errors.ts';
import type { StoreRecord } from './state.ts';
import { expireUnpaidOrders } from './order-flow.ts';

export interface Answer {
  body: unknown;
  status?: number;
  headers?: Record<string, string>;
}

export type Handler = (store: StoreRecord, request: FastifyRequest) => Answer;

export function route(context: WooContext, name: string, handler: Handler) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
    context.stats.requests[name] = (context.stats.requests[name] ?? 0) + 1;
    const fate = context.faults.decide();
    if (fate === 'outage') return maintenance(reply);
    try {
      const store = authenticate(context.state, request, context.nowMs());
      if (!context.rateWindow.take(store.seed.platformShopId)) return throttled(context, reply, 1);
      if (fate === 'error') return criticalError(reply);
      if (fate === 'throttle')
        return throttled(context, reply, context.faults.settings.retryAfterSeconds);
      await sleep(context.faults.delayMs());
      // WooCommerce's cron cancels unpaid orders past the hold; the emulator catches up on each call.
      expireUnpaidOrders(context, store);
      const answer = handler(store, request);
      if (fate === 'timeout-after-apply') {
        reply.hijack();
        return reply;
      }
      for (const [name, value] of Object.entries(answer.headers ?? {})) reply.header(name, value);
      return reply.code(answer.status ?? 200).send(answer.body);
    } catch (error) {
      if (error instanceof WooApiError) return reply.code(error.status).send(error.body());
      throw error;
    }
  };
}

function throttled(context: WooContext, reply: FastifyReply, seconds: number): FastifyReply {
  context.stats.throttled += 1;
  return reply
    .code(429)
    .header('retry-after', String(seconds))
    .send({ code: 'rest_too_many_requests', message: 'Too many requests.', data: { status: 429 } });
}

/** WordPress in maintenance mode: a 503 HTML page, not JSON. */
function maintenance(reply: FastifyReply): FastifyReply {
  return reply
    .code(503)
    .header('retry-after', '600')
    .type('text/html; charset=utf-8')
    .send('<h1>Briefly unavailable for scheduled maintenance. Check back in a minute.</h1>');
}

function criticalError(reply: FastifyReply): FastifyReply {
  return reply.code(500).send({
    code: 'internal_server_error',
    message: '<p>There has been a critical error on this website.</p>',
    data: { status: 500 },
    additional_errors: [],
  });
}
