// Proves the Amazon connector's paging and pacing against the emulator over real HTTP: catalogue
// pages are read in SKU order, since Amazon's default order moves listings as they are updated;
// the published usage plans pace a burst of pushes without a 429; a throttled answer carries
// QuotaExceeded and the plan's rate, which sets the wait; a shop's region picks its marketplace.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isConnectorError } from '../errors.ts';
import { product, startFixture } from './emulator-fixture.ts';

describe('Amazon paging, usage plans and marketplaces', () => {
  it('reads every listing once while pushes move listings between catalogue pages', async () => {
    const skus = Object.fromEntries(
      Array.from({ length: 25 }, (_, i) => [`SKU-${String(i).padStart(2, '0')}`, { DEFAULT: 1 }]),
    );
    const f = await startFixture({ products: [product('B0PAGING01', skus)] });
    try {
      const connector = f.connector();
      const first = await connector.listCatalog(null);
      const seen = new Set(first.items.map((l) => l.variantId));
      const unread = Object.keys(skus).find((sku) => !seen.has(sku));
      assert.ok(unread && first.nextPageToken, 'the catalogue has a second page');
      const push = {
        listing: { itemId: 'B0PAGING01', variantId: unread },
        stock: [{ warehouseId: 'DEFAULT', quantity: 5 }],
      };
      assert.equal((await connector.setStock([push]))[0]?.ok, true);
      const second = await connector.listCatalog(first.nextPageToken);
      for (const listing of second.items) {
        assert.ok(!seen.has(listing.variantId), `${listing.variantId} came twice`);
        seen.add(listing.variantId);
      }
      assert.equal(seen.size, 25);
    } finally {
      await f.close();
    }
  });

  it('the published plans pace ten pushes of one SKU without a single 429', async () => {
    const f = await startFixture({
      products: [product('B0PACE0001', { 'SKU-P': { DEFAULT: 1 } })],
    });
    try {
      const connector = f.connector();
      const ref = { itemId: 'B0PACE0001', variantId: 'SKU-P' };
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          connector.setStock([{ listing: ref, stock: [{ warehouseId: 'DEFAULT', quantity: i }] }]),
        ),
      );
      assert.ok(
        results.every(([r]) => r?.ok),
        'every push went through',
      );
      assert.equal(f.emulator.stats().throttled, 0);
    } finally {
      await f.close();
    }
  });

  it('a throttled answer carries QuotaExceeded and the plan rate, and the connector waits 1/rate', async () => {
    const f = await startFixture({
      products: [product('B0PACE0002', { 'SKU-Q': { DEFAULT: 1 } })],
    });
    try {
      const connector = f.connector({ rateLimitPerSecond: 1_000_000 });
      const outcomes = await Promise.allSettled(
        Array.from({ length: 8 }, () => connector.listCatalog(null)),
      );
      const throttled = outcomes.flatMap((o) =>
        o.status === 'rejected' ? [o.reason as unknown] : [],
      );
      assert.ok(throttled.length >= 2, `only ${throttled.length} throttled`);
      for (const error of throttled) {
        assert.ok(
          isConnectorError(error) &&
            error.code === 'RATE_LIMITED' &&
            error.platformCode === 'QuotaExceeded',
        );
        assert.equal(error.retryAfterMs, 200, 'searchListingsItems: 5 requests per second');
      }
    } finally {
      await f.close();
    }
  });

  it('a shop in Germany reads and writes the DE marketplace', async () => {
    const f = await startFixture({
      region: 'DE',
      products: [product('B0GERMANY1', { 'SKU-DE': { DEFAULT: 3 } })],
    });
    try {
      const connector = f.connector();
      const page = await connector.listCatalog(null);
      assert.equal(page.items[0]?.itemId, 'B0GERMANY1');
      const ref = { itemId: 'B0GERMANY1', variantId: 'SKU-DE' };
      assert.equal(
        (
          await connector.setStock([
            { listing: ref, stock: [{ warehouseId: 'DEFAULT', quantity: 1 }] },
          ])
        )[0]?.ok,
        true,
      );
      const us = f.connector({ auth: { ...f.auth, region: 'US' } });
      const error: unknown = await us.listCatalog(null).catch((e: unknown) => e);
      assert.ok(
        isConnectorError(error) &&
          error.code === 'REJECTED' &&
          error.platformCode === 'InvalidInput',
      );
    } finally {
      await f.close();
    }
  });
});
