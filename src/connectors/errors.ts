/**
 * The one error type connectors throw when a whole call fails. `code` is stable and ours;
 * `platformCode` is what the platform said. The sync engine decides retries from `retryable` and
 * `retryAfterMs` alone, never from platform codes.
 */
export type ConnectorErrorCode =
  /** The platform throttled us (HTTP 429 or its rate-limit code). Retryable. */
  | 'RATE_LIMITED'
  /** 5xx, timeout, connection refused or reset. Retryable. */
  | 'UNAVAILABLE'
  /** The access token expired or was refused: refresh, then retry. */
  | 'TOKEN_EXPIRED'
  /** Signature, app key, permission or a refused refresh token: a seller must act. */
  | 'AUTH_FAILED'
  /** The platform refused the request as invalid (a bug or a stale id). Not retryable. */
  | 'REJECTED'
  /** The answer did not have the documented shape. Not retryable. */
  | 'BAD_PAYLOAD';

export class ConnectorError extends Error {
  readonly code: ConnectorErrorCode;
  readonly platformCode: string | null;
  readonly retryable: boolean;
  readonly retryAfterMs: number | null;
  readonly httpStatus: number | null;

  constructor(
    code: ConnectorErrorCode,
    message: string,
    options: {
      platformCode?: string | null;
      retryAfterMs?: number | null;
      httpStatus?: number | null;
      cause?: unknown;
    } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'ConnectorError';
    this.code = code;
    this.platformCode = options.platformCode ?? null;
    this.retryable = code === 'RATE_LIMITED' || code === 'UNAVAILABLE' || code === 'TOKEN_EXPIRED';
    this.retryAfterMs = options.retryAfterMs ?? null;
    this.httpStatus = options.httpStatus ?? null;
  }
}

export function isConnectorError(error: unknown): error is ConnectorError {
  return error instanceof ConnectorError;
}
