/** Small pieces several routes share: the Idempotency-Key header and handler-level 400s. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sendError } from './error-reply.ts';
import { bodyProblemDetails, type BodyProblem } from './validation.ts';

/**
 * The request's Idempotency-Key (its format is checked by the route's header schema), or null
 * after answering IDEMPOTENCY_KEY_REQUIRED: stock-changing requests must be safe to retry.
 */
export function idempotencyKeyOf(request: FastifyRequest, reply: FastifyReply): string | null {
  const key = request.headers['idempotency-key'];
  if (typeof key === 'string' && key.length > 0) return key;
  sendError(request, reply, 'IDEMPOTENCY_KEY_REQUIRED');
  return null;
}

export function sendBadRequest(
  request: FastifyRequest,
  reply: FastifyReply,
  problem: BodyProblem,
): FastifyReply {
  return sendError(
    request,
    reply,
    'VALIDATION_FAILED',
    bodyProblemDetails(problem, request.locale),
  );
}
