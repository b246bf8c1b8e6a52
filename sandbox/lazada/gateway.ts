/**
 * The checks Lazada's gateway makes before a call reaches the seller's data (lazada.md §3.2,
 * §3.3, §3.5, §3.6), in this order: injected outage, app_key, timestamp within ±7200 s, sign_method
 * and signature, access token (not for the token API), the rate window per (app, seller, API),
 * injected errors and throttles, latency. A refusal is returned as the answer; an admitted call
 * gets its shop.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { sleep } from '../kit/faults.ts';
import type { ApiAnswer } from './answers.ts';
import { refuse } from './answers.ts';
import type { EmulatorContext } from './context.ts';
import type { ShopRecord } from './state.ts';

/** The timestamp may differ from UTC by at most 7200 s (§3.2). */
export const TIMESTAMP_WINDOW_MS = 7_200_000;

export type Admission =
  | { admitted: true; shop: ShopRecord | null; appKey: string; hangAfterApply: boolean }
  | { admitted: false; answer: ApiAnswer; httpStatus: number; retryAfterSeconds?: number };

/** Admits a call of `apiPath` with these parameters (query and form fields together). */
export async function admit(
  context: EmulatorContext,
  apiPath: string,
  params: URLSearchParams,
  needsToken: boolean,
): Promise<Admission> {
  context.stats.requests[apiPath] = (context.stats.requests[apiPath] ?? 0) + 1;
  const fate = context.faults.decide();
  if (fate === 'outage') return fault(503, 'ServiceUnavailable', 'The service is unavailable');
  const checked = checkCaller(context, apiPath, params, needsToken);
  if ('answer' in checked) return { admitted: false, answer: checked.answer, httpStatus: 200 };
  const rateKey = `${checked.appKey}|${checked.shop?.seed.platformShopId ?? '-'}|${apiPath}`;
  if (!context.rateWindow.take(rateKey)) {
    context.stats.throttled += 1;
    const answer = refuse(
      'ApiCallLimit',
      'The request has exceeded the limit, please try later',
      'ISP',
    );
    return { admitted: false, answer, httpStatus: 200 };
  }
  if (fate === 'error') return fault(500, 'InternalError', 'Internal service error');
  if (fate === 'throttle') {
    context.stats.throttled += 1;
    const answer = refuse(
      'ApiCallLimit',
      'The request has exceeded the limit, please try later',
      'ISP',
    );
    return {
      admitted: false,
      answer,
      httpStatus: 429,
      retryAfterSeconds: context.faults.settings.retryAfterSeconds,
    };
  }
  await sleep(context.faults.delayMs());
  return {
    admitted: true,
    shop: checked.shop,
    appKey: checked.appKey,
    hangAfterApply: fate === 'timeout-after-apply',
  };
}

function fault(httpStatus: number, code: string, message: string): Admission {
  return { admitted: false, answer: refuse(code, message, 'ISP'), httpStatus };
}

function checkCaller(
  context: EmulatorContext,
  apiPath: string,
  params: URLSearchParams,
  needsToken: boolean,
): { answer: ApiAnswer } | { shop: ShopRecord | null; appKey: string } {
  const appKey = params.get('app_key');
  if (!appKey)
    return {
      answer: refuse(
        'MissingParameter',
        'The input parameter "app_key" that is mandatory for processing this request is not supplied.',
      ),
    };
  const appSecret = context.state.appSecret(appKey);
  if (appSecret === undefined)
    return { answer: refuse('InvalidAppKey', 'The specified app key is invalid', 'SYSTEM') };
  const timestamp = params.get('timestamp');
  if (!timestamp)
    return {
      answer: refuse(
        'MissingParameter',
        'The input parameter "timestamp" that is mandatory for processing this request is not supplied.',
      ),
    };
  if (!isTimestampAccepted(timestamp, context.nowMs()))
    return {
      answer: refuse(
        'InvalidTimestamp',
        'The specified timestamp is invalid or out of the allowed window',
        'SYSTEM',
      ),
    };
  if (params.get('sign_method') !== 'sha256' || !isSignValid(apiPath, params, appSecret))
    return {
      answer: refuse(
        'IncompleteSignature',
        'The request signature does not conform to platform standards',
        'SYSTEM',
      ),
    };
  if (!needsToken) return { shop: null, appKey };
  return checkToken(context, params, appKey);
}

function checkToken(
  context: EmulatorContext,
  params: URLSearchParams,
  appKey: string,
): { answer: ApiAnswer } | { shop: ShopRecord; appKey: string } {
  const token = params.get('access_token');
  if (!token)
    return {
      answer: refuse(
        'MissingParameter',
        'The input parameter "access_token" that is mandatory for processing this request is not supplied.',
      ),
    };
  const record = context.state.accessTokens.get(token);
  const shop = record ? context.state.shops.get(record.sellerId) : undefined;
  if (!record || !shop || shop.seed.appKey !== appKey || context.nowMs() >= record.expiresAtMs)
    return {
      answer: refuse(
        'IllegalAccessToken',
        'The specified access token is invalid or expired',
        'SYSTEM',
      ),
    };
  return { shop, appKey };
}

/** Milliseconds since the epoch (the SDKs' form) or an ISO date-time (§3.2). */
function isTimestampAccepted(timestamp: string, nowMs: number): boolean {
  const atMs = /^\d{13}$/.test(timestamp) ? Number(timestamp) : Date.parse(timestamp);
  return Number.isFinite(atMs) && Math.abs(atMs - nowMs) <= TIMESTAMP_WINDOW_MS;
}

/** §3.3: upper hex HMAC-SHA256 over path + sorted key+value of every parameter but `sign`. */
function isSignValid(apiPath: string, params: URLSearchParams, appSecret: string): boolean {
  const keys = [...new Set(params.keys())].filter((key) => key !== 'sign').sort();
  const base = apiPath + keys.map((key) => `${key}${params.get(key) ?? ''}`).join('');
  const expected = createHmac('sha256', appSecret).update(base, 'utf8').digest('hex').toUpperCase();
  const received = Buffer.from(params.get('sign') ?? '');
  const wanted = Buffer.from(expected);
  return received.length === wanted.length && timingSafeEqual(received, wanted);
}
