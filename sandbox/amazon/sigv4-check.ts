/**
 * Checks an AWS Signature Version 4 `Authorization` header the way AWS does for SQS (AWS's
 * published SigV4 steps): the canonical request (method, path escaped once more, sorted query,
 * the signed headers as sent, the payload's SHA-256), the string to sign with the credential
 * scope, the signing key derived from the secret, date, region and service, and a constant-time
 * comparison. The date must be within 5 minutes of the wall clock (the SDK signs with it).
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export type SigV4Outcome =
  | { ok: true; accessKeyId: string }
  | { ok: false; reason: 'missing' | 'malformed' | 'unknown-key' | 'expired' | 'mismatch' };

export interface SignedRequest {
  method: string;
  /** The path and query exactly as received. */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

const ALGORITHM = 'AWS4-HMAC-SHA256';
const MAX_SKEW_MS = 5 * 60_000;
const HEADER_PATTERN =
  /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/;

export function checkSigV4(
  request: SignedRequest,
  secretOf: (accessKeyId: string) => string | undefined,
  nowMs: number,
): SigV4Outcome {
  const header = headerOf(request.headers, 'authorization');
  if (!header) return { ok: false, reason: 'missing' };
  const match = HEADER_PATTERN.exec(header);
  const amzDate = headerOf(request.headers, 'x-amz-date');
  if (!match || !amzDate || !/^\d{8}T\d{6}Z$/.test(amzDate))
    return { ok: false, reason: 'malformed' };
  const [, accessKeyId, date, region, service, signedHeaders, signature] =
    match as unknown as string[];
  const secret = secretOf(accessKeyId!);
  if (secret === undefined) return { ok: false, reason: 'unknown-key' };
  if (!amzDate.startsWith(date!)) return { ok: false, reason: 'malformed' };
  if (Math.abs(parseAmzDate(amzDate) - nowMs) > MAX_SKEW_MS)
    return { ok: false, reason: 'expired' };
  const scope = `${date}/${region}/${service}/aws4_request`;
  const canonical = canonicalRequest(request, signedHeaders!.split(';'));
  const toSign = [ALGORITHM, amzDate, scope, sha256Hex(canonical)].join('\n');
  const key = ['aws4_request'].reduce(
    (k, part) => hmac(k, part),
    hmac(hmac(hmac(`AWS4${secret}`, date!), region!), service!),
  );
  const expected = Buffer.from(createHmac('sha256', key).update(toSign).digest('hex'));
  const given = Buffer.from(signature!);
  return expected.length === given.length && timingSafeEqual(expected, given)
    ? { ok: true, accessKeyId: accessKeyId! }
    : { ok: false, reason: 'mismatch' };
}

function canonicalRequest(request: SignedRequest, signedHeaders: string[]): string {
  const at = request.url.indexOf('?');
  const path = at === -1 ? request.url : request.url.slice(0, at);
  const query = new URLSearchParams(at === -1 ? '' : request.url.slice(at + 1));
  const canonicalQuery = [...query]
    .map(([k, v]) => [escape(k), escape(v)] as const)
    .sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  const headers = signedHeaders
    .map((name) => `${name}:${normalize(headerOf(request.headers, name) ?? '')}\n`)
    .join('');
  const payloadHash = headerOf(request.headers, 'x-amz-content-sha256') ?? sha256Hex(request.body);
  return [
    request.method,
    canonicalPath(path),
    canonicalQuery,
    headers,
    signedHeaders.join(';'),
    payloadHash,
  ].join('\n');
}

/** Non-S3 services escape the (already escaped) path once more, keeping the slashes. */
function canonicalPath(path: string): string {
  const segments: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  const normalized = `/${segments.join('/')}${segments.length > 0 && path.endsWith('/') ? '/' : ''}`;
  return escape(normalized).replace(/%2F/g, '/');
}

/** RFC 3986 escaping: everything but unreserved characters. */
function escape(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

function normalize(value: string): string {
  return value
    .replace(/[\r\n]/g, ' ')
    .replace(/[ \t]+/g, ' ')
    .trim();
}

function headerOf(headers: SignedRequest['headers'], name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

function parseAmzDate(value: string): number {
  const iso = `${value.slice(0, 4)}-${value.slice(4, 6)}-${value.slice(6, 8)}T${value.slice(9, 11)}:${value.slice(11, 13)}:${value.slice(13, 15)}Z`;
  return Date.parse(iso);
}

function hmac(key: string | Buffer, message: string): Buffer {
  return createHmac('sha256', key).update(message).digest();
}

function sha256Hex(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}
