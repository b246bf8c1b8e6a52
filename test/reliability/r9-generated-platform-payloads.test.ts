// Proves QUALITY.md R9 for both platforms: generated platform payloads (fast-check) — webhook
// bodies, and API answers (envelope, order detail, catalogue / product and stock lists, stock
// update results), shaped as documented and mis-shaped — never crash the connectors' parsing and
// mapping functions: a shaped payload is read into the contract's types (whole, non-negative,
// safe-integer times and quantities), a mis-shaped one is refused with ConnectorError and a stable
// code, nothing else is ever thrown, and no promise is left rejected. Then, over real HTTP on
// SQLite and PostgreSQL, correctly signed but mis-shaped webhooks are answered 400 with a code and
// store nothing. R9_RUNS=<n> sets the generated payloads per run for the pure functions (100,000
// by default, shared among the properties), R9_HTTP_RUNS the signed webhooks per engine (2,000);
// FC_SEED=<n> replays another run.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import type {
  PlatformOrder,
  PlatformListing,
  WebhookEvent,
} from '../../src/connectors/contract.ts';
import { ConnectorError } from '../../src/connectors/errors.ts';
import { readShopeeEnvelope } from '../../src/connectors/shopee/envelope.ts';
import * as shopeeMap from '../../src/connectors/shopee/mapping.ts';
import {
  RawItemBaseInfoResponse,
  RawModelListResponse,
  RawOrderDetailResponse,
  RawUpdateStockResponse,
} from '../../src/connectors/shopee/raw-types.ts';
import { parseShopeePush, shopeePushSignature } from '../../src/connectors/shopee/webhook.ts';
import { readEnvelope } from '../../src/connectors/tiktok-shop/envelope.ts';
import * as tiktokMap from '../../src/connectors/tiktok-shop/mapping.ts';
import {
  RawInventorySearchData,
  RawOrderDetailData,
  RawProductsSearchData,
} from '../../src/connectors/tiktok-shop/raw-types.ts';
import {
  parseTikTokShopWebhook,
  tiktokWebhookSignature,
} from '../../src/connectors/tiktok-shop/webhook.ts';
import { availableDialects } from '../support/databases.ts';
import { openSyncRig, type SyncRig } from '../support/sync-fixture.ts';
import { connectShop, type TenantShop } from '../support/sync-tenants.ts';
import { startWebhookRelay, type WebhookRelay } from '../support/webhook-relay.ts';

const RUNS = Number(process.env.R9_RUNS ?? 100_000);
const HTTP_RUNS = Number(process.env.R9_HTTP_RUNS ?? 2_000);
const SEED = Number(process.env.FC_SEED ?? 20261209);
const CODES = new Set([
  'RATE_LIMITED',
  'UNAVAILABLE',
  'TOKEN_EXPIRED',
  'AUTH_FAILED',
  'REJECTED',
  'BAD_PAYLOAD',
]);

// Asked before any property runs: the properties keep the event loop busy for seconds, long
// enough for the PostgreSQL probe to time out if it were still waiting.
const dialects = await availableDialects();

const unhandled: unknown[] = [];
process.on('unhandledRejection', (reason) => unhandled.push(reason));

// ---- generators: documented shapes, and mutations that break a required field -----------------

const seconds = fc.oneof(
  { weight: 8, arbitrary: fc.nat({ max: 4_102_444_800 }) },
  { weight: 1, arbitrary: fc.constant(0) },
  { weight: 1, arbitrary: fc.maxSafeNat() },
);
const tiktokId = fc.oneof(fc.stringMatching(/^[0-9]{1,19}$/), fc.nat());
const shopeeId = fc.nat({ max: 2 ** 40 });
const text = fc.string({ maxLength: 20 });
const tiktokStatus = fc.oneof(
  fc.constantFrom(
    'UNPAID',
    'ON_HOLD',
    'AWAITING_SHIPMENT',
    'IN_TRANSIT',
    'DELIVERED',
    'CANCELLED',
    'CANCEL',
  ),
  fc.string({ minLength: 1, maxLength: 12 }),
);
const shopeeStatus = fc.oneof(
  fc.constantFrom(
    'UNPAID',
    'READY_TO_SHIP',
    'PROCESSED',
    'SHIPPED',
    'COMPLETED',
    'CANCELLED',
    'IN_CANCEL',
    'TO_RETURN',
  ),
  fc.string({ minLength: 1, maxLength: 12 }),
);

