// Proves the listing and platform-order API over real HTTP on every engine: listings page by id
// and filter by shop, SKU and unmatched; a mapping shows its SKU and a bad one is refused; a
// parked order can be retried (and then holds stock) or cancelled, any other answers 409; bad
// queries answer 400; viewers cannot write; and another tenant sees and changes none of it.
/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-argument -- these tests read untyped JSON responses and assert on their shape */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { availableDialects } from '../../test/support/databases.ts';
import { openHttpFixture, type HttpFixture } from '../../test/support/http-fixture.ts';
import type { PlatformOrder } from '../connectors/contract.ts';
import { findSkusByCodes } from '../store/catalog-lookup.ts';
import { claimOrder, releaseOrderClaim } from '../store/channel-orders-repo.ts';
import { upsertCatalogue } from '../store/listings-repo.ts';
import { findShop } from '../store/shops-repo.ts';
import { applyPlatformOrder } from '../sync/order-applier.ts';

const START = Date.parse('2026-11-27T00:00:00Z');

function shopBody(n: number, settings: Record<string, unknown> = {}) {
  return {
    platform: 'shopee',
    name: `Shopee ${n}`,
    region: 'SG',
    platformShopId: String(14_700_000 + n),
    apiBaseUrl: 'http://127.0.0.1:9',
    credentials: {
      appKey: '2000001',
      appSecret: 'secret',
      accessToken: 'access',
      refreshToken: 'refresh',
      accessTokenExpiresAt: '2026-11-27T04:00:00Z',
    },
    warehouses: [{ code: 'GZ' }],
    settings,
  };
}

