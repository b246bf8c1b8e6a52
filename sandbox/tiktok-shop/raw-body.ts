/**
 * Keeps each JSON request's raw body text: TikTok signs the exact bytes sent (tiktok-shop.md §1.3
 * step 5), so the emulator must check the signature against them, not a re-serialization.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';

const rawBodies = new WeakMap<object, string>();

/** Replaces Fastify's JSON parser with one that records the raw text (empty bodies allowed). */
export function registerRawJsonParser(app: FastifyInstance): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    rawBodies.set(request.raw, text);
    if (text === '') return done(null, undefined);
    try {
      done(null, JSON.parse(text));
    } catch {
      done(Object.assign(new Error('the body is not JSON'), { statusCode: 400 }), undefined);
    }
  });
}

/** The body text as received; '' when the request had none. */
export function rawBodyOf(request: FastifyRequest): string {
  return rawBodies.get(request.raw) ?? '';
}
