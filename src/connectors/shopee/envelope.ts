/**
 * Reading Shopee's envelope `{error, message, warning, request_id, response}` (shopee.md §2.5)
 * and turning its error names into our ConnectorError codes. `error` "" means success; business
 * errors may carry a module prefix (`product.error_param`, `common.error_auth`), so names are
 * compared without it. The platform's own name is kept as `platformCode`.
 */
import { ConnectorError, type ConnectorErrorCode } from '../errors.ts';
import { parseJsonBody, retryAfterMsOf, type HttpResponse } from '../http/send-request.ts';
import { SHOPEE_DAY_OFFSET_MS } from './options.ts';
import { RawEnvelope } from './raw-types.ts';

const DAY_MS = 24 * 3600 * 1000;

/** Errors a seller (or operator) must fix: signature, app, shop link, permission (§2.5). */
const AUTH_ERRORS = new Set([
  'error_sign',
  'invalid_partner_id',
  'error_partner_key_expired',
  'shop_no_linked',
  'shop_banned',
  'error_api_permission',
]);

/** Server-side trouble worth retrying; error_network/error_system_busy appear in SP-SCHEMA lists. */
const SERVER_ERRORS = new Set([
  'error_server',
  'error_inner',
  'error_network',
  'error_system_busy',
]);

/** `product.error_param` → `error_param`. */
export function bareErrorName(error: string): string {
  return error.slice(error.lastIndexOf('.') + 1);
}

/** Milliseconds until Shopee's next day starts (00:00 UTC+8), when the daily quota resets. */
export function msUntilShopeeMidnight(nowMs: number): number {
  const shifted = nowMs + SHOPEE_DAY_OFFSET_MS;
  return (Math.floor(shifted / DAY_MS) + 1) * DAY_MS - shifted;
}

/** What one failed answer said, for classification. */
export interface ShopeeFailure {
  /** The `error` name as sent (kept as platformCode). */
  error: string;
  message: string;
  /** True for auth/access_token/get: a refused refresh token is the seller's to fix. */
  isTokenCall: boolean;
}

/** Our code for one Shopee error name (the mapping table of the brief and §2.5). */
export function classifyShopeeError(failure: ShopeeFailure): ConnectorErrorCode {
  const name = bareErrorName(failure.error);
  if (name === 'error_rate_limit' || name === 'error_limit') return 'RATE_LIMITED';
  if (SERVER_ERRORS.has(name)) return 'UNAVAILABLE';
  // `invalid_acceess_token` is Shopee's own spelling (§2.5); the correct spelling is accepted too.
  if (name === 'invalid_acceess_token' || name === 'invalid_access_token') return 'TOKEN_EXPIRED';
  if (AUTH_ERRORS.has(name)) return 'AUTH_FAILED';
  if (name === 'error_auth') return classifyErrorAuth(failure);
  return 'REJECTED';
}

/**
 * `error_auth` is overloaded: a refused refresh token, an expired access token (SP-SCHEMA error
 * lists: "Invalid access_token."), a missing permission, or a business refusal such as
 * "Total stock must be more than reserved stock." on update_stock.
 */
function classifyErrorAuth(failure: ShopeeFailure): ConnectorErrorCode {
  if (failure.isTokenCall) return 'AUTH_FAILED';
  if (/access[_ ]token/i.test(failure.message)) return 'TOKEN_EXPIRED';
  if (/permission/i.test(failure.message)) return 'AUTH_FAILED';
  return 'REJECTED';
}

/** The ConnectorError for one failed answer; the daily quota waits until Shopee's midnight. */
export function toShopeeConnectorError(
  failure: ShopeeFailure,
  context: { path: string; httpStatus: number; nowMs: number; retryAfterMs?: number | null },
): ConnectorError {
  const code = classifyShopeeError(failure);
  const quota = bareErrorName(failure.error) === 'error_limit';
  return new ConnectorError(code, `${context.path}: ${failure.error} ${failure.message}`.trim(), {
    platformCode: failure.error,
    httpStatus: context.httpStatus,
    retryAfterMs: quota ? msUntilShopeeMidnight(context.nowMs) : (context.retryAfterMs ?? null),
  });
}

/** How to read one answer. */
export interface ReadEnvelopeOptions {
  path: string;
  nowMs: number;
  isTokenCall: boolean;
  /** Error names (bare) whose answer is still read, e.g. update_stock's partial failure. */
  acceptErrors?: readonly string[];
}

/**
 * The envelope of a successful (or accepted) answer; otherwise throws the mapped ConnectorError.
 * HTTP 429 is a throttle and 5xx an outage whatever the body says; Shopee's HTTP statuses for
 * errors are not documented (§2.5), so for the rest the `error` field decides.
 */
export function readShopeeEnvelope(
  response: HttpResponse,
  options: ReadEnvelopeOptions,
): RawEnvelope {
  const { path, nowMs } = options;
  const retryAfterMs = retryAfterMsOf(response.headers, nowMs);
  const envelope = RawEnvelope.safeParse(safeJson(response, path));
  const error = envelope.success ? (envelope.data.error ?? '') : '';
  const message = envelope.success ? (envelope.data.message ?? '') : '';
  const context = { path, httpStatus: response.status, nowMs, retryAfterMs };
  if (response.status === 429) {
    const failure = { error: error || 'error_rate_limit', message, isTokenCall: false };
    return throwAs('RATE_LIMITED', failure, context);
  }
  if (response.status >= 500) {
    return throwAs(
      'UNAVAILABLE',
      { error: error || `http_${response.status}`, message, isTokenCall: false },
      context,
    );
  }
  if (!envelope.success) throw badPayload(path, response.status, envelope.error);
  if (error !== '' && !(options.acceptErrors ?? []).includes(bareErrorName(error))) {
    throw toShopeeConnectorError({ error, message, isTokenCall: options.isTokenCall }, context);
  }
  if (error === '' && (response.status < 200 || response.status > 299)) {
    const code = response.status === 401 || response.status === 403 ? 'AUTH_FAILED' : 'REJECTED';
    return throwAs(
      code,
      { error: `http_${response.status}`, message, isTokenCall: false },
      context,
    );
  }
  return envelope.data;
}

function throwAs(
  code: ConnectorErrorCode,
  failure: ShopeeFailure,
  context: { path: string; httpStatus: number; retryAfterMs: number | null },
): never {
  throw new ConnectorError(code, `${context.path}: ${failure.error} ${failure.message}`.trim(), {
    platformCode: failure.error,
    httpStatus: context.httpStatus,
    retryAfterMs: context.retryAfterMs,
  });
}

/** JSON of the body; a non-JSON 429/5xx body is fine (the status decides), else BAD_PAYLOAD. */
function safeJson(response: HttpResponse, path: string): unknown {
  if (response.status === 429 || response.status >= 500) {
    try {
      return JSON.parse(response.text) as unknown;
    } catch {
      return {};
    }
  }
  return parseJsonBody(response, path);
}

/** BAD_PAYLOAD naming the path and what zod disliked. */
export function badPayload(
  path: string,
  httpStatus: number | null,
  cause: unknown,
): ConnectorError {
  return new ConnectorError(
    'BAD_PAYLOAD',
    `${path}: the answer does not have the documented shape`,
    {
      httpStatus,
      cause,
    },
  );
}
