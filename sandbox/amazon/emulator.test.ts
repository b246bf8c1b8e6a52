// Proves the Amazon emulator answers as SP-API does, over raw HTTP (amazon.md §4.1–§4.5): 403
// Unauthorized with the expired-token details, 429 QuotaExceeded with the plan's rate header, the
// request id on every answer, page-size and marketplace checks, getOrders' filter rules, INVALID
// submissions for a wrong product type or an FBA quantity, LWA's OAuth errors, and notifications
// only for subscribed sellers, as SQS JSON 1.0 with MD5 of the body, refusing requests that are
// not SigV4-signed by a key AWS knows.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { AmazonEmulator } from './server.ts';
import { startAmazonEmulator } from './server.ts';

const SELLER = 'A1EMULATORTEST';
const QUIET = 'A2UNSUBSCRIBED';
const APP = { appKey: 'amzn1.application-oa2-client.emu', appSecret: 'emu-secret' };
const US = 'ATVPDKIKX0DER';

describe('Amazon emulator over HTTP', () => {
  let emulator: AmazonEmulator;
  const seed = (platformShopId: string, token: string, webhookUrl: string | null) =>
    emulator.seedShop({
      platformShopId,
      ...APP,
      accessToken: token,
      refreshToken: `${token}-refresh`,
      accessTokenExpiresAtMs: Date.now() + 3_600_000,
      webhookUrl,
      warehouseIds: ['DEFAULT'],
    });
  before(async () => {
    emulator = await startAmazonEmulator({ seed: 5 });
    seed(SELLER, 'Atza|emu', 'sqs');
    seed(QUIET, 'Atza|quiet', null);
    const variants = [
      { variantId: 'SKU-E', sellerSku: 'SKU-E', stock: { DEFAULT: 4, AMAZON_NA: 9 } },
    ];
    emulator.seedProducts(SELLER, [{ itemId: 'B0EMU00001', title: 'Emu', variants }]);
    emulator.seedProducts(QUIET, [{ itemId: 'B0EMU00001', title: 'Emu', variants }]);
  });
  after(() => emulator.close());

  const call = async (path: string, init: RequestInit & { token?: string } = {}) => {
    const response = await fetch(`${emulator.baseUrl}${path}`, {
      ...init,
      headers: {
        'x-amz-access-token': init.token ?? 'Atza|emu',
        ...(init.body ? { 'content-type': 'application/json' } : {}),
        ...(init.headers as Record<string, string>),
      },
    });
    return {
      status: response.status,
      headers: response.headers,
      body: (await response.json()) as Record<string, unknown>,
    };
  };
  const item = `/listings/2021-08-01/items/${SELLER}/SKU-E?marketplaceIds=${US}`;

  it('refuses an expired token with 403 Unauthorized and the expired details, with a request id', async () => {
    emulator.seedShop({
      platformShopId: 'A3EXPIRED',
      ...APP,
      accessToken: 'Atza|old',
      refreshToken: 'Atzr|old',
      accessTokenExpiresAtMs: Date.now() - 1,
      webhookUrl: null,
      warehouseIds: ['DEFAULT'],
    });
    const expired = await call(
      '/orders/v0/orders?MarketplaceIds=ATVPDKIKX0DER&LastUpdatedAfter=2026-01-01T00:00:00Z',
      { token: 'Atza|old' },
    );
    assert.equal(expired.status, 403);
    assert.deepEqual(expired.body, {
      errors: [
        {
          code: 'Unauthorized',
          message: 'Access to requested resource is denied.',
          details: 'The access token you provided has expired.',
        },
      ],
    });
    assert.ok(expired.headers.get('x-amzn-requestid'));
    const missing = await call(item, { token: '' });
    assert.equal(missing.status, 403);
    const otherSeller = await call(
      `/listings/2021-08-01/items/${QUIET}/SKU-E?marketplaceIds=${US}`,
    );
    assert.equal(otherSeller.status, 403, 'a token acts for its own seller only');
  });

  it('throttles past the plan with 429 QuotaExceeded and x-amzn-RateLimit-Limit', async () => {
    const answers = await Promise.all(
      Array.from({ length: 8 }, () =>
        call(`/listings/2021-08-01/items/${SELLER}?marketplaceIds=${US}`),
      ),
    );
    const throttled = answers.filter((a) => a.status === 429);
    assert.ok(throttled.length >= 2, `only ${throttled.length} throttled`);
    assert.deepEqual(throttled[0]?.body, {
      errors: [
        { code: 'QuotaExceeded', message: 'You exceeded your quota for the requested resource.' },
      ],
    });
    assert.equal(throttled[0]?.headers.get('x-amzn-ratelimit-limit'), '5');
  });

  it('checks page size, marketplace and getOrders filters as InvalidInput', async () => {
    const tooBig = await call(
      `/listings/2021-08-01/items/${QUIET}?marketplaceIds=${US}&pageSize=21`,
      {
        token: 'Atza|quiet',
      },
    );
    assert.equal(tooBig.status, 400);
    const wrongMarket = await call(
      `/listings/2021-08-01/items/${QUIET}/SKU-E?marketplaceIds=A1PA6795UKMFR9`,
      { token: 'Atza|quiet' },
    );
    assert.equal(wrongMarket.status, 400);
    const both = await call(
      '/orders/v0/orders?MarketplaceIds=ATVPDKIKX0DER&CreatedAfter=2026-01-01T00:00:00Z&LastUpdatedAfter=2026-01-01T00:00:00Z',
      { token: 'Atza|quiet' },
    );
    assert.equal(both.status, 400);
    assert.equal((both.body.errors as Array<{ code: string }>)[0]?.code, 'InvalidInput');
    const recent = new Date(Date.now() - 60_000).toISOString();
    const tooRecent = await call(
      `/orders/v0/orders?MarketplaceIds=${US}&LastUpdatedAfter=2026-01-01T00:00:00Z&LastUpdatedBefore=${recent}`,
      { token: 'Atza|quiet' },
    );
    assert.equal(tooRecent.status, 400, 'LastUpdatedBefore must be at least 2 minutes old');
    const ids = Array.from(
      { length: 51 },
      (_, i) => `113-0000000-${String(i).padStart(7, '0')}`,
    ).join(',');
    const tooMany = await call(
      `/orders/v0/orders?MarketplaceIds=ATVPDKIKX0DER&AmazonOrderIds=${ids}`,
      { token: 'Atza|quiet' },
    );
    assert.equal(tooMany.status, 400);
  });

  it('answers INVALID for a wrong product type or an FBA quantity, and applies nothing', async () => {
    const quietItem = item.replace(SELLER, QUIET);
    const wrongType = await call(quietItem, {
      method: 'PATCH',
      token: 'Atza|quiet',
      body: JSON.stringify({
        productType: 'PRODUCT',
        patches: [
          {
            op: 'replace',
            path: '/attributes/fulfillment_availability',
            value: [{ fulfillment_channel_code: 'DEFAULT', quantity: 1 }],
          },
        ],
      }),
    });
    assert.equal(wrongType.status, 200);
    assert.equal(wrongType.body.status, 'INVALID');
    const fba = await call(quietItem, {
      method: 'PATCH',
      token: 'Atza|quiet',
      body: JSON.stringify({
        productType: 'LUGGAGE',
        patches: [
          {
            op: 'replace',
            path: '/attributes/fulfillment_availability',
            value: [{ fulfillment_channel_code: 'AMAZON_NA', quantity: 1 }],
          },
        ],
      }),
    });
    assert.equal(fba.body.status, 'INVALID');
    const nested = await call(quietItem, {
      method: 'PATCH',
      token: 'Atza|quiet',
      body: JSON.stringify({
        productType: 'LUGGAGE',
        patches: [
          { op: 'replace', path: '/attributes/fulfillment_availability/0/quantity', value: [1] },
        ],
      }),
    });
    assert.equal(nested.status, 400, 'only top-level attributes can be patched');
    assert.deepEqual(
      emulator
        .shownStock(QUIET, { itemId: 'B0EMU00001', variantId: 'SKU-E' })
        .map((s) => s.available),
      [4, 9],
    );
  });

  it('LWA answers OAuth errors for a wrong client, an unknown refresh token and a bad grant type', async () => {
    const token = (body: Record<string, string>, form = false) =>
      fetch(`${emulator.authBaseUrl}/auth/o2/token`, {
        method: 'POST',
        headers: {
          'content-type': form ? 'application/x-www-form-urlencoded' : 'application/json',
        },
        body: form ? new URLSearchParams(body).toString() : JSON.stringify(body),
      }).then(async (r) => ({
        status: r.status,
        body: (await r.json()) as Record<string, unknown>,
      }));
    const good = {
      grant_type: 'refresh_token',
      refresh_token: 'Atza|emu-refresh',
      client_id: APP.appKey,
      client_secret: APP.appSecret,
    };
    const ok = await token(good, true);
    assert.equal(ok.status, 200, 'a form body works as well as JSON');
    assert.equal(ok.body.refresh_token, good.refresh_token);
    assert.equal(ok.body.expires_in, 3600);
    assert.deepEqual(
      [
        (await token({ ...good, client_secret: 'x' })).status,
        (await token({ ...good, client_secret: 'x' })).body.error,
      ],
      [401, 'invalid_client'],
    );
    assert.equal(
      (await token({ ...good, refresh_token: 'Atzr|nope' })).body.error,
      'invalid_grant',
    );
    assert.equal(
      (await token({ ...good, grant_type: 'password' })).body.error,
      'unsupported_grant_type',
    );
  });

  it('enqueues notifications only for subscribed sellers, as SQS JSON 1.0 with the body MD5, for SigV4-signed requests only', async () => {
    const before = emulator.webhookDeliveries().length;
    const quiet = emulator.placeOrder({
      platformShopId: QUIET,
      lines: [{ itemId: 'B0EMU00001', variantId: 'SKU-E', quantity: 1 }],
    });
    assert.ok(quiet.ok);
    assert.equal(
      emulator.webhookDeliveries().length,
      before,
      'an unsubscribed seller sends nothing',
    );
    const loud = emulator.placeOrder({
      platformShopId: SELLER,
      lines: [{ itemId: 'B0EMU00001', variantId: 'SKU-E', quantity: 1 }],
    });
    assert.ok(loud.ok);
    const sqs = emulator.sqsSettingsFor(APP.appKey, APP.appSecret);
    const client = new SQSClient({
      region: sqs.awsRegion,
      endpoint: sqs.sqsEndpoint,
      credentials: { accessKeyId: sqs.awsAccessKeyId, secretAccessKey: sqs.awsSecretAccessKey },
      maxAttempts: 1,
    });
    // The SDK checks MD5OfBody itself: a wrong digest would fail this receive.
    const received = await client.send(
      new ReceiveMessageCommand({ QueueUrl: sqs.sqsQueueUrl, MaxNumberOfMessages: 10 }),
    );
    const mine = (received.Messages ?? []).filter((m) => m.Body?.includes(loud.orderId));
    assert.equal(mine.length, 1);
    assert.equal(
      mine[0]?.MD5OfBody,
      createHash('md5')
        .update(mine[0]?.Body ?? '')
        .digest('hex'),
    );
    const queueMissing = await client
      .send(new ReceiveMessageCommand({ QueueUrl: `${emulator.baseUrl}/000000000000/nope` }))
      .catch((e: unknown) => e as { name?: string; $metadata?: { httpStatusCode?: number } });
    assert.equal(queueMissing.$metadata?.httpStatusCode, 400);
    client.destroy();
    const unsigned = await fetch(`${emulator.baseUrl}/`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.0',
        'x-amz-target': 'AmazonSQS.ReceiveMessage',
      },
      body: JSON.stringify({ QueueUrl: sqs.sqsQueueUrl }),
    });
    assert.equal(unsigned.status, 400);
    assert.equal(unsigned.headers.get('content-type'), 'application/x-amz-json-1.0');
    assert.equal(unsigned.headers.get('x-amzn-query-error'), 'MissingAuthenticationToken;Sender');
    const forged = await fetch(`${emulator.baseUrl}/`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.0',
        'x-amz-target': 'AmazonSQS.ReceiveMessage',
        'x-amz-date': new Date()
          .toISOString()
          .replace(/[-:]/g, '')
          .replace(/\.\d{3}/, ''),
        authorization: `AWS4-HMAC-SHA256 Credential=${sqs.awsAccessKeyId}/${new Date().toISOString().slice(0, 10).replace(/-/g, '')}/us-east-1/sqs/aws4_request, SignedHeaders=host;x-amz-date, Signature=${'0'.repeat(64)}`,
      },
      body: JSON.stringify({ QueueUrl: sqs.sqsQueueUrl }),
    });
    assert.equal(forged.status, 403);
    assert.equal(forged.headers.get('x-amzn-query-error'), 'SignatureDoesNotMatch;Sender');
  });
});
