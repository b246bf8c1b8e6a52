/**
 * Reading a TikTok Shop answer: HTTP status and the `{code, message, request_id, data}` envelope
 * (tiktok-shop.md §1.5) turned into the envelope's data, or a ConnectorError with our code and the
 * platform's code kept in `platformCode`.
 */
import type { ConnectorErrorCode } from '../errors.ts';
import { ConnectorError } from '../errors.ts';
import type { HttpResponse } from '../http/send-request.ts';
import { parseJsonBody, retryAfterMsOf } from '../http/send-request.ts';
import { RawEnvelope } from './raw-types.ts';

/** Platform codes with a fixed meaning for retries (§1.4, §1.5). */
export const TIKTOK_CODES = {
  tooManyRequests: 36009002,
  internalError: 36009003,
  credentialsOrTimestamp: 36009004,
  ipNotAllowed: 36009033,
  tokenExpired: 105002,
  badSign: 106001,
} as const;

/**
 * Our error code for a nonzero platform code. 105xxx and 106xxx are credential and token groups
 * (ECOMPHP treats 105xxx/360xxx as token errors, §1.4); of the 360xxxxx gateway codes only the
 * credential ones (36009004 timestamp/identifiers, 36009033 IP allow list) need a seller, the
 * others (invalid path, method, body) are our bug and stay REJECTED.
 */
export function errorCodeFor(platformCode: number): ConnectorErrorCode {
  if (platformCode === TIKTOK_CODES.tooManyRequests) return 'RATE_LIMITED';
  if (platformCode === TIKTOK_CODES.internalError) return 'UNAVAILABLE';
  if (platformCode === TIKTOK_CODES.tokenExpired) return 'TOKEN_EXPIRED';
  if (platformCode === TIKTOK_CODES.credentialsOrTimestamp) return 'AUTH_FAILED';
  if (platformCode === TIKTOK_CODES.ipNotAllowed) return 'AUTH_FAILED';
  const group = Math.floor(platformCode / 1000);
  if (group === 105 || group === 106) return 'AUTH_FAILED';
  return 'REJECTED';
}

/**
 * The envelope's `data` of a successful answer.
 * @throws ConnectorError: RATE_LIMITED on HTTP 429 or 36009002 (with Retry-After when sent),
 *   UNAVAILABLE on 5xx or 36009003, TOKEN_EXPIRED on 105002, AUTH_FAILED on credential codes,
 *   REJECTED on any other nonzero code, BAD_PAYLOAD when the body is not the envelope.
 */
export function readEnvelope(response: HttpResponse, path: string, nowMs: number): unknown {
  const retryAfterMs = retryAfterMsOf(response.headers, nowMs);
  const envelope = tryEnvelope(response);
  const platformCode = envelope ? String(envelope.code) : null;
  const common = { httpStatus: response.status, platformCode, retryAfterMs };
  if (response.status === 429) {
    throw new ConnectorError('RATE_LIMITED', `${path}: throttled (HTTP 429)`, common);
  }
  if (response.status >= 500) {
    throw new ConnectorError('UNAVAILABLE', `${path}: HTTP ${response.status}`, common);
  }
  if (!envelope) return failWithoutEnvelope(response, path);
  if (envelope.code !== 0) {
    const message = `${path}: ${envelope.message || 'error'} (code ${envelope.code})`;
    throw new ConnectorError(errorCodeFor(envelope.code), message, common);
  }
  if (response.status < 200 || response.status >= 300) {
    throw new ConnectorError('BAD_PAYLOAD', `${path}: code 0 with HTTP ${response.status}`, common);
  }
  return envelope.data;
}

function tryEnvelope(response: HttpResponse): RawEnvelope | null {
  try {
    const parsed = RawEnvelope.safeParse(JSON.parse(response.text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** No envelope: a bare 401/403 is a credential problem, anything else an unreadable answer. */
function failWithoutEnvelope(response: HttpResponse, path: string): never {
  if (response.status === 401 || response.status === 403) {
    throw new ConnectorError('AUTH_FAILED', `${path}: HTTP ${response.status}`, {
      httpStatus: response.status,
    });
  }
  parseJsonBody(response, path);
  throw new ConnectorError('BAD_PAYLOAD', `${path}: the answer is not the TikTok envelope`, {
    httpStatus: response.status,
  });
}
