/**
 * One HTTP exchange with a platform: a hard timeout, and transport failures turned into
 * ConnectorError('UNAVAILABLE') so callers see one error type. Platform envelopes are read by
 * each connector; this file knows nothing of them.
 */
import { ConnectorError } from '../errors.ts';

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  headers?: Record<string, string>;
  /** Sent exactly as given: connectors that sign the body sign these same bytes. */
  body?: string;
  timeoutMs: number;
}

export interface HttpResponse {
  status: number;
  headers: Headers;
  text: string;
}

/** Default per-request timeout for platform calls. */
export const DEFAULT_TIMEOUT_MS = 10_000;

export async function sendRequest(request: HttpRequest): Promise<HttpResponse> {
  try {
    const response = await fetch(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      signal: AbortSignal.timeout(request.timeoutMs),
    });
    return { status: response.status, headers: response.headers, text: await response.text() };
  } catch (error) {
    throw new ConnectorError('UNAVAILABLE', `request to ${new URL(request.url).pathname} failed`, {
      cause: error,
    });
  }
}

/** Retry-After in ms from a response (seconds or an HTTP date), or null. */
export function retryAfterMsOf(headers: Headers, nowMs: number): number | null {
  const value = headers.get('retry-after');
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - nowMs);
}

/** Parses a JSON body or throws BAD_PAYLOAD naming the path. */
export function parseJsonBody(response: HttpResponse, path: string): unknown {
  try {
    return JSON.parse(response.text) as unknown;
  } catch (error) {
    throw new ConnectorError('BAD_PAYLOAD', `${path}: the answer is not JSON`, {
      httpStatus: response.status,
      cause: error,
    });
  }
}
