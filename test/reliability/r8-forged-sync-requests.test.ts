// Proves QUALITY.md R8 for the channel-sync surfaces, on SQLite and PostgreSQL: 10,000 malformed
// or forged requests over real HTTP at the webhook endpoints and the sync API (shops, listings,
// channel orders, allocation, sync log and dead letters, alerts) — missing, random, truncated and
// wrong-key signatures, tampered and replayed bodies, bodies over 1 MB, wrong content types, deep
// JSON, invalid UTF-8, negative and huge numbers, unknown SKUs, shops and listings, another
// tenant's ids, forged and under-privileged tokens — are all refused with 400/401/403/404/409/413
// (415 for a non-JSON body on the JSON API) and `{error:{code,message}}`; no table gains or loses
// a row; no request is answered 500; the server keeps serving; and no secret reaches a log line or
// a response. A genuine platform webhook replayed 50 times is stored and applied once.
// R8_REQUESTS=<n> changes the count (10,000 by default), R8_SEED=<n> replays another corpus.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { tiktokWebhookSignature } from '../../src/connectors/tiktok-shop/webhook.ts';
import { shopeePushSignature } from '../../src/connectors/shopee/webhook.ts';
import { seededRandom } from '../../sandbox/kit/faults.ts';
import { availableDialects } from '../support/databases.ts';
import { waitFor } from '../support/sync-fixture.ts';
import {
  countAllRows,
  openSyncTenants,
  type SyncTenants,
  type TenantShop,
} from '../support/sync-tenants.ts';
import { deliverTo } from '../support/webhook-relay.ts';

const REQUESTS = Number(process.env.R8_REQUESTS ?? 10_000);
const SEED = Number(process.env.R8_SEED ?? 20261208);
const CLIENTS = 16;
const ONE_MB = 1024 * 1024;
const WEBHOOK_REFUSALS = new Set([400, 401, 404, 413]);
const API_REFUSALS = new Set([400, 401, 403, 404, 409, 413, 415]);

interface Forged {
  kind: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
  /** The status this request must get (either of two where parsing and checking race to refuse). */
  status: number | [number, number];
}

type Rng = () => number;
const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;
const hex = (rng: Rng, n: number) =>
  Array.from({ length: n }, () => Math.floor(rng() * 16).toString(16)).join('');

/** Bodies the platforms send, for one shop (an order status change). */
function webhookBody(shop: TenantShop, rng: Rng, overrides: Record<string, unknown> = {}) {
  const now = Math.floor(Date.now() / 1000);
  if (shop.platform === 'tiktok-shop')
    return JSON.stringify({
      type: 1,
      tts_notification_id: `n-${hex(rng, 12)}`,
      shop_id: shop.platformShopId,
      timestamp: now,
      data: { order_id: `57${hex(rng, 10)}`, order_status: 'AWAITING_SHIPMENT', update_time: now },
      ...overrides,
    });
  return JSON.stringify({
    code: 3,
    shop_id: Number(shop.platformShopId),
    timestamp: now,
    data: { ordersn: `2612${hex(rng, 10)}`, status: 'READY_TO_SHIP', update_time: now },
    ...overrides,
  });
}

/** TikTok signs app key + body; Shopee signs the callback URL it calls (here: the app's) + body. */
function signer(appUrl: string) {
  return (shop: TenantShop, secret: string, body: string | Uint8Array): string => {
    const raw = Buffer.from(body);
    return shop.platform === 'tiktok-shop'
      ? tiktokWebhookSignature({ appKey: shop.secrets.appKey, appSecret: secret }, raw)
      : shopeePushSignature(secret, `${appUrl}/webhooks/shopee`, raw);
  };
}

