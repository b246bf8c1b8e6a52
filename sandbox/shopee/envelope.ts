/**
 * Shopee's answer envelope `{error, message, warning, request_id, response}` (§2.5) and the
 * error a handler throws to answer with one. HTTP statuses for errors are not documented
 * (§2.5, README §8.4); the emulator's choice: 400 for parameter and business errors, 403 for
 * signature/token/partner/shop errors, 429 for the throttle, 500/503 for server faults.
 */
import { randomBytes } from 'node:crypto';

export type ShopeeBody = Record<string, unknown>;

export class ShopeeApiError extends Error {
  constructor(
    readonly error: string,
    message: string,
    readonly httpStatus = 400,
  ) {
    super(message);
  }
}

/** A parameter error (`error_param`, HTTP 400). */
export function paramError(message: string): ShopeeApiError {
  return new ShopeeApiError('error_param', message, 400);
}

/** An authentication error (HTTP 403). */
export function authError(error: string, message: string): ShopeeApiError {
  return new ShopeeApiError(error, message, 403);
}

export function requestId(): string {
  return randomBytes(16).toString('hex');
}

/** A success envelope around `response`. */
export function okBody(response: unknown): ShopeeBody {
  return { error: '', message: '', warning: '', request_id: requestId(), response };
}

/** An error envelope; `response` is kept when the error comes with data (a partial failure). */
export function errorBody(error: string, message: string, response?: unknown): ShopeeBody {
  return {
    error,
    message,
    request_id: requestId(),
    ...(response === undefined ? {} : { response }),
  };
}
