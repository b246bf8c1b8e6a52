/**
 * Error responses: always `{error:{code,message,details}}`, the message in the caller's language,
 * the status from the one map. Used by routes (for failed Outcomes), hooks and the error handler.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { DomainError, Outcome } from '../domain/outcome.ts';
import type { Locale } from '../i18n/locale.ts';
import { messageFor, type ErrorCode } from '../i18n/messages.ts';
import { HTTP_STATUS_OF } from './error-status.ts';

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details: Record<string, unknown> };
}

export function toErrorBody(
  code: ErrorCode,
  details: Record<string, unknown>,
  locale: Locale,
): ErrorBody {
  return { error: { code, message: messageFor(code, details, locale), details } };
}

export function sendError(
  request: FastifyRequest,
  reply: FastifyReply,
  code: ErrorCode,
  details: Record<string, unknown> = {},
): FastifyReply {
  return reply
    .code(HTTP_STATUS_OF[code])
    .type('application/json; charset=utf-8')
    .send(toErrorBody(code, details, request.locale));
}

export function sendDomainError(
  request: FastifyRequest,
  reply: FastifyReply,
  error: DomainError,
): FastifyReply {
  return sendError(request, reply, error.code, error.details);
}

/**
 * Sends a successful Outcome's value (mapped by `view`) with `status`, or its error. Replayed
 * idempotent commands answer 200 rather than 201: nothing new was created.
 */
export function sendOutcome<T, V>(
  request: FastifyRequest,
  reply: FastifyReply,
  outcome: Outcome<T>,
  options: { status?: number; view: (value: T) => V },
): FastifyReply {
  if (!outcome.ok) return sendDomainError(request, reply, outcome.error);
  const value = outcome.value;
  const replayed = isReplayed(value);
  if (replayed) reply.header('idempotent-replayed', 'true');
  return reply.code(replayed ? 200 : (options.status ?? 200)).send(options.view(value));
}

function isReplayed(value: unknown): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { replayed?: unknown }).replayed === true
  );
}
