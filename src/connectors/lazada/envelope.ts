/**
 * Reading a Lazada answer: HTTP status and the `{code, type, message, request_id, data}` envelope
 * (lazada.md §3.5) turned into the envelope, or a ConnectorError with our code and Lazada's code
 * kept in `platformCode`. Lazada's `code` is a string; "0" alone is success.
 */
import type { ConnectorErrorCode } from '../errors.ts';
import { ConnectorError } from '../errors.ts';
import type { HttpResponse } from '../http/send-request.ts';
import { retryAfterMsOf } from '../http/send-request.ts';
import { RawEnvelope } from './raw-types.ts';

/** Lazada codes with a fixed meaning for retries (§3.4, §3.5). */
export const LAZADA_CODES = {
  /** "The specified access token is invalid or expired": one code for both (§3.4). */
  illegalAccessToken: 'IllegalAccessToken',
  illegalRefreshToken: 'IllegalRefreshToken',
  invalidCode: 'InvalidCode',
  incompleteSignature: 'IncompleteSignature',
  /** The emulator's answer to a timestamp outside ±7200 s; the sheet names no code [L]. */
  invalidTimestamp: 'InvalidTimestamp',
  missingParameter: 'MissingParameter',
  apiCallLimit: 'ApiCallLimit',
  tooFrequent: 'E901',
  serviceTimeout: 'ServiceTimeout',
  updateFailed: 'E501',
} as const;

/** Codes that need the seller or the operator to act (keys, signature, permission, clock). */
const AUTH_CODES = new Set<string>([
  LAZADA_CODES.illegalRefreshToken,
  LAZADA_CODES.invalidCode,
  LAZADA_CODES.incompleteSignature,
  LAZADA_CODES.invalidTimestamp,
  'InvalidAppKey',
  'AppKeyNotExist',
  'InsufficientPermission',
  'AccessDenied',
]);

/** Our error code for a Lazada error code (and its `type`: ISP errors are the platform's own). */
export function errorCodeFor(code: string, type?: string): ConnectorErrorCode {
  if (code === LAZADA_CODES.apiCallLimit || code === LAZADA_CODES.tooFrequent)
    return 'RATE_LIMITED';
  if (code === LAZADA_CODES.serviceTimeout) return 'UNAVAILABLE';
  if (code === LAZADA_CODES.illegalAccessToken) return 'TOKEN_EXPIRED';
  if (AUTH_CODES.has(code)) return 'AUTH_FAILED';
  // ISP = a fault of the service provider (LZ-DOC error-messages): worth trying again.
  if (type === 'ISP' && /^isp\.|Error$|Timeout$/.test(code)) return 'UNAVAILABLE';
  return 'REJECTED';
}

/**
 * The envelope of a successful answer. With `detailErrors`, an error answer that lists failed
 * SKUs in `detail[]` (a stock update where every SKU failed) is returned too, for per-listing
 * results.
 * @throws ConnectorError: RATE_LIMITED on HTTP 429 or ApiCallLimit/E901, UNAVAILABLE on 5xx or
 *   ServiceTimeout, TOKEN_EXPIRED on IllegalAccessToken, AUTH_FAILED on credential codes,
 *   REJECTED on any other error code, BAD_PAYLOAD when the body is not the envelope.
 */
export function readEnvelope(
  response: HttpResponse,
  path: string,
  options: { nowMs: number; detailErrors?: boolean },
): RawEnvelope {
  const retryAfterMs = retryAfterMsOf(response.headers, options.nowMs);
  const envelope = tryEnvelope(response);
  const common = {
    httpStatus: response.status,
    platformCode: envelope?.code ?? null,
    retryAfterMs,
  };
  if (response.status === 429)
    throw new ConnectorError('RATE_LIMITED', `${path}: throttled (HTTP 429)`, common);
  if (response.status >= 500)
    throw new ConnectorError('UNAVAILABLE', `${path}: HTTP ${response.status}`, common);
  if (!envelope) return failWithoutEnvelope(response, path);
  if (envelope.code !== '0') {
    if (options.detailErrors && (envelope.detail?.length ?? 0) > 0) return envelope;
    const message = `${path}: ${envelope.message || 'error'} (${envelope.code})`;
    throw new ConnectorError(errorCodeFor(envelope.code, envelope.type), message, common);
  }
  if (response.status < 200 || response.status >= 300)
    throw new ConnectorError('BAD_PAYLOAD', `${path}: code 0 with HTTP ${response.status}`, common);
  return envelope;
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
  const code = response.status === 401 || response.status === 403 ? 'AUTH_FAILED' : 'BAD_PAYLOAD';
  throw new ConnectorError(code, `${path}: HTTP ${response.status}, not the Lazada envelope`, {
    httpStatus: response.status,
  });
}
