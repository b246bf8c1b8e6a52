/**
 * The emulator's own check of TikTok Shop request signatures (tiktok-shop.md §1.3), written apart
 * from the connector's signing.ts on purpose: if both shared one function, a mistake in it would
 * pass every test. It reads the request as received: the raw path, the decoded query, the raw body.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface ReceivedRequest {
  /** The request path exactly as received, without the query string. */
  path: string;
  /** The raw query string (without '?'). */
  rawQuery: string;
  /** The raw body text; '' when there was none. */
  rawBody: string;
  contentType: string;
}

/** The signature the platform expects for this request. */
export function expectedTikTokSign(request: ReceivedRequest, appSecret: string): string {
  const pairs: Array<[string, string]> = [];
  for (const [key, value] of new URLSearchParams(request.rawQuery)) {
    if (key === 'sign' || key === 'access_token') continue;
    pairs.push([key, value]);
  }
  // Byte order of the UTF-8 keys, compared explicitly (§1.3 edge case c).
  pairs.sort(([a], [b]) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  const multipart = request.contentType.toLowerCase().includes('multipart/form-data');
  const parts = [request.path, ...pairs.map(([key, value]) => key + value)];
  if (!multipart && request.rawBody.length > 0) parts.push(request.rawBody);
  const message = appSecret + parts.join('') + appSecret;
  return createHmac('sha256', appSecret).update(message, 'utf8').digest('hex');
}

/** Constant-time comparison of the received `sign` with the expected one. */
export function isSignValid(request: ReceivedRequest, appSecret: string, sign: string): boolean {
  const expected = Buffer.from(expectedTikTokSign(request, appSecret));
  const received = Buffer.from(sign);
  return expected.length === received.length && timingSafeEqual(expected, received);
}
