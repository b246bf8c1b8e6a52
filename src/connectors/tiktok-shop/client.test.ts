// Proves what the TikTok Shop client puts on the wire and how it handles tokens and throttling,
// against a local HTTP server that records each request: the common query and token header
// (tiktok-shop.md §1.2), a signature the emulator's independent check accepts (§1.3), no empty
// `{}` body, the unsigned token refresh with absolute expiries (§1.4), one refresh and one retry
// after an expired token, Retry-After honoured, timeouts and malformed data as typed errors.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { z } from 'zod';
import { expectedTikTokSign } from '../../../sandbox/tiktok-shop/sign-check.ts';
import type { RefreshedTokens } from '../contract.ts';
import { isConnectorError } from '../errors.ts';
import { TikTokShopClient } from './client.ts';
import { resolveTikTokOptions } from './options.ts';

interface Captured {
  method: string;
  path: string;
  query: URLSearchParams;
  rawQuery: string;
  headers: IncomingMessage['headers'];
  body: string;
  atMs: number;
}
type Responder = (request: Captured, response: ServerResponse) => void;

/** Records every request and answers with the current responder. */
class CaptureServer {
  readonly requests: Captured[] = [];
  responder: Responder = (_request, response) => envelope(response, 200, { code: 0, data: {} });
  private readonly server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const [path = '', rawQuery = ''] = (request.url ?? '').split('?');
      const captured = {
        method: request.method ?? '',
        path,
        rawQuery,
        query: new URLSearchParams(rawQuery),
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        atMs: Date.now(),
      };
      this.requests.push(captured);
      this.responder(captured, response);
    });
  });

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  start(): Promise<void> {
    return new Promise((resolve) => this.server.listen(0, '127.0.0.1', resolve));
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

function envelope(response: ServerResponse, status: number, body: unknown, headers = {}): void {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
}

const AUTH = {
  appKey: 'app-key-1',
  appSecret: 'app-secret-1',
  accessToken: 'access-1',
  refreshToken: 'refresh-1',
  accessTokenExpiresAtMs: Date.now() + 86_400_000,
  refreshTokenExpiresAtMs: null,
  platformShopId: '7494049642642441621',
  shopCipher: 'ROW_cipher',
};
const Anything = z.unknown();

describe('TikTokShopClient on the wire', () => {
  const server = new CaptureServer();
  before(() => server.start());
  after(() => server.stop());

  const client = (overrides: Partial<Parameters<typeof resolveTikTokOptions>[0]> = {}) =>
    new TikTokShopClient(
      resolveTikTokOptions({
        auth: { ...AUTH },
        baseUrl: server.url,
        authBaseUrl: server.url,
        ...overrides,
      }),
    );
  const reset = (responder?: Responder) => {
    server.requests.length = 0;
    server.responder =
      responder ?? ((_r, response) => envelope(response, 200, { code: 0, data: {} }));
  };
  const failure = (promise: Promise<unknown>) =>
    promise.then(
      () => assert.fail('expected a ConnectorError'),
      (error: unknown) => {
        assert.ok(isConnectorError(error), `expected a ConnectorError, got ${String(error)}`);
        return error;
      },
    );

  it('sends the common query, the token in its header only, and a signature over the exact body', async () => {
    reset();
    const nowMs = 1_700_000_123_456;
    const auth = { ...AUTH, accessTokenExpiresAtMs: nowMs + 86_400_000 };
    await client({ nowMs: () => nowMs, auth }).call({
      method: 'POST',
      path: '/order/202309/orders/search',
      query: { page_size: '100' },
      body: { update_time_ge: 1 },
      schema: Anything,
    });
    const [request] = server.requests;
    assert.ok(request, 'one request arrived');
    assert.equal(request.query.get('app_key'), AUTH.appKey);
    assert.equal(request.query.get('timestamp'), '1700000123');
    assert.equal(request.query.get('shop_cipher'), AUTH.shopCipher);
    assert.equal(request.query.get('access_token'), null);
    assert.equal(request.headers['x-tts-access-token'], AUTH.accessToken);
    assert.equal(request.body, '{"update_time_ge":1}');
    const received = {
      ...request,
      rawBody: request.body,
      contentType: String(request.headers['content-type']),
    };
    assert.equal(request.query.get('sign'), expectedTikTokSign(received, AUTH.appSecret));
  });

  it('never sends an empty {} body', async () => {
    reset();
    await client().call({ method: 'POST', path: '/p', body: {}, schema: Anything });
    assert.equal(server.requests[0]?.body, '');
  });

  it('refreshes unsigned with absolute expiries, reports the tokens and uses them from then on', async () => {
    const refreshed: RefreshedTokens[] = [];
    reset((request, response) =>
      request.path === '/api/v2/token/refresh'
        ? envelope(response, 200, {
            code: 0,
            data: {
              access_token: 'access-2',
              access_token_expire_in: 1_900_000_000,
              refresh_token: 'refresh-2',
              refresh_token_expire_in: 1_950_000_000,
            },
          })
        : envelope(response, 200, { code: 0, data: {} }),
    );
    const subject = client({ onTokensRefreshed: async (tokens) => void refreshed.push(tokens) });
    const [first, second] = await Promise.all([subject.refreshTokens(), subject.refreshTokens()]);
    assert.equal(first, second, 'concurrent refreshes share one exchange');
    const [refresh] = server.requests;
    assert.equal(server.requests.length, 1);
    assert.deepEqual(Object.fromEntries(refresh!.query), {
      app_key: AUTH.appKey,
      app_secret: AUTH.appSecret,
      refresh_token: AUTH.refreshToken,
      grant_type: 'refresh_token',
    });
    assert.deepEqual(refreshed, [
      {
        accessToken: 'access-2',
        refreshToken: 'refresh-2',
        accessTokenExpiresAtMs: 1_900_000_000_000,
        refreshTokenExpiresAtMs: 1_950_000_000_000,
      },
    ]);
    await subject.call({ method: 'GET', path: '/p', schema: Anything });
    assert.equal(server.requests[1]?.headers['x-tts-access-token'], 'access-2');
  });

  it('after TOKEN_EXPIRED refreshes once and retries once, then gives up with TOKEN_EXPIRED', async () => {
    reset((request, response) =>
      request.path === '/api/v2/token/refresh'
        ? envelope(response, 200, {
            code: 0,
            data: {
              access_token: 'a',
              access_token_expire_in: 1,
              refresh_token: 'r',
              refresh_token_expire_in: 1,
            },
          })
        : envelope(response, 401, { code: 105002, message: 'expired' }),
    );
    // Expiry 1 s after the epoch would trigger proactive refreshes; this clock stays before it.
    const error = await failure(
      client({ nowMs: () => 0 }).call({ method: 'GET', path: '/p', schema: Anything }),
    );
    assert.equal(error.code, 'TOKEN_EXPIRED');
    assert.deepEqual(
      server.requests.map((request) => request.path),
      ['/p', '/api/v2/token/refresh', '/p'],
    );
  });

  it('a refused refresh token is AUTH_FAILED', async () => {
    reset((_request, response) =>
      envelope(response, 401, { code: 105002, message: 'refresh token expired' }),
    );
    const error = await failure(client().refreshTokens());
    assert.deepEqual([error.code, error.platformCode], ['AUTH_FAILED', '105002']);
  });

  it("after a 429 the API's next request waits for Retry-After", async () => {
    let calls = 0;
    reset((_request, response) =>
      calls++ === 0
        ? envelope(response, 429, { code: 36009002, message: 'slow down' }, { 'retry-after': '1' })
        : envelope(response, 200, { code: 0, data: {} }),
    );
    const subject = client({ rateLimitPerSecond: 1_000 });
    const error = await failure(subject.call({ method: 'GET', path: '/p', schema: Anything }));
    assert.deepEqual([error.code, error.retryAfterMs], ['RATE_LIMITED', 1000]);
    await subject.call({ method: 'GET', path: '/p', schema: Anything });
    const gapMs = (server.requests[1]?.atMs ?? 0) - (server.requests[0]?.atMs ?? 0);
    assert.ok(gapMs >= 900, `the second request came ${gapMs} ms after the 429`);
  });

  it('data of the wrong shape is BAD_PAYLOAD and a silent server is UNAVAILABLE', async () => {
    reset((_request, response) => envelope(response, 200, { code: 0, data: { orders: 'none' } }));
    const schema = z.object({ orders: z.array(z.unknown()) });
    const shape = await failure(client().call({ method: 'GET', path: '/p', schema }));
    assert.equal(shape.code, 'BAD_PAYLOAD');
    reset(() => undefined);
    const silent = await failure(
      client({ timeoutMs: 200 }).call({ method: 'GET', path: '/p', schema }),
    );
    assert.equal(silent.code, 'UNAVAILABLE');
  });
});
