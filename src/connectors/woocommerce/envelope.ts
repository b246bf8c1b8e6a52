/**
 * Reading a WooCommerce answer (woocommerce.md §6.1, §6.2): success is any HTTP 2xx with the
 * resource as JSON; a failure carries `{code, message, data:{status}}`. Failures become a
 * ConnectorError with our code and the store's code kept in `platformCode`.
 */
import type { ConnectorErrorCode } from '../errors.ts';
import { ConnectorError } from '../errors.ts';
import type { HttpResponse } from '../http/send-request.ts';
import { parseJsonBody, retryAfterMsOf } from '../http/send-request.ts';
import { RawWooError } from './raw-types.ts';

/** Codes that say the key, its signature or its permissions were refused: a seller must act (§6.1). */
const AUTH_CODES = new Set([
  'woocommerce_rest_authentication_error',
  'woocommerce_rest_authentication_missing_parameter',
  'woocommerce_rest_cannot_view',
  'woocommerce_rest_cannot_edit',
  'woocommerce_rest_cannot_create',
  'woocommerce_rest_cannot_batch',
  'rest_forbidden',
  'rest_not_logged_in',
]);

/** Our error code for a failed answer's status and WooCommerce code. */
export function errorCodeFor(httpStatus: number, wooCode: string | null): ConnectorErrorCode {
  if (httpStatus === 429) return 'RATE_LIMITED';
  if (httpStatus >= 500) return 'UNAVAILABLE';
  if (wooCode !== null && AUTH_CODES.has(wooCode)) return 'AUTH_FAILED';
  if (httpStatus === 401 || httpStatus === 403) return 'AUTH_FAILED';
  return 'REJECTED';
}

/**
 * The parsed JSON of a successful answer.
 * @throws ConnectorError: RATE_LIMITED on 429 (with Retry-After), UNAVAILABLE on 5xx,
 *   AUTH_FAILED on 401/403 or an authentication code, REJECTED on other 4xx (unknown id, invalid
 *   field), BAD_PAYLOAD when a 2xx answer is not JSON or a 3xx/1xx arrives.
 */
export function readWooAnswer(response: HttpResponse, path: string, nowMs: number): unknown {
  if (response.status >= 200 && response.status < 300) return parseJsonBody(response, path);
  throw wooErrorOf(response, path, nowMs);
}

/** The ConnectorError for a failed answer (any non-2xx). */
export function wooErrorOf(response: HttpResponse, path: string, nowMs: number): ConnectorError {
  const body = tryWooError(response.text);
  const options = {
    httpStatus: response.status,
    platformCode: body?.code ?? null,
    retryAfterMs: retryAfterMsOf(response.headers, nowMs),
  };
  if (response.status < 400) {
    return new ConnectorError(
      'BAD_PAYLOAD',
      `${path}: unexpected HTTP ${response.status}`,
      options,
    );
  }
  const what = body ? `${body.message || body.code} (${body.code})` : `HTTP ${response.status}`;
  return new ConnectorError(
    errorCodeFor(response.status, body?.code ?? null),
    `${path}: ${stripTags(what)}`,
    options,
  );
}

function tryWooError(text: string): RawWooError | null {
  try {
    const parsed = RawWooError.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** WordPress's fatal-error message is HTML ("<p>There has been a critical error…</p>"). */
function stripTags(text: string): string {
  return text.replace(/<[^>]*>/g, '').slice(0, 300);
}
