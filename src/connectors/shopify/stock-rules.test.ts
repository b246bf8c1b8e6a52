// Proves Shopify's stock rules (shopify.md §5.2, §5.3) through the connector and the emulator
// over real HTTP: an order moves `available` to `committed` and a push sets `available` only, so
// committed units are never counted twice; the compare-and-set fails a push whose listing a buyer
// changed between the read and the write (retryable) and lets one through when the figure is
// already shown; the mutation is all-or-nothing, so the other listings are sent again and set;
// a repeated idempotency key applies once; several locations are set per listing.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, describe, it } from 'node:test';
import type { ListingRef, StockPushItem } from '../contract.ts';
import {
  LOCATION,
  SECOND_LOCATION,
  SHOP,
  products,
  startFixture,
  type Fixture,
} from './emulator-fixture.ts';
import { setQuantitiesMutation } from './queries.ts';

const refOf = (i: number): ListingRef => ({
  itemId: String(810_000_001 + i),
  variantId: String(920_000_001 + i),
});
const push = (
  ref: ListingRef,
  quantity: number,
  warehouseId: string | null = LOCATION,
): StockPushItem => ({
  listing: ref,
  stock: [{ warehouseId, quantity }],
});

/** A proxy in front of the emulator that runs `beforeFirstWrite` when the first stock write passes. */
async function proxyWithHook(
  fixture: Fixture,
  beforeFirstWrite: () => void,
): Promise<{ url: string; server: Server }> {
  let hooked = false;
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks);
      if (!hooked && body.toString('utf8').includes('inventorySetQuantities')) {
        hooked = true;
        beforeFirstWrite();
      }
      void fetch(`${fixture.emulator.baseUrl}${request.url ?? ''}`, {
        method: request.method,
        headers: {
          'content-type': 'application/json',
          'x-shopify-access-token': String(request.headers['x-shopify-access-token']),
        },
        body,
      }).then(async (answer) =>
        response
          .writeHead(answer.status, { 'content-type': 'application/json' })
          .end(await answer.text()),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

describe('Shopify stock rules', () => {
  const closers: Array<() => Promise<void>> = [];
  after(async () => {
    for (const close of closers) await close();
  });
  const fixtureOf = async (...args: Parameters<typeof startFixture>) => {
    const fixture = await startFixture(...args);
    closers.push(() => fixture.emulator.close());
    return fixture;
  };

  it('an order moves available to committed, and a push sets available without touching committed', async () => {
    const f = await fixtureOf(products(1, 5));
    const placed = f.emulator.placeOrder({
      platformShopId: SHOP,
      lines: [{ ...refOf(0), quantity: 2 }],
    });
    assert.ok(placed.ok);
    const page = await f.connector().listCatalog(null);
    assert.deepEqual(page.items[0]?.stock, [{ warehouseId: LOCATION, available: 3, committed: 2 }]);
    const [result] = await f.connector().setStock([push(refOf(0), 10)]);
    assert.equal(result?.ok, true);
    assert.deepEqual(f.emulator.shownStock(SHOP, refOf(0)), [
      { warehouseId: LOCATION, available: 10, committed: 2 },
    ]);
    f.emulator.shipOrder(SHOP, placed.orderId);
    assert.deepEqual(f.emulator.shownStock(SHOP, refOf(0)), [
      { warehouseId: LOCATION, available: 10, committed: 0 },
    ]);
  });

  it('a buyer order between the read and the write fails the push as retryable, and the order is not overwritten', async () => {
    const f = await fixtureOf(products(2, 5));
    const proxy = await proxyWithHook(f, () => {
      f.emulator.placeOrder({ platformShopId: SHOP, lines: [{ ...refOf(0), quantity: 1 }] });
    });
    closers.push(() => new Promise((resolve) => proxy.server.close(() => resolve())));
    const results = await f
      .connector({ baseUrl: proxy.url })
      .setStock([push(refOf(0), 9), push(refOf(1), 8)]);
    const [stale, other] = results;
    assert.ok(stale && !stale.ok, 'the changed listing failed');
    assert.equal(stale.platformCode, 'CHANGE_FROM_QUANTITY_STALE');
    assert.equal(stale.retryable, true);
    assert.equal(
      f.emulator.shownStock(SHOP, refOf(0))[0]?.available,
      4,
      'the order stands, the push did not overwrite it',
    );
    assert.equal(other?.ok, true, 'the other listing was sent again on its own and set');
    assert.equal(f.emulator.shownStock(SHOP, refOf(1))[0]?.available, 8);
  });

  it('a listing that already shows the figure when the write finds it changed is done', async () => {
    const f = await fixtureOf(products(1, 5));
    const proxy = await proxyWithHook(f, () =>
      f.emulator.setShownStock(SHOP, refOf(0), LOCATION, 9),
    );
    closers.push(() => new Promise((resolve) => proxy.server.close(() => resolve())));
    const [result] = await f.connector({ baseUrl: proxy.url }).setStock([push(refOf(0), 9)]);
    assert.equal(result?.ok, true);
  });

  it('sets each location of a listing, and refuses a location the item is not stocked at', async () => {
    const f = await fixtureOf([...products(1, 5, true), ...products(2, 5).slice(1)]);
    const twoPlaces: StockPushItem = {
      listing: refOf(0),
      stock: [
        { warehouseId: LOCATION, quantity: 1 },
        { warehouseId: SECOND_LOCATION, quantity: 2 },
      ],
    };
    const results = await f
      .connector()
      .setStock([twoPlaces, push(refOf(1), 3, SECOND_LOCATION), push(refOf(1), 4, null)]);
    assert.equal(results[0]?.ok, true);
    assert.deepEqual(
      f.emulator.shownStock(SHOP, refOf(0)).map((s) => [s.warehouseId, s.available]),
      [
        [LOCATION, 1],
        [SECOND_LOCATION, 2],
      ],
    );
    assert.ok(
      results[1] &&
        !results[1].ok &&
        results[1].platformCode === 'NOT_STOCKED' &&
        !results[1].retryable,
    );
    assert.equal(results[2]?.ok, true, "no location named: the item's only one");
    assert.equal(f.emulator.shownStock(SHOP, refOf(1))[0]?.available, 4);
  });

  it('a repeated idempotency key is applied once and answered the same', async () => {
    const f = await fixtureOf(products(1, 5));
    const read = await f.graphql(
      '{ nodes(ids: ["gid://shopify/ProductVariant/920000001"]) { ... on ProductVariant { inventoryItem { id } } } }',
    );
    const item = (read.body.data?.nodes as Array<{ inventoryItem: { id: string } }>)[0]
      ?.inventoryItem.id;
    const input = {
      name: 'available',
      reason: 'correction',
      quantities: [
        {
          inventoryItemId: item,
          locationId: `gid://shopify/Location/${LOCATION}`,
          quantity: 6,
          changeFromQuantity: 5,
        },
      ],
    };
    const first = await f.graphql(setQuantitiesMutation('key-1'), { input });
    const second = await f.graphql(setQuantitiesMutation('key-1'), { input });
    assert.deepEqual(second.body.data, first.body.data);
    assert.equal(f.emulator.stats().stockWrites, 1);
    const unkeyed = await f.graphql(
      setQuantitiesMutation('key-1').replace(/@idempotent\([^)]*\)/, ''),
      { input },
    );
    assert.ok(Array.isArray(unkeyed.body.errors), 'the directive is required');
    assert.equal(f.emulator.shownStock(SHOP, refOf(0))[0]?.available, 6);
  });
});
