/**
 * Reading an SP-API answer (amazon.md §4.1, §4.2): HTTP 2xx without `errors` is success; anything
 * else becomes a ConnectorError with our code and Amazon's error code kept in `platformCode`.
 */
import { ConnectorError } from '../errors.ts';
import type { HttpResponse } from '../http/send-request.ts';
import { parseJsonBody, retryAfterMsOf } from '../http/send-request.ts';
import { RawErrorList } from './raw-types.ts';

/** Amazon's error codes with a fixed meaning for StockPool (§4.1, §4.2). */
export const AMAZON_CODES = {
  unauthorized: 'Unauthorized',
  quotaExceeded: 'QuotaExceeded',
  notFound: 'NotFound',
  invalidInput: 'InvalidInput',
} as const;

/**
 * The JSON body of a successful answer.
 * @throws ConnectorError: RATE_LIMITED on 429 (Retry-After, else one request's worth of the
 *   plan named by x-amzn-RateLimit-Limit), UNAVAILABLE on 5xx, TOKEN_EXPIRED on 403 Unauthorized
 *   whose details say the token expired, AUTH_FAILED on other 401/403, REJECTED on other 4xx or
 *   a 2xx carrying errors, BAD_PAYLOAD when a 2xx body is not JSON.
 */
export function readAmazonResponse(response: HttpResponse, path: string, nowMs: number): unknown {
  const errors = errorsOf(response);
  const first = errors?.errors[0];
  const common = {
    httpStatus: response.status,
    platformCode: first?.code ?? null,
    retryAfterMs: retryAfterOf(response, nowMs),
  };
  const said = first
    ? `${first.code}: ${first.message}${first.details ? ` (${first.details})` : ''}`
    : `HTTP ${response.status}`;
  if (response.status === 429)
    throw new ConnectorError('RATE_LIMITED', `${path}: throttled (${said})`, common);
  if (response.status >= 500) throw new ConnectorError('UNAVAILABLE', `${path}: ${said}`, common);
  if (response.status === 401 || response.status === 403)
    throw new ConnectorError(
      isExpiredToken(errors) ? 'TOKEN_EXPIRED' : 'AUTH_FAILED',
      `${path}: ${said}`,
      common,
    );
  if (response.status < 200 || response.status >= 300 || (errors && errors.errors.length > 0))
    throw new ConnectorError('REJECTED', `${path}: ${said}`, common);
  return parseJsonBody(response, path);
}

/**
 * The expired-token answer is 403 Unauthorized whose details say so (§4.1; AMZ-SDK checks that
 * text). Other 403 Unauthorized answers (a token Amazon never issued, a missing role) need more
 * than a refresh.
 */
function isExpiredToken(errors: RawErrorList | null): boolean {
  return (errors?.errors ?? []).some(
    (e) => e.code === AMAZON_CODES.unauthorized && /expired/i.test(e.details ?? ''),
  );
}

/**
 * Retry-After when sent; else the wait AMZ-SDK uses, 1/limit seconds of the usage plan the
 * `x-amzn-RateLimit-Limit` header names (§4.2). Null on answers other than 429.
 */
function retryAfterOf(response: HttpResponse, nowMs: number): number | null {
  if (response.status !== 429) return null;
  const retryAfter = retryAfterMsOf(response.headers, nowMs);
  if (retryAfter !== null) return retryAfter;
  const limit = Number(response.headers.get('x-amzn-ratelimit-limit'));
  return Number.isFinite(limit) && limit > 0 ? Math.ceil(1000 / limit) : null;
}

function errorsOf(response: HttpResponse): RawErrorList | null {
  try {
    const parsed = RawErrorList.safeParse(JSON.parse(response.text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
