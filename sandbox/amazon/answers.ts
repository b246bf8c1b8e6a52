/**
 * How the SP-API answers (amazon.md §4.2): resources at top level (Listings) or wrapped in
 * `payload` (Orders v0), errors as `{errors:[{code, message, details}]}`, an `x-amzn-RequestId` on
 * every answer and the usage plan's rate in `x-amzn-RateLimit-Limit`.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyReply } from 'fastify';

export interface ApiError {
  httpStatus: number;
  code: string;
  message: string;
  details?: string;
}

/** The answers the emulator gives, each as Amazon words it (§4.1, §4.2). */
export const ERRORS = {
  tokenExpired: {
    httpStatus: 403,
    code: 'Unauthorized',
    message: 'Access to requested resource is denied.',
    details: 'The access token you provided has expired.',
  },
  tokenInvalid: {
    httpStatus: 403,
    code: 'Unauthorized',
    message: 'Access to requested resource is denied.',
    details: 'The access token you provided is revoked, malformed or invalid.',
  },
  wrongSeller: {
    httpStatus: 403,
    code: 'Unauthorized',
    message: 'Access to requested resource is denied.',
    details: '',
  },
  quotaExceeded: {
    httpStatus: 429,
    code: 'QuotaExceeded',
    message: 'You exceeded your quota for the requested resource.',
  },
  internal: {
    httpStatus: 500,
    code: 'InternalFailure',
    message: 'We encountered an internal error. Please try again.',
  },
  unavailable: {
    httpStatus: 503,
    code: 'ServiceUnavailable',
    message: 'Service temporarily unavailable. Please try again.',
  },
} as const satisfies Record<string, ApiError>;

/** Amazon's InvalidInput: a generic message, what was wrong in `details`. */
export function invalidInput(details: string): ApiError {
  return {
    httpStatus: 400,
    code: 'InvalidInput',
    message: 'The input you have submitted is not valid. Please check your input and try again.',
    details,
  };
}

export function notFound(code: 'NOT_FOUND' | 'NotFound', message: string): ApiError {
  return { httpStatus: 404, code, message };
}

export function sendError(reply: FastifyReply, error: ApiError, rateLimit?: number): FastifyReply {
  stamp(reply, rateLimit);
  const entry = {
    code: error.code,
    message: error.message,
    ...(error.details !== undefined ? { details: error.details } : {}),
  };
  return reply.code(error.httpStatus).send({ errors: [entry] });
}

export function sendBody(reply: FastifyReply, body: unknown, rateLimit?: number): FastifyReply {
  stamp(reply, rateLimit);
  return reply.code(200).send(body);
}

function stamp(reply: FastifyReply, rateLimit: number | undefined): void {
  reply.header('content-type', 'application/json');
  reply.header('x-amzn-RequestId', randomUUID());
  if (rateLimit !== undefined) reply.header('x-amzn-RateLimit-Limit', String(rateLimit));
}
