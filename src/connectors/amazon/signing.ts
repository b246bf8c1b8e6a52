/**
 * Amazon SP-API requests carry no signature (amazon.md §4.1: AWS SigV4 is no longer required;
 * vector `amazon-no-signature`): what stands in for signing is the access token header every call
 * carries, and the Login with Amazon refresh body (vector `amazon-lwa-refresh-request`).
 */

/** StockPool's user agent, in the form Amazon asks for (`app/version (Language=…)`). */
export const AMAZON_USER_AGENT = 'StockPool/0.1 (Language=TypeScript)';

/** x-amz-date's basic ISO 8601 form: `20240101T000000Z`. */
export function amzDate(nowMs: number): string {
  return new Date(nowMs)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** The headers of an SP-API call: the LWA access token, the date and the user agent (§4.1). */
export function amazonRequestHeaders(accessToken: string, nowMs: number): Record<string, string> {
  return {
    'x-amz-access-token': accessToken,
    'x-amz-date': amzDate(nowMs),
    'user-agent': AMAZON_USER_AGENT,
    accept: 'application/json',
  };
}

/**
 * The LWA refresh request body, JSON with its keys in this order (§4.1; AMZ-SDK sends JSON, form
 * encoding is said to work too [M]).
 */
export function lwaRefreshBody(input: {
  clientId: string;
  clientSecret: string;
  refreshToken: string;
}): string {
  return JSON.stringify({
    client_id: input.clientId,
    client_secret: input.clientSecret,
    grant_type: 'refresh_token',
    refresh_token: input.refreshToken,
  });
}