const tiktokOrder = fc.record(
  {
    id: tiktokId,
    status: tiktokStatus,
    create_time: seconds,
    update_time: seconds,
    paid_time: seconds,
    warehouse_id: tiktokId,
    line_items: fc.array(
      fc.record(
        {
          id: tiktokId,
          sku_id: tiktokId,
          product_id: tiktokId,
          seller_sku: text,
          display_status: fc.constantFrom('CANCELLED', 'AWAITING_SHIPMENT'),
        },
        { requiredKeys: ['id', 'sku_id', 'product_id'] },
      ),
      { maxLength: 4 },
    ),
  },
  { requiredKeys: ['id', 'status', 'create_time', 'update_time'] },
);

const tiktokProduct = fc.record({
  id: tiktokId,
  title: text,
  skus: fc.array(
    fc.record({
      id: tiktokId,
      seller_sku: text,
      inventory: fc.array(
        fc.record({ warehouse_id: tiktokId, quantity: fc.nat({ max: 99_999 }) }),
        {
          maxLength: 3,
        },
      ),
    }),
    { maxLength: 3 },
  ),
});

const shopeeStock = fc.record(
  {
    summary_info: fc.record(
      { total_reserved_stock: fc.nat({ max: 1e6 }), total_available_stock: fc.nat({ max: 1e6 }) },
      { requiredKeys: [] },
    ),
    seller_stock: fc.array(
      fc.record({ location_id: text, stock: fc.nat({ max: 1e6 }) }, { requiredKeys: ['stock'] }),
      { maxLength: 3 },
    ),
  },
  { requiredKeys: [] },
);

const shopeeOrder = fc.record(
  {
    order_sn: fc.string({ minLength: 1, maxLength: 16 }),
    order_status: shopeeStatus,
    create_time: seconds,
    update_time: seconds,
    pay_time: fc.option(seconds, { nil: null }),
    item_list: fc.array(
      fc.record(
        {
          item_id: shopeeId,
          item_sku: text,
          model_id: shopeeId,
          model_sku: text,
          model_quantity_purchased: fc.nat({ max: 1000 }),
          order_item_id: shopeeId,
          product_location_id: fc.oneof(text, fc.array(text, { maxLength: 2 })),
        },
        { requiredKeys: ['item_id', 'model_id', 'model_quantity_purchased', 'order_item_id'] },
      ),
      { maxLength: 4 },
    ),
  },
  { requiredKeys: ['order_sn', 'order_status', 'create_time', 'update_time'] },
);

const shopeeItem = fc.record(
  {
    item_id: shopeeId,
    item_name: text,
    item_sku: text,
    has_model: fc.boolean(),
    stock_info_v2: shopeeStock,
  },
  { requiredKeys: ['item_id', 'has_model'] },
);
const shopeeModel = fc.record(
  { model_id: shopeeId, model_sku: text, model_name: text, stock_info_v2: shopeeStock },
  { requiredKeys: ['model_id'] },
);

/** A value of the wrong type for any field: an object, list, text, fraction, negative or huge number. */
const wrong = fc.constantFrom<unknown>(
  null,
  true,
  [],
  {},
  'x',
  1.5,
  -1,
  1e300,
  Number.MAX_SAFE_INTEGER + 2,
);

/** Replaces the value at one required path of `value` by a wrong one (the result may stay valid). */
function mutate<T>(shaped: fc.Arbitrary<T>, paths: string[][]): fc.Arbitrary<unknown> {
  return fc.tuple(shaped, fc.constantFrom(...paths), wrong).map(([value, path, bad]) => {
    const copy = structuredClone(value) as Record<string, unknown>;
    let node: Record<string, unknown> = copy;
    for (const key of path.slice(0, -1)) {
      const next = node[key];
      if (Array.isArray(next)) {
        if (next.length === 0) return copy;
        node = next[0] as Record<string, unknown>;
      } else if (next && typeof next === 'object') node = next as Record<string, unknown>;
      else return copy;
    }
    node[path.at(-1)!] = bad;
    return copy;
  });
}

// ---- checks of what the connectors hand on -----------------------------------------------------

const isMs = (v: number | null) => v === null || (Number.isSafeInteger(v) && v >= 0);

function checkOrder(o: PlatformOrder): void {
  assert.ok(typeof o.orderId === 'string' && o.orderId.length > 0, 'order id');
  assert.ok(isMs(o.createdAtMs) && isMs(o.updatedAtMs) && isMs(o.paidAtMs), 'times in ms');
  for (const line of o.lines) {
    assert.ok(Number.isSafeInteger(line.quantity) && line.quantity >= 0, 'line quantity');
    assert.equal(typeof line.itemId, 'string');
    assert.equal(typeof line.variantId, 'string');
  }
}

