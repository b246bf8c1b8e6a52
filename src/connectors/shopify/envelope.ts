/**
 * Reading a Shopify Admin answer into data or a typed ConnectorError (§5.1, §5.5). HTTP status
 * first: 401 a refused token, 402/403/423 a shop or app the seller must fix, 404 an unknown shop
 * or version, 429 too many requests, 5xx the platform failing. Then the GraphQL body: top-level
 * `errors` fail the whole call (THROTTLED comes with HTTP 200 and is retryable after the time the
 * bucket needs for the requested cost); `userErrors` are not read here, they are per-call values.
 */
import { ConnectorError } from '../errors.ts';
import type { HttpResponse } from '../http/send-request.ts';
import { parseJsonBody, retryAfterMsOf } from '../http/send-request.ts';
import { CostBudget } from './cost-budget.ts';
import { RawGraphqlEnvelope } from './raw-types.ts';

/** What GraphQL error codes mean for StockPool; any other code is REJECTED. */
const GRAPHQL_CODES: Readonly<Record<string, 'AUTH_FAILED' | 'UNAVAILABLE'>> = {
  ACCESS_DENIED: 'AUTH_FAILED',
  SHOP_INACTIVE: 'AUTH_FAILED',
  INTERNAL_SERVER_ERROR: 'UNAVAILABLE',
};

/** The answer's envelope (with its cost extension), or a ConnectorError for a failed call. */
export function readShopifyAnswer(
  response: HttpResponse,
  path: string,
  nowMs: number,
): RawGraphqlEnvelope {
  if (response.status < 200 || response.status >= 300) throw errorForStatus(response, path, nowMs);
  const parsed = RawGraphqlEnvelope.safeParse(parseJsonBody(response, path));
  if (!parsed.success)
    throw new ConnectorError('BAD_PAYLOAD', `${path}: not a GraphQL answer`, {
      httpStatus: response.status,
      cause: parsed.error,
    });
  const envelope = parsed.data;
  const first = envelope.errors?.[0];
  if (first) throw errorForGraphql(envelope, first, response.status);
  return envelope;
}

function errorForGraphql(
  envelope: RawGraphqlEnvelope,
  error: NonNullable<RawGraphqlEnvelope['errors']>[number],
  httpStatus: number,
): ConnectorError {
  const platformCode = error.extensions?.code ?? 'GRAPHQL_ERROR';
  const message = `Shopify: ${error.message}`;
  if (platformCode === 'THROTTLED') {
    const cost = envelope.extensions?.cost;
    const retryAfterMs = cost
      ? Math.max(50, CostBudget.waitMsFor(cost.requestedQueryCost, cost.throttleStatus))
      : 1_000;
    return new ConnectorError('RATE_LIMITED', message, { platformCode, retryAfterMs, httpStatus });
  }
  const code = GRAPHQL_CODES[platformCode] ?? 'REJECTED';
  return new ConnectorError(code, message, { platformCode, httpStatus });
}

function errorForStatus(response: HttpResponse, path: string, nowMs: number): ConnectorError {
  const status = response.status;
  const options = { platformCode: String(status), httpStatus: status };
  const detail = `${path}: HTTP ${status} ${response.text.slice(0, 200)}`;
  if (status === 429)
    return new ConnectorError('RATE_LIMITED', detail, {
      ...options,
      retryAfterMs: retryAfterMsOf(response.headers, nowMs) ?? 1_000,
    });
  if (status >= 500) return new ConnectorError('UNAVAILABLE', detail, options);
  // No refresh exists for offline tokens: a refused token needs the app installed again (§5.1).
  if ([401, 402, 403, 423].includes(status))
    return new ConnectorError('AUTH_FAILED', detail, options);
  return new ConnectorError('REJECTED', detail, options);
}