for (const dialect of await availableDialects()) {
  describe(`listings and platform orders over HTTP on ${dialect}`, () => {
    let h: HttpFixture;
    let shopId: string;
    let otherShopId: string;
    const listingIds = new Map<string, string>();

    before(async () => {
      h = await openHttpFixture(dialect);
      shopId = (await h.call('POST', '/v1/shops', { body: shopBody(1, { onUnfillable: 'park' }) }))
        .body.id;
      otherShopId = (await h.call('POST', '/v1/shops', { body: shopBody(2) })).body.id;
      const db = h.f.pool.database.db;
      const skus = await findSkusByCodes(db, 'acme', ['A']);
      const newId = () => h.f.pool.ids.next('lst');
      await upsertCatalogue(db, { tenantId: 'acme', shopId, nowMs: START, newId }, [
        { itemId: 'I1', variantId: 'V1', sellerSku: 'A', title: 'A', skuId: skus.get('A')!.id },
        { itemId: 'I2', variantId: 'V2', sellerSku: 'X-2', title: 'Mystery 2', skuId: null },
        { itemId: 'I3', variantId: 'V3', sellerSku: 'X-3', title: 'Mystery 3', skuId: null },
      ]);
      await upsertCatalogue(db, { tenantId: 'acme', shopId: otherShopId, nowMs: START, newId }, [
        { itemId: 'J1', variantId: 'W1', sellerSku: 'B-PACK', title: 'B pack', skuId: null },
      ]);
      const all = (await h.call('GET', '/v1/listings')).body.items as {
        id: string;
        sellerSku: string;
      }[];
      for (const l of all) listingIds.set(l.sellerSku, l.id);
    });
    after(async () => {
      assert.deepEqual(await h.f.invariants(), []);
      await h.close();
    });

    /** Applies a placed order for `quantity` of listing I1/V1 as the worker would. */
    async function placeOrder(platformOrderId: string, quantity: number): Promise<string> {
      const { pool } = h.f;
      const db = pool.database.db;
      const shop = await findShop(db, 'acme', shopId);
      if (!shop) throw new Error('the shop is missing');
      const line = {
        lineId: 'L1',
        itemId: 'I1',
        variantId: 'V1',
        sellerSku: 'A',
        warehouseId: null,
      };
      const order: PlatformOrder = {
        ...{ orderId: platformOrderId, rawStatus: 'UNPAID', state: 'placed', paidAtMs: null },
        ...{ createdAtMs: START, updatedAtMs: START, lines: [{ ...line, quantity }] },
      };
      const loadShop = (tenantId: string, id: string) => findShop(db, tenantId, id);
      return (await applyPlatformOrder({ ...pool, db, loadShop }, shop, order)).orderId;
    }

    it('lists every listing, and filters by shop, SKU and unmatched', async () => {
      const all = await h.call('GET', '/v1/listings', { token: h.tokens.viewer });
      assert.equal(all.status, 200);
      assert.equal(all.body.items.length, 4);
      assert.equal(all.body.nextAfter, null);
      const a = all.body.items.find((l: { sellerSku: string }) => l.sellerSku === 'A');
      assert.deepEqual(
        { sku: a.sku, match: a.match, units: a.unitsPerListing, shopId: a.shopId, title: a.title },
        { sku: 'A', match: 'auto', units: 1, shopId, title: 'A' },
      );
      const unmatched = await h.call('GET', `/v1/listings?unmatched=true&shop=${shopId}`);
      assert.deepEqual(unmatched.body.items.map((l: { sellerSku: string }) => l.sellerSku).sort(), [
        'X-2',
        'X-3',
      ]);
      const bySku = await h.call('GET', '/v1/listings?sku=A');
      assert.deepEqual(
        bySku.body.items.map((l: { id: string }) => l.id),
        [listingIds.get('A')],
      );
      assert.deepEqual((await h.call('GET', '/v1/listings?sku=NOPE')).body.items, []);
      const other = await h.call('GET', `/v1/listings?shop=${otherShopId}`);
      assert.deepEqual(
        other.body.items.map((l: { sellerSku: string }) => l.sellerSku),
        ['B-PACK'],
      );
    });

    it('pages by id with nextAfter until the last page says null', async () => {
      const seen: string[] = [];
      let after: string | null = null;
      for (let page = 0; page < 10; page++) {
        const query: string = after === null ? '' : `&after=${after}`;
        const r = await h.call('GET', `/v1/listings?limit=3${query}`);
        assert.equal(r.status, 200);
        seen.push(...r.body.items.map((l: { id: string }) => l.id));
        after = r.body.nextAfter;
        if (after === null) break;
        assert.equal(after, seen.at(-1));
      }
      assert.equal(seen.length, 4);
      assert.deepEqual(seen, [...seen].sort());
      assert.equal(new Set(seen).size, 4);
    });

    it('refuses malformed listing queries with 400', async () => {
      for (const q of ['limit=0', 'limit=501', 'limit=abc', 'unmatched=yes', 'sku=', 'after=%00'])
        assert.equal((await h.call('GET', `/v1/listings?${q}`)).status, 400, q);
    });

    it('maps a listing to a SKU with units per listing, shows it, and unmaps it', async () => {
      const id = listingIds.get('B-PACK');
      const mapped = await h.call('PATCH', `/v1/listings/${id}`, {
        token: h.tokens.operator,
        body: { sku: 'B', unitsPerListing: 3 },
      });
      assert.equal(mapped.status, 200, JSON.stringify(mapped.body));
      assert.deepEqual(
        { sku: mapped.body.sku, units: mapped.body.unitsPerListing, match: mapped.body.match },
        { sku: 'B', units: 3, match: 'manual' },
      );
      const listed = await h.call('GET', '/v1/listings?sku=B');
      assert.deepEqual(
        listed.body.items.map((l: { id: string }) => l.id),
        [id],
      );
      assert.equal(listed.body.items[0].sku, 'B');
      const unmapped = await h.call('PATCH', `/v1/listings/${id}`, {
        body: { sku: null, unitsPerListing: 1 },
      });
      assert.deepEqual(
        { sku: unmapped.body.sku, match: unmapped.body.match },
        { sku: null, match: 'unmatched' },
      );
    });

    it('refuses a mapping to an unknown SKU or listing, and malformed mappings', async () => {
      const id = listingIds.get('X-2');
      const noSku = await h.call('PATCH', `/v1/listings/${id}`, {
        body: { sku: 'NOPE', unitsPerListing: 1 },
      });
      assert.equal(noSku.status, 404);
      assert.equal(noSku.body.error.code, 'SKU_NOT_FOUND');
      const noListing = await h.call('PATCH', '/v1/listings/lst_missing', {
        body: { sku: 'A', unitsPerListing: 1 },
      });
      assert.equal(noListing.status, 404);
      assert.equal(noListing.body.error.code, 'LISTING_NOT_FOUND');
      for (const body of [
        { sku: 'A', unitsPerListing: 0 },
        { sku: 'A', unitsPerListing: 1001 },
        { sku: 'A', unitsPerListing: 1.5 },
        { sku: 'A' },
        { unitsPerListing: 1 },
        { sku: 'A', unitsPerListing: 1, extra: true },
      ]) {
        const r = await h.call('PATCH', `/v1/listings/${id}`, { body });
        assert.equal(r.status, 400, JSON.stringify(body));
        assert.equal(r.body.error.code, 'VALIDATION_FAILED');
      }
      const still = await h.call('GET', `/v1/listings?shop=${shopId}&unmatched=true`);
      assert.ok(
        still.body.items.some((l: { id: string }) => l.id === id),
        'nothing was mapped',
      );
    });

    it('a viewer cannot map, and another tenant neither sees nor maps listings', async () => {
      const id = listingIds.get('X-3');
      const body = { sku: 'A', unitsPerListing: 1 };
      assert.equal(
        (await h.call('PATCH', `/v1/listings/${id}`, { token: h.tokens.viewer, body })).status,
        403,
      );
      const rival = { token: h.tokens.rival };
      assert.deepEqual((await h.call('GET', '/v1/listings', rival)).body.items, []);
      assert.deepEqual((await h.call('GET', `/v1/listings?shop=${shopId}`, rival)).body.items, []);
      const taken = await h.call('PATCH', `/v1/listings/${id}`, { ...rival, body });
      assert.equal(taken.status, 404);
      const mine = await h.call('GET', `/v1/listings?shop=${shopId}&unmatched=true`);
      assert.ok(mine.body.items.some((l: { id: string }) => l.id === id));
    });

    it('a parked order is listed by outcome, shown with its lines, and retried once stock arrives', async () => {
      const orderId = await placeOrder('SG-ORDER-1', 2);
      const parked = await h.call('GET', '/v1/channel-orders?outcome=parked', {
        token: h.tokens.viewer,
      });
      assert.equal(parked.status, 200);
      assert.deepEqual(
        parked.body.items.map((o: { id: string }) => o.id),
        [orderId],
      );
      assert.equal(parked.body.items[0].lines, undefined, 'the list carries no lines');
      const one = await h.call('GET', `/v1/channel-orders/${orderId}`);
      assert.equal(one.body.outcome, 'parked');
      assert.equal(one.body.platformOrderId, 'SG-ORDER-1');
      assert.equal(one.body.lines.length, 1);
      assert.equal(one.body.lines[0].listingId, listingIds.get('A'));
      assert.equal(one.body.lines[0].holdId, null);

      const receipt = await h.call('POST', '/v1/receipts', {
        body: { warehouse: 'GZ', lines: [{ sku: 'A', quantity: 5 }] },
        headers: { 'idempotency-key': 'order-stock' },
      });
      assert.equal(receipt.status, 201);
      const retried = await h.call('POST', `/v1/channel-orders/${orderId}/retry`, {
        token: h.tokens.operator,
      });
      assert.equal(retried.status, 200, JSON.stringify(retried.body));
      assert.equal(retried.body.outcome, 'applied');
      assert.ok(retried.body.lines[0].holdId, 'the retried line holds stock');
      const stock = await h.call('GET', '/v1/stock/A');
      assert.equal(stock.body.total.reserved, 2);

      const again = await h.call('POST', `/v1/channel-orders/${orderId}/retry`);
      assert.equal(again.status, 409);
      assert.equal(again.body.error.code, 'INVALID_ORDER_TRANSITION');
      const cancel = await h.call('POST', `/v1/channel-orders/${orderId}/cancel`);
      assert.equal(cancel.status, 409);
      assert.equal(cancel.body.error.code, 'INVALID_ORDER_TRANSITION');
    });

    it('a parked order the worker is applying is not retried over it: 409 ORDER_BUSY, still parked', async () => {
      const orderId = await placeOrder('SG-ORDER-BUSY', 100);
      const db = h.f.pool.database.db;
      const nowMs = h.f.clock.nowMs();
      assert.ok(await claimOrder(db, orderId, { nowMs, untilMs: nowMs + 60_000 }));
      try {
        const retry = h.call('POST', `/v1/channel-orders/${orderId}/retry`);
        // The retry waits up to 5 s (of StockPool's clock) for the claim to be given back.
        await new Promise((resolve) => setTimeout(resolve, 200));
        h.f.clock.advanceMs(6_000);
        const busy = await retry;
        assert.equal(busy.status, 409, JSON.stringify(busy.body));
        assert.equal(busy.body.error.code, 'ORDER_BUSY');
        const order = await h.call('GET', `/v1/channel-orders/${orderId}`);
        assert.equal(order.body.outcome, 'parked');
        assert.equal(order.body.lines[0].holdId, null);
      } finally {
        await releaseOrderClaim(db, orderId);
      }
    });

    it('a parked order cancelled by the seller is left for the worker to cancel on the platform', async () => {
      const orderId = await placeOrder('SG-ORDER-2', 100);
      assert.equal((await h.call('GET', `/v1/channel-orders/${orderId}`)).body.outcome, 'parked');
      const viewer = await h.call('POST', `/v1/channel-orders/${orderId}/cancel`, {
        token: h.tokens.viewer,
      });
      assert.equal(viewer.status, 403);
      const cancelled = await h.call('POST', `/v1/channel-orders/${orderId}/cancel`, {
        token: h.tokens.operator,
      });
      assert.equal(cancelled.status, 200);
      assert.equal(cancelled.body.outcome, 'unfillable');
      const listed = await h.call('GET', `/v1/channel-orders?outcome=unfillable&shop=${shopId}`);
      assert.deepEqual(
        listed.body.items.map((o: { id: string }) => o.id),
        [orderId],
      );
      assert.equal((await h.call('POST', `/v1/channel-orders/${orderId}/retry`)).status, 409);
    });

    it('unknown orders answer 404, bad queries 400, and another tenant sees no order', async () => {
      for (const path of [
        '/v1/channel-orders/ord_missing',
        '/v1/channel-orders/ord_missing/retry',
      ]) {
        const r = await h.call(path.endsWith('retry') ? 'POST' : 'GET', path);
        assert.equal(r.status, 404, path);
        assert.equal(r.body.error.code, 'ORDER_NOT_FOUND');
      }
      for (const q of ['outcome=lost', 'limit=0', 'limit=501', 'shop=%00'])
        assert.equal((await h.call('GET', `/v1/channel-orders?${q}`)).status, 400, q);
      const mine = (await h.call('GET', '/v1/channel-orders')).body.items as { id: string }[];
      assert.equal(mine.length, 3);
      const rival = { token: h.tokens.rival };
      assert.deepEqual((await h.call('GET', '/v1/channel-orders', rival)).body.items, []);
      for (const { id } of mine) {
        assert.equal((await h.call('GET', `/v1/channel-orders/${id}`, rival)).status, 404);
        assert.equal((await h.call('POST', `/v1/channel-orders/${id}/cancel`, rival)).status, 404);
        assert.equal((await h.call('POST', `/v1/channel-orders/${id}/retry`, rival)).status, 404);
      }
    });
  });
}