function checkListing(l: PlatformListing): void {
  assert.equal(typeof l.itemId, 'string');
  assert.equal(typeof l.variantId, 'string');
  for (const s of l.stock) assert.ok(Number.isSafeInteger(s.available), 'stock is a count');
}

function checkEvent(e: WebhookEvent): void {
  assert.ok(typeof e.eventId === 'string' && e.eventId.length > 0, 'event id');
  if (e.kind === 'order') {
    assert.ok(e.platformShopId.length > 0 && e.orderId.length > 0);
    assert.ok(isMs(e.updatedAtMs), `webhook update time ${e.updatedAtMs}`);
  }
}

/** Runs `read`; any throw that is not a ConnectorError with one of our codes fails the property. */
function readsOrRefuses<T>(read: () => T, check: (v: T) => void): 'read' | 'refused' {
  let value: T;
  try {
    value = read();
  } catch (error) {
    if (!(error instanceof ConnectorError)) throw error;
    assert.ok(CODES.has(error.code), error.code);
    return 'refused';
  }
  check(value);
  return 'read';
}

function answer(status: number, body: string, retryAfter?: string) {
  return {
    status,
    headers: new Headers(retryAfter ? { 'retry-after': retryAfter } : {}),
    text: body,
  };
}

/** Mostly `usual`, sometimes anything `other` gives. */
const mostly = <T>(usual: T, other: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 6, arbitrary: fc.constant(usual) }, { weight: 1, arbitrary: other });

/** The first (shaped) arbitrary four times as often as each of the others. */
const preferShaped = (shaped: fc.Arbitrary<unknown>, ...others: fc.Arbitrary<unknown>[]) =>
  fc.oneof(
    { weight: 4, arbitrary: shaped },
    ...others.map((arbitrary) => ({ weight: 1, arbitrary })),
  );

const tiktokAnswer = (data: fc.Arbitrary<unknown>) =>
  fc.record({
    status: mostly(200, fc.integer({ min: 100, max: 599 })),
    code: mostly(0, fc.integer()),
    data,
    raw: mostly<string | null>(null, fc.string({ maxLength: 40 })),
    retryAfter: fc.option(fc.oneof(fc.nat().map(String), fc.string({ maxLength: 30 })), {
      nil: undefined,
    }),
  });

const shopeeAnswer = (response: fc.Arbitrary<unknown>) =>
  fc.record({
    status: mostly(200, fc.integer({ min: 100, max: 599 })),
    error: mostly(
      '',
      fc.oneof(
        fc.constantFrom('error_param', 'error_auth', 'error_server', 'product.error_busi'),
        text,
      ),
    ),
    response,
    raw: mostly<string | null>(null, fc.string({ maxLength: 40 })),
    retryAfter: fc.option(fc.nat().map(String), { nil: undefined }),
  });

/** What the TikTok client does with one answer (client.ts callOnce → parseData), then mapping. */
function readTikTok<T>(
  a: { status: number; code: number; data: unknown; raw: string | null; retryAfter?: string },
  schema: {
    safeParse(v: unknown): { success: true; data: T } | { success: false; error: unknown };
  },
): T {
  const body = a.raw ?? JSON.stringify({ code: a.code, message: 'm', data: a.data });
  const data = readEnvelope(answer(a.status, body, a.retryAfter), '/p', Date.now());
  const parsed = schema.safeParse(data);
  if (!parsed.success)
    throw new ConnectorError('BAD_PAYLOAD', 'does not conform', { cause: parsed.error });
  return parsed.data;
}

/** What the Shopee transport does with one answer (callShop), then mapping. */
function readShopee<T>(
  a: { status: number; error: string; response: unknown; raw: string | null; retryAfter?: string },
  schema: {
    safeParse(v: unknown): { success: true; data: T } | { success: false; error: unknown };
  },
): T {
  const body = a.raw ?? JSON.stringify({ error: a.error, message: 'm', response: a.response });
  const envelope = readShopeeEnvelope(answer(a.status, body, a.retryAfter), {
    path: '/api/v2/p',
    nowMs: Date.now(),
    isTokenCall: false,
  });
  const parsed = schema.safeParse(envelope.response);
  if (!parsed.success)
    throw new ConnectorError('BAD_PAYLOAD', 'does not conform', { cause: parsed.error });
  return parsed.data;
}