/** The generators: each returns one forged or malformed request and the status it must get. */
function corpus(t: SyncTenants): Array<(rng: Rng) => Forged> {
  const sign = signer(t.url);
  const acmeShops = t.acme.shops;
  const rivalShops = t.rival.shops;
  const webhook = (
    kind: string,
    build: (shop: TenantShop, rng: Rng) => { body: string | Uint8Array; headers: object },
    status: Forged['status'] = 401,
  ) => {
    return (rng: Rng): Forged => {
      const shop = pick(rng, acmeShops);
      const { body, headers } = build(shop, rng);
      return {
        kind: `webhook:${kind}`,
        method: 'POST',
        path: `/webhooks/${shop.platform}`,
        headers: { 'content-type': 'application/json', ...(headers as Record<string, string>) },
        body,
        status,
      };
    };
  };
  const big = Buffer.alloc(ONE_MB + 1024, 0x20);
  big.write('{"type":1,"data":"', 0);
  const deep = (rng: Rng) => {
    const depth = 2_000 + Math.floor(rng() * 20_000);
    return `{"type":1,"shop_id":"1","data":${'['.repeat(depth)}${']'.repeat(depth)}}`;
  };
  const invalidUtf8 = (shop: TenantShop, rng: Rng) => {
    const text = webhookBody(shop, rng);
    const bytes = Buffer.from(text);
    const at = text.search(/"(order_status|status)":"/) + 12;
    bytes[at] = pick(rng, [0xff, 0xfe, 0xc3, 0x80]);
    return bytes;
  };
  const api = (
    kind: string,
    build: (rng: Rng) => Omit<Forged, 'kind' | 'headers'> & { headers?: Record<string, string> },
    token: (rng: Rng) => string | null = () => t.tokens.owner,
  ) => {
    return (rng: Rng): Forged => {
      const r = build(rng);
      const bearer = token(rng);
      const headers: Record<string, string> = { ...r.headers };
      if (r.body !== undefined) headers['content-type'] ??= 'application/json';
      if (bearer !== null) headers.authorization = `Bearer ${bearer}`;
      return { ...r, kind: `api:${kind}`, headers };
    };
  };
  const json = (v: unknown) => JSON.stringify(v);
  const rival = t.rival;
  const acme = t.acme;
  // Not whole, negative, or beyond what a number can count exactly: refused wherever a count is due.
  const notACount = (rng: Rng) =>
    pick(rng, [-1, -1e9, 1e300, Number.MAX_SAFE_INTEGER + 2, 0.5, -0.0001]);
  // Also a whole number far above any route's limit (the policy figures have none: see the report).
  const hugeOrNegative = (rng: Rng) => pick(rng, [1e12, notACount(rng)]);
  const shopBody = (rng: Rng, overrides: Record<string, unknown>) => ({
    platform: 'tiktok-shop',
    name: `forged ${hex(rng, 6)}`,
    region: 'GB',
    platformShopId: `99${hex(rng, 8)}`,
    apiBaseUrl: 'http://127.0.0.1:9',
    credentials: {
      appKey: 'k',
      appSecret: 's',
      accessToken: 'a',
      refreshToken: 'r',
      accessTokenExpiresAt: '2030-01-01T00:00:00Z',
    },
    warehouses: [{ code: 'GZ' }],
    ...overrides,
  });

  return [
    webhook('no signature', (shop, rng) => ({ body: webhookBody(shop, rng), headers: {} })),
    webhook('random signature', (shop, rng) => ({
      body: webhookBody(shop, rng),
      headers: { authorization: hex(rng, 64) },
    })),
    webhook('truncated signature', (shop, rng) => {
      const body = webhookBody(shop, rng);
      const valid = sign(shop, shop.secrets.appSecret, body);
      return { body, headers: { authorization: valid.slice(0, Math.floor(rng() * 63)) } };
    }),
    webhook('signature with a prefix', (shop, rng) => {
      const body = webhookBody(shop, rng);
      return {
        body,
        headers: { authorization: `Bearer ${sign(shop, shop.secrets.appSecret, body)}` },
      };
    }),
    webhook("signed with another tenant's secret", (shop, rng) => {
      const body = webhookBody(shop, rng);
      const other = pick(rng, rivalShops);
      return { body, headers: { authorization: sign(shop, other.secrets.appSecret, body) } };
    }),
    webhook('signed with a made-up secret', (shop, rng) => {
      const body = webhookBody(shop, rng);
      return { body, headers: { authorization: sign(shop, `guess-${hex(rng, 8)}`, body) } };
    }),
    webhook('tampered after signing', (shop, rng) => {
      const body = webhookBody(shop, rng);
      const signature = sign(shop, shop.secrets.appSecret, body);
      const tampered = body.replace(/"(AWAITING_SHIPMENT|READY_TO_SHIP)"/, '"CANCELLED"');
      return { body: tampered, headers: { authorization: signature } };
    }),
    webhook("another tenant's shop, signed with own secret", (shop, rng) => {
      const target = pick(
        rng,
        rivalShops.filter((s) => s.platform === shop.platform),
      );
      const body = webhookBody(target, rng);
      return { body, headers: { authorization: sign(shop, shop.secrets.appSecret, body) } };
    }),
    webhook('unknown shop', (shop, rng) => {
      const body = webhookBody(
        { ...shop, platformShopId: String(77000000 + Math.floor(rng() * 1e6)) },
        rng,
      );
      return { body, headers: { authorization: sign(shop, shop.secrets.appSecret, body) } };
    }),
    webhook('replayed event id, forged signature', (shop, rng) => {
      const body = webhookBody(shop, () => 0.5);
      return { body, headers: { authorization: hex(rng, 64) } };
    }),
    webhook('wrong content type, forged signature', (shop, rng) => ({
      body: webhookBody(shop, rng),
      headers: {
        'content-type': pick(rng, [
          'text/plain',
          'application/xml',
          'application/x-www-form-urlencoded',
          'multipart/form-data; boundary=x',
        ]),
        authorization: hex(rng, 64),
      },
    })),
    // The body is read before the signature is checked: a broken string may fail either first.
    webhook(
      'invalid UTF-8, forged signature',
      (shop, rng) => ({ body: invalidUtf8(shop, rng), headers: { authorization: hex(rng, 64) } }),
      [400, 401],
    ),
    webhook(
      'body over 1 MB',
      (shop, rng) => ({ body: big, headers: { authorization: hex(rng, 64) } }),
      413,
    ),
    webhook('deeply nested JSON', (_shop, rng) => ({ body: deep(rng), headers: {} }), 400),
    webhook(
      'not JSON',
      (_shop, rng) => ({
        body: pick(rng, ['', 'null', '[]', '{', 'type=1&shop_id=1', '\u0000\u0001', '"x"']),
        headers: {},
      }),
      400,
    ),
    webhook(
      'negative or huge numbers, correctly signed',
      (shop, rng) => {
        const bad = notACount(rng);
        const body =
          shop.platform === 'tiktok-shop'
            ? webhookBody(shop, rng, {
                data: { order_id: '1', order_status: 'UNPAID', update_time: bad },
              })
            : webhookBody(shop, rng, {
                data: { ordersn: 'X', status: 'UNPAID', update_time: bad },
              });
        return { body, headers: { authorization: sign(shop, shop.secrets.appSecret, body) } };
      },
      400,
    ),
    (rng) => ({
      kind: 'webhook:unknown platform or method',
      method: pick(rng, ['POST', 'GET', 'PUT', 'DELETE']),
      path: pick(rng, [
        '/webhooks/etsy',
        '/webhooks/amazon',
        '/webhooks/',
        '/webhooks/tiktok-shop/x',
      ]),
      headers: {},
      body: undefined,
      status: 404,
    }),
    api('connect with negative or huge settings', (rng) => ({
      method: 'POST',
      path: '/v1/shops',
      body: json(
        shopBody(rng, {
          settings: {
            [pick(rng, [
              'reconcileIntervalSeconds',
              'pollIntervalSeconds',
              'outOfSyncAlertMinutes',
            ])]: hugeOrNegative(rng),
          },
        }),
      ),
      status: 400,
    })),
    api("connect another tenant's platform shop", (rng) => {
      const target = pick(rng, rival.shops);
      return {
        method: 'POST',
        path: '/v1/shops',
        body: json(
          shopBody(rng, { platform: target.platform, platformShopId: target.platformShopId }),
        ),
        status: 409,
      };
    }),
    api('connect with an unknown warehouse', (rng) => ({
      method: 'POST',
      path: '/v1/shops',
      body: json(shopBody(rng, { warehouses: [{ code: `NOWH${hex(rng, 3).toUpperCase()}` }] })),
      status: 404,
    })),
    api("change another tenant's or an unknown shop", (rng) => ({
      method: 'PATCH',
      path: `/v1/shops/${pick(rng, [...rival.shops.map((s) => s.view.id), 'shp_nope'])}`,
      body: json({ name: 'taken over', status: 'paused' }),
      status: 404,
    })),
    api("test or import another tenant's shop", (rng) => ({
      method: 'POST',
      path: `/v1/shops/${pick(rng, rival.shops).view.id}/${pick(rng, ['test-connection', 'import-catalogue'])}`,
      status: 404,
    })),
    api("map another tenant's listing", (rng) => ({
      method: 'PATCH',
      path: `/v1/listings/${pick(rng, [...rival.listingIds, rival.unmatchedListingId])}`,
      body: json({ sku: 'A', unitsPerListing: 1 }),
      status: 404,
    })),
    api("map a listing to an unknown or another tenant's SKU", (rng) => ({
      method: 'PATCH',
      path: `/v1/listings/${acme.unmatchedListingId}`,
      body: json({
        sku: pick(rng, ['R1', 'NOSUCH', `Z${hex(rng, 5).toUpperCase()}`]),
        unitsPerListing: 1,
      }),
      status: 404,
    })),
    api('map with negative or huge units', (rng) => ({
      method: 'PATCH',
      path: `/v1/listings/${acme.unmatchedListingId}`,
      body: json({ sku: 'A', unitsPerListing: hugeOrNegative(rng) }),
      status: 400,
    })),
    api("retry or cancel another tenant's order", (rng) => ({
      method: 'POST',
      path: `/v1/channel-orders/${pick(rng, rival.orderIds)}/${pick(rng, ['retry', 'cancel'])}`,
      status: 404,
    })),
    api('retry or cancel an order that is not parked', (rng) => ({
      method: 'POST',
      path: `/v1/channel-orders/${pick(
        rng,
        acme.orderIds.filter((id) => id !== acme.parkedOrderId),
      )}/${pick(rng, ['retry', 'cancel'])}`,
      status: 409,
    })),
    api("set the policy of another tenant's or an unknown SKU", (rng) => ({
      method: 'PUT',
      path: `/v1/allocation-policies/skus/${pick(rng, ['R1', 'NOSUCH'])}`,
      body: json({ mode: 'shared' }),
      status: 404,
    })),
    api('set a policy with negative or huge figures', (rng) => ({
      method: 'PUT',
      path: pick(rng, ['/v1/allocation-policies/default', '/v1/allocation-policies/skus/A']),
      body: json(
        pick(rng, [
          { mode: 'partitioned', bufferUnits: notACount(rng) },
          { mode: 'partitioned', weights: { [acme.shops[0]!.view.id]: hugeOrNegative(rng) } },
          { mode: 'shared', bufferPercent: pick(rng, [-5, 101, 1e9]) },
          { mode: 'adaptive', adaptive: { roundTripSeconds: pick(rng, [0, -1, -1e9]) } },
          { mode: 'sideways' },
        ]),
      ),
      status: 400,
    })),
    api("read another tenant's shop, order or allocation", (rng) => ({
      method: 'GET',
      path: pick(rng, [
        `/v1/shops/${pick(rng, rival.shops).view.id}`,
        `/v1/channel-orders/${pick(rng, rival.orderIds)}`,
        '/v1/stock/R1/allocation',
        '/v1/allocation-policies/skus/R1',
      ]),
      status: 404,
    })),
    api("retry another tenant's or an unknown dead letter", (rng) => ({
      method: 'POST',
      path: `/v1/sync/dead-letters/${pick(rng, [rival.deadLetterListingId, 'lst_nope', acme.unmatchedListingId])}/retry`,
      status: 404,
    })),
    api('query the sync log, dead letters and alerts out of range', (rng) => ({
      method: 'GET',
      path: pick(rng, [
        '/v1/sync/log?before=-5',
        '/v1/sync/log?limit=0',
        '/v1/sync/log?kind=everything',
        `/v1/sync/log?before=${'9'.repeat(30)}`,
        '/v1/sync/dead-letters?limit=100000',
        '/v1/sync/reconciliations?since=yesterday',
        '/v1/alerts?limit=-1',
        '/v1/alerts?status=all',
        '/v1/listings?limit=501',
        '/v1/channel-orders?limit=1e9',
      ]),
      status: 400,
    })),
    api('a body over 1 MB', () => ({
      method: 'POST',
      path: '/v1/shops',
      body: big,
      status: 413,
    })),
    api('a body that is not JSON', (rng) => ({
      ...pick(rng, [
        { method: 'POST', path: '/v1/shops' },
        { method: 'PATCH', path: `/v1/listings/${acme.unmatchedListingId}` },
        { method: 'PUT', path: '/v1/allocation-policies/default' },
      ]),
      headers: { 'content-type': pick(rng, ['text/plain', 'application/xml', 'text/csv']) },
      body: 'sku=A&unitsPerListing=1',
      status: 415,
    })),
    api('deep or broken JSON', (rng) => ({
      method: 'PUT',
      path: '/v1/allocation-policies/default',
      body: pick(rng, [deep(rng), '{"mode":', '   ', '{"mode":"shared"}}']),
      status: 400,
    })),
    api('invalid UTF-8', (rng) => ({
      method: 'PATCH',
      path: `/v1/shops/${acme.shops[0]!.view.id}`,
      body: Buffer.concat([
        Buffer.from('{"name":"'),
        Buffer.from([pick(rng, [0xff, 0xfe, 0xc0, 0xed])]),
        Buffer.from('"}'),
      ]),
      status: 400,
    })),
    api(
      'no, malformed or unknown token',
      (rng) => ({
        ...pick(rng, [
          { method: 'GET', path: '/v1/sync/status' },
          { method: 'GET', path: '/v1/alerts' },
          {
            method: 'PATCH',
            path: `/v1/shops/${acme.shops[0]!.view.id}`,
            body: json({ name: 'x' }),
          },
          { method: 'POST', path: `/v1/sync/dead-letters/${acme.deadLetterListingId}/retry` },
          {
            method: 'PUT',
            path: '/v1/allocation-policies/default',
            body: json({ mode: 'shared' }),
          },
        ]),
        status: 401,
      }),
      (rng) => pick(rng, [null, 'not-a-token', `sp_${'A'.repeat(43)}`, `sp_${hex(rng, 43)}`]),
    ),
    api(
      'a viewer writing, an operator changing what needs an owner',
      () => ({
        method: 'PATCH',
        path: `/v1/shops/${acme.shops[0]!.view.id}`,
        body: json({ name: 'renamed' }),
        status: 403,
      }),
      (rng) => pick(rng, [t.tokens.viewer, t.tokens.operator]),
    ),
  ];
}

async function send(url: string, r: Forged): Promise<{ status: number; text: string }> {
  const response = await fetch(`${url}${r.path}`, {
    method: r.method,
    headers: r.headers,
    body: r.method === 'GET' || r.method === 'HEAD' ? undefined : r.body,
  });
  return { status: response.status, text: await response.text() };
}

for (const dialect of await availableDialects()) {
  describe(`R8 on ${dialect}: ${REQUESTS} forged or malformed sync requests`, () => {
    let t: SyncTenants;
    before(async () => {
      t = await openSyncTenants(dialect);
      // From here on the platforms' webhooks wait in the relay: only this test delivers any.
      t.relay.holding = true;
    });
    after(async () => {
      assert.deepEqual(await t.rig.invariants(), []);
      await t.close();
    });

    it(
      `every one is refused with a code, writes no row, and leaks no secret`,
      { timeout: 120_000 },
      async () => {
        const generators = corpus(t);
        const rng = seededRandom(SEED);
        const requests = Array.from({ length: REQUESTS }, (_, i) =>
          generators[i % generators.length]!(rng),
        );
        const rowsBefore = await countAllRows(t.rig);
        const statuses = new Map<number, number>();
        const failures: string[] = [];
        const secrets = t.secrets();
        const started = Date.now();
        let next = 0;
        const client = async () => {
          for (let i = next++; i < requests.length; i = next++) {
            const r = requests[i]!;
            const answer = await send(t.url, r);
            statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
            const allowed = r.kind.startsWith('webhook') ? WEBHOOK_REFUSALS : API_REFUSALS;
            let code: unknown;
            let message: unknown;
            try {
              const parsed = JSON.parse(answer.text) as {
                error?: { code?: unknown; message?: unknown };
              };
              code = parsed.error?.code;
              message = parsed.error?.message;
            } catch {
              code = undefined;
            }
            const leaked = secrets.find((s) => answer.text.includes(s));
            const wanted = Array.isArray(r.status) ? r.status : [r.status];
            if (
              !wanted.includes(answer.status) ||
              !allowed.has(answer.status) ||
              typeof code !== 'string' ||
              typeof message !== 'string' ||
              leaked
            )
              failures.push(
                `${r.kind}: ${r.method} ${r.path} → ${answer.status} (want ${String(r.status)}) ${answer.text.slice(0, 200)}`,
              );
          }
        };
        await Promise.all(Array.from({ length: CLIENTS }, client));
        const elapsedMs = Date.now() - started;
        console.log(
          `# R8 ${dialect}: ${REQUESTS} requests in ${elapsedMs} ms; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort()))}`,
        );
        assert.deepEqual(
          failures.slice(0, 20),
          [],
          `${failures.length} requests not refused as expected`,
        );
        const rowsAfter = await countAllRows(t.rig);
        assert.deepEqual(rowsAfter, rowsBefore, 'no row written or removed');
        console.log(`# R8 ${dialect}: rows before = after = ${JSON.stringify(rowsBefore)}`);

        // The server stays up: a valid read and a valid, correctly signed webhook still work.
        const shops = await fetch(`${t.url}/v1/shops`, {
          headers: { authorization: `Bearer ${t.tokens.viewer}` },
        });
        assert.equal(shops.status, 200);
        assert.equal(((await shops.json()) as { items: unknown[] }).items.length, 2);
        assert.equal((await fetch(`${t.url}/healthz`)).status, 200);

        for (const line of t.logLines)
          for (const secret of secrets) assert.ok(!line.includes(secret), 'a secret in the log');
        assert.ok(t.logLines.length >= REQUESTS, 'the logger was writing');
        assert.ok(
          !t.logLines.some((l) => l.includes('"level":50')),
          'no request failed with an error',
        );
      },
    );

    it(
      'a genuine webhook replayed 50 times is stored and applied once',
      { timeout: 60_000 },
      async () => {
        const [tiktok, shopee] = t.acme.shops as [TenantShop, TenantShop];
        const db = t.rig.pool.database.db;
        const ordersBefore = await db.selectFrom('channel_orders').select('id').execute();
        for (const shop of [tiktok, shopee]) {
          const ref = shop.refs.get('A')!;
          const placed = shop.emulator.placeOrder({
            platformShopId: shop.platformShopId,
            lines: [{ ...ref, quantity: 1 }],
          });
          assert.ok(placed.ok);
        }
        await waitFor('both webhooks held', () => t.relay.held().length >= 2);
        const genuine = t.relay.take();
        assert.equal(genuine.length, 2);
        for (const w of genuine) assert.equal(await deliverTo(t.url, w), 200);
        await waitFor('both orders applied', async () => {
          const orders = await db.selectFrom('channel_orders').select('id').execute();
          const status = await t.rig.pool.sync.status('acme');
          return (
            orders.length === ordersBefore.length + 2 &&
            status.queues.inboxPending === 0 &&
            status.queues.changedSkus === 0 &&
            status.queues.pushes === 0
          );
        });
        const rowsOnce = await countAllRows(t.rig);
        const replays = await Promise.all(
          Array.from({ length: 50 }, (_, i) => deliverTo(t.url, genuine[i % 2]!)),
        );
        assert.deepEqual(new Set(replays), new Set([200]), 'a re-delivery is acknowledged');
        // Give a woken worker time to do anything it would do.
        await new Promise((resolve) => setTimeout(resolve, 300));
        assert.deepEqual(await countAllRows(t.rig), rowsOnce, 'replays change nothing');
      },
    );
  });
}
