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

/**
 * The longest a stock write waits for its answer (or the connector's timeout, if shorter). While
 * it waits, no other push of the shop goes out (a push round ends when its calls have): R5's
 * writes applied and never answered (2% of calls) held shops' pushes for the whole 10 s and left
 * them showing more than was available meanwhile. A push is an absolute figure, so a write left
 * unanswered is simply sent again, with a fresh figure, a second or two later. The bound stays
 * above the longest a platform takes to apply a write (emulated: 5 s; real stock updates answer
 * well within a second or two): a write given up on too early could still be applied after the
 * newer figure sent in its place, and overwrite it.
 */
export const STOCK_WRITE_TIMEOUT_MS = 6_000;

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