// ---- the properties ---------------------------------------------------------------------------

interface Tally {
  read: number;
  refused: number;
}

const PROPERTIES: Array<{ name: string; run: (tally: Tally, numRuns: number) => void }> = [
  {
    name: 'TikTok Shop webhook bodies',
    run: (tally, numRuns) => {
      const envelope = fc.record(
        {
          type: fc.oneof(fc.constant(1), fc.integer({ min: -5, max: 30 })),
          tts_notification_id: tiktokId,
          shop_id: tiktokId,
          timestamp: seconds,
          data: fc.record(
            { order_id: tiktokId, order_status: tiktokStatus, update_time: seconds },
            { requiredKeys: ['order_id', 'order_status', 'update_time'] },
          ),
        },
        { requiredKeys: ['type'] },
      );
      const body = fc.oneof(
        envelope.map((e) => JSON.stringify(e)),
        mutate(envelope, [
          ['type'],
          ['shop_id'],
          ['data', 'order_id'],
          ['data', 'update_time'],
          ['data'],
        ]).map((e) => JSON.stringify(e)),
        fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
        fc.string({ unit: 'binary', maxLength: 200 }),
      );
      fc.assert(
        fc.property(body, (b) => {
          tally[readsOrRefuses(() => parseTikTokShopWebhook(Buffer.from(b)), checkEvent)] += 1;
        }),
        { numRuns, seed: SEED },
      );
    },
  },
  {
    name: 'Shopee push bodies',
    run: (tally, numRuns) => {
      const push = fc.record(
        {
          code: fc.oneof(fc.constant(3), fc.integer({ min: -5, max: 30 })),
          shop_id: shopeeId,
          timestamp: seconds,
          data: fc.record(
            {
              ordersn: fc.string({ minLength: 1, maxLength: 16 }),
              status: shopeeStatus,
              update_time: seconds,
            },
            { requiredKeys: ['ordersn', 'status', 'update_time'] },
          ),
        },
        { requiredKeys: ['code', 'data'] },
      );
      const body = fc.oneof(
        push.map((p) => JSON.stringify(p)),
        mutate(push, [
          ['code'],
          ['shop_id'],
          ['data', 'ordersn'],
          ['data', 'update_time'],
          ['data'],
        ]).map((p) => JSON.stringify(p)),
        fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
        fc.string({ unit: 'binary', maxLength: 200 }),
      );
      fc.assert(
        fc.property(body, (b) => {
          tally[readsOrRefuses(() => parseShopeePush(Buffer.from(b)), checkEvent)] += 1;
        }),
        { numRuns, seed: SEED },
      );
    },
  },
  {
    name: 'TikTok Shop order detail answers',
    run: (tally, numRuns) => {
      const data = preferShaped(
        fc.record({ orders: fc.array(tiktokOrder, { maxLength: 3 }) }),
        mutate(fc.record({ orders: fc.array(tiktokOrder, { minLength: 1, maxLength: 2 }) }), [
          ['orders', 'id'],
          ['orders', 'status'],
          ['orders', 'update_time'],
          ['orders', 'line_items'],
          ['orders', 'line_items', 'sku_id'],
          ['orders'],
        ]),
        fc.jsonValue({ maxDepth: 4 }),
      );
      fc.assert(
        fc.property(tiktokAnswer(data), (a) => {
          const read = () =>
            readTikTok(a, RawOrderDetailData).orders.map(tiktokMap.toPlatformOrder);
          tally[readsOrRefuses(read, (orders) => orders.forEach(checkOrder))] += 1;
        }),
        { numRuns, seed: SEED },
      );
    },
  },
  {
    name: 'TikTok Shop product and inventory lists',
    run: (tally, numRuns) => {
      const products = preferShaped(
        fc.record({ products: fc.array(tiktokProduct, { maxLength: 3 }), next_page_token: text }),
        mutate(fc.record({ products: fc.array(tiktokProduct, { minLength: 1, maxLength: 2 }) }), [
          ['products', 'id'],
          ['products', 'skus'],
          ['products', 'skus', 'inventory'],
          ['products', 'skus', 'inventory', 'quantity'],
        ]),
        fc.jsonValue({ maxDepth: 4 }),
      );
      const inventory = preferShaped(
        fc.record({
          inventory: fc.array(
            fc.record({
              product_id: tiktokId,
              skus: fc.array(
                fc.record({
                  id: tiktokId,
                  warehouse_inventory: fc.array(
                    fc.record({
                      warehouse_id: tiktokId,
                      available_quantity: fc.nat(),
                      committed_quantity: fc.nat(),
                    }),
                    { maxLength: 2 },
                  ),
                }),
                { maxLength: 2 },
              ),
            }),
            { maxLength: 2 },
          ),
        }),
        fc.jsonValue({ maxDepth: 3 }),
      );
      fc.assert(
        fc.property(tiktokAnswer(products), tiktokAnswer(inventory), (p, i) => {
          const read = () => {
            const committed = tiktokMap.toCommittedIndex(readTikTok(i, RawInventorySearchData));
            return readTikTok(p, RawProductsSearchData).products.flatMap((product) =>
              tiktokMap.toPlatformListings(product, committed),
            );
          };
          tally[readsOrRefuses(read, (listings) => listings.forEach(checkListing))] += 1;
        }),
        { numRuns, seed: SEED },
      );
    },
  },
  {
    name: 'Shopee order detail answers',
    run: (tally, numRuns) => {
      const response = preferShaped(
        fc.record({ order_list: fc.array(shopeeOrder, { maxLength: 3 }) }),
        mutate(fc.record({ order_list: fc.array(shopeeOrder, { minLength: 1, maxLength: 2 }) }), [
          ['order_list', 'order_sn'],
          ['order_list', 'update_time'],
          ['order_list', 'item_list'],
          ['order_list', 'item_list', 'model_quantity_purchased'],
          ['order_list', 'item_list', 'model_id'],
          ['order_list'],
        ]),
        fc.jsonValue({ maxDepth: 4 }),
      );
      fc.assert(
        fc.property(shopeeAnswer(response), (a) => {
          const read = () =>
            (readShopee(a, RawOrderDetailResponse).order_list ?? []).map(shopeeMap.toPlatformOrder);
          tally[readsOrRefuses(read, (orders) => orders.forEach(checkOrder))] += 1;
        }),
        { numRuns, seed: SEED },
      );
    },
  },
  {
    name: 'Shopee item, model and stock update answers',
    run: (tally, numRuns) => {
      const items = preferShaped(
        fc.record({ item_list: fc.array(shopeeItem, { maxLength: 3 }) }),
        mutate(fc.record({ item_list: fc.array(shopeeItem, { minLength: 1, maxLength: 2 }) }), [
          ['item_list', 'item_id'],
          ['item_list', 'has_model'],
          ['item_list', 'stock_info_v2', 'seller_stock'],
        ]),
        fc.jsonValue({ maxDepth: 3 }),
      );
      const models = preferShaped(
        fc.record({ model: fc.array(shopeeModel, { maxLength: 3 }) }),
        fc.jsonValue({ maxDepth: 3 }),
      );
      const update = preferShaped(
        fc.record(
          {
            success_list: fc.array(fc.record({ model_id: shopeeId, stock: fc.nat() }), {
              maxLength: 3,
            }),
            failure_list: fc.array(fc.record({ model_id: shopeeId, failed_reason: text }), {
              maxLength: 3,
            }),
          },
          { requiredKeys: [] },
        ),
        fc.jsonValue({ maxDepth: 3 }),
      );
      fc.assert(
        fc.property(shopeeAnswer(items), shopeeAnswer(models), shopeeAnswer(update), (i, m, u) => {
          const read = () => {
            const modelList = readShopee(m, RawModelListResponse).model ?? [];
            const listings = (readShopee(i, RawItemBaseInfoResponse).item_list ?? []).flatMap(
              (item) => shopeeMap.toItemListings(item, modelList),
            );
            const refs = listings.map((l) => ({ itemId: l.itemId, variantId: l.variantId }));
            const results = shopeeMap.toStockPushResults(
              refs,
              readShopee(u, RawUpdateStockResponse),
              '',
            );
            assert.equal(results.length, refs.length, 'one result per listing');
            return listings;
          };
          tally[readsOrRefuses(read, (listings) => listings.forEach(checkListing))] += 1;
        }),
        { numRuns, seed: SEED },
      );
    },
  },
];

