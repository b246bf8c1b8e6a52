/**
 * Turns every thrown error into the API's error JSON. Client mistakes Fastify or the validators
 * detect become 4xx with a code; anything else is a bug or an outage: logged with its stack,
 * answered as INTERNAL (500) without internals.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { negotiateLocale } from '../i18n/locale.ts';
import { sendError } from './error-reply.ts';
import { BodyParseError } from './json-body-parser.ts';
import { RequestValidationError, bodyProblemDetails, validationDetails } from './validation.ts';

export function registerErrorHandlers(
  app: FastifyInstance,
  options: { bodyLimitBytes: number },
): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof RequestValidationError)
      return sendError(
        request,
        reply,
        'VALIDATION_FAILED',
        validationDetails(error, request.locale),
      );
    if (error instanceof BodyParseError)
      return sendError(
        request,
        reply,
        'VALIDATION_FAILED',
        bodyProblemDetails(error.problem, request.locale),
      );
    const status = error.statusCode ?? 500;
    if (status === 413)
      return sendError(request, reply, 'PAYLOAD_TOO_LARGE', { limitBytes: options.bodyLimitBytes });
    if (status === 415) return sendError(request, reply, 'UNSUPPORTED_MEDIA_TYPE');
    if (status === 404) return sendError(request, reply, 'NOT_FOUND');
    if (status >= 400 && status < 500) {
      request.log.info({ code: error.code }, 'client error');
      const details = bodyProblemDetails('bad_request', request.locale);
      return sendError(request, reply, 'VALIDATION_FAILED', {
        ...details,
        fastifyCode: error.code,
      });
    }
    request.log.error({ err: error }, 'request failed');
    return sendError(request, reply, 'INTERNAL');
  });
  app.setNotFoundHandler((request, reply) => sendError(request, reply, 'NOT_FOUND'));
}

/**
 * Errors the router raises before any hook runs (a malformed %-escape, a path segment longer
 * than any id): answered in the same envelope. An over-long segment cannot name anything, so
 * it is NOT_FOUND.
 */
export function handleFrameworkError(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  request.locale = negotiateLocale(request.headers['accept-language']);
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    sendError(request, reply, 'NOT_FOUND');
    return;
  }
  sendError(request, reply, 'VALIDATION_FAILED', {
    ...bodyProblemDetails('bad_request', request.locale),
    fastifyCode: error.code,
  });
}