describe(`R9: ${RUNS} generated platform payloads through the connectors' parsing and mapping`, () => {
  const perProperty = Math.ceil(RUNS / PROPERTIES.length);
  for (const property of PROPERTIES)
    it(`${property.name}: read into contract types or refused with ConnectorError (${perProperty} runs)`, () => {
      const tally: Tally = { read: 0, refused: 0 };
      const started = Date.now();
      property.run(tally, perProperty);
      console.log(
        `# R9 ${property.name}: ${tally.read} read, ${tally.refused} refused in ${Date.now() - started} ms`,
      );
      assert.ok(tally.read > perProperty / 20, 'shaped payloads are read, not all refused');
      assert.ok(tally.refused > perProperty / 20, 'mis-shaped payloads are refused');
    });

  it('no promise was left rejected', async () => {
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(unhandled, []);
  });
});

for (const dialect of dialects) {
  describe(`R9 on ${dialect}: ${HTTP_RUNS} correctly signed, mis-shaped webhooks over HTTP`, () => {
    let rig: SyncRig;
    let relay: WebhookRelay;
    let shops: TenantShop[];
    before(async () => {
      rig = await openSyncRig(dialect);
      relay = await startWebhookRelay(rig.url);
      shops = [
        await connectShop(rig, relay, { tenant: 'acme', platform: 'tiktok-shop', listings: [] }),
        await connectShop(rig, relay, { tenant: 'acme', platform: 'shopee', listings: [] }),
      ];
    });
    after(async () => {
      await relay.close();
      await rig.close();
    });

    it(
      'each is answered 400 INVALID_WEBHOOK and stores nothing; the server stays up',
      { timeout: 120_000 },
      async () => {
        const [tiktok, shopee] = shops as [TenantShop, TenantShop];
        const inboxBefore = await rig.pool.database.db.selectFrom('inbox').select('id').execute();
        // Mis-shaped in a required field, so no platform would send it: whatever the signature, 400.
        const tiktokBody = mutate(
          fc.record({
            type: fc.constant(1),
            tts_notification_id: tiktokId,
            shop_id: fc.constant(tiktok.platformShopId),
            data: fc.record({
              order_id: tiktokId,
              order_status: tiktokStatus,
              update_time: seconds,
            }),
          }),
          [
            ['type'],
            ['data'],
            ['data', 'order_id'],
            ['data', 'update_time'],
            ['data', 'order_status'],
          ],
        ).filter((b) => {
          try {
            parseTikTokShopWebhook(Buffer.from(JSON.stringify(b)));
            return false;
          } catch {
            return true;
          }
        });
        const shopeeBody = mutate(
          fc.record({
            code: fc.constant(3),
            shop_id: fc.constant(Number(shopee.platformShopId)),
            data: fc.record({
              ordersn: fc.string({ minLength: 1, maxLength: 9 }),
              status: shopeeStatus,
              update_time: seconds,
            }),
          }),
          [['code'], ['data'], ['data', 'ordersn'], ['data', 'update_time'], ['data', 'status']],
        ).filter((b) => {
          try {
            parseShopeePush(Buffer.from(JSON.stringify(b)));
            return false;
          } catch {
            return true;
          }
        });
        const statuses = new Map<number, number>();
        await fc.assert(
          fc.asyncProperty(
            fc.oneof(
              tiktokBody.map((b) => ['tiktok-shop', b] as const),
              shopeeBody.map((b) => ['shopee', b] as const),
            ),
            async ([platform, value]) => {
              const raw = Buffer.from(JSON.stringify(value));
              const url = `${rig.url}/webhooks/${platform}`;
              const shop = platform === 'tiktok-shop' ? tiktok : shopee;
              const authorization =
                platform === 'tiktok-shop'
                  ? tiktokWebhookSignature(shop.secrets, raw)
                  : shopeePushSignature(shop.secrets.appSecret, url, raw);
              const response = await fetch(url, {
                method: 'POST',
                headers: { 'content-type': 'application/json', authorization },
                body: raw,
              });
              const answerText = await response.text();
              statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
              assert.equal(response.status, 400, answerText);
              assert.equal(
                (JSON.parse(answerText) as { error: { code: string } }).error.code,
                'INVALID_WEBHOOK',
              );
            },
          ),
          { numRuns: HTTP_RUNS, seed: SEED },
        );
        console.log(
          `# R9 ${dialect}: signed mis-shaped webhooks ${JSON.stringify(Object.fromEntries(statuses))}`,
        );
        const inboxAfter = await rig.pool.database.db.selectFrom('inbox').select('id').execute();
        assert.equal(inboxAfter.length, inboxBefore.length, 'nothing stored');
        assert.equal((await fetch(`${rig.url}/healthz`)).status, 200);
        assert.deepEqual(unhandled, []);
      },
    );
  });
}
