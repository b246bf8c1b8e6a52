/**
 * Proves setStock against the Shopee emulator over real HTTP: absolute seller stock per location,
 * one update_stock call per item (at most 50 models, a repeated model in a later call), per-model
 * results on a partial failure, model_id 0 for items without models, per-listing failures for a
 * refused item, and a throttled call surfacing as RATE_LIMITED.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ConnectorError } from '../errors.ts';
import { SHOP_ID, startShopeeFixture, type ShopeeFixture } from './emulator-fixture.ts';

const UPDATE_STOCK = '/api/v2/product/update_stock';

describe('Shopee connector stock pushes', () => {
  let fixture: ShopeeFixture;

  before(async () => {
    fixture = await startShopeeFixture({ warehouseIds: ['SGZ', 'SGW'] });
    fixture.emulator.seedProducts(SHOP_ID, [
      {
        itemId: '500',
        title: 'Mug',
        variants: [{ variantId: '0', sellerSku: 'MUG', stock: { SGZ: 1, SGW: 1 } }],
      },
      {
        itemId: '600',
        title: 'Tee',
        variants: Array.from({ length: 60 }, (_, i) => ({
          variantId: String(6000 + i),
          sellerSku: `TEE-${i}`,
          stock: { SGZ: 0 },
        })),
      },
    ]);
  });
  after(() => fixture.close());

  const writes = () => fixture.emulator.stats().requests[UPDATE_STOCK] ?? 0;

  it('sets seller stock per location for an item without models (model id 0)', async () => {
    const results = await fixture.connector.setStock([
      {
        listing: { itemId: '500', variantId: '0' },
        stock: [
          { warehouseId: 'SGZ', quantity: 12 },
          { warehouseId: 'SGW', quantity: 3 },
        ],
      },
    ]);
    assert.deepEqual(results, [{ listing: { itemId: '500', variantId: '0' }, ok: true }]);
    const shown = fixture.emulator.shownStock(SHOP_ID, { itemId: '500', variantId: '0' });
    assert.deepEqual(
      shown.map((s) => [s.warehouseId, s.available]),
      [
        ['SGZ', 12],
        ['SGW', 3],
      ],
    );
  });

  it('splits 60 models of one item into calls of 50 and 10, results in the order given', async () => {
    const before = writes();
    const items = Array.from({ length: 60 }, (_, i) => ({
      listing: { itemId: '600', variantId: String(6000 + i) },
      stock: [{ warehouseId: 'SGZ', quantity: i }],
    }));
    const results = await fixture.connector.setStock(items);
    assert.equal(writes() - before, 2);
    assert.ok(results.every((r, i) => r.ok && r.listing.variantId === String(6000 + i)));
    assert.equal(
      fixture.emulator.shownStock(SHOP_ID, { itemId: '600', variantId: '6059' })[0]?.available,
      59,
    );
  });

  it('fails only the unknown model of a partial failure and applies the others', async () => {
    const results = await fixture.connector.setStock([
      {
        listing: { itemId: '600', variantId: '6001' },
        stock: [{ warehouseId: 'SGZ', quantity: 41 }],
      },
      {
        listing: { itemId: '600', variantId: '9999' },
        stock: [{ warehouseId: 'SGZ', quantity: 5 }],
      },
      { listing: { itemId: '500', variantId: '0' }, stock: [{ warehouseId: 'SGZ', quantity: 8 }] },
    ]);
    assert.equal(results[0]?.ok, true);
    assert.equal(results[2]?.ok, true);
    const failed = results[1];
    assert.ok(failed && !failed.ok);
    assert.equal(failed.platformCode, 'error_busi_update_stock_failed');
    assert.equal(failed.retryable, false);
    assert.equal(
      fixture.emulator.shownStock(SHOP_ID, { itemId: '600', variantId: '6001' })[0]?.available,
      41,
    );
  });

  it('sends a listing repeated in one batch in a later call, so the last figure wins', async () => {
    const before = writes();
    const results = await fixture.connector.setStock([
      {
        listing: { itemId: '600', variantId: '6002' },
        stock: [{ warehouseId: 'SGZ', quantity: 1 }],
      },
      {
        listing: { itemId: '600', variantId: '6002' },
        stock: [{ warehouseId: 'SGZ', quantity: 2 }],
      },
    ]);
    assert.ok(results.every((r) => r.ok));
    assert.equal(writes() - before, 2);
    assert.equal(
      fixture.emulator.shownStock(SHOP_ID, { itemId: '600', variantId: '6002' })[0]?.available,
      2,
    );
  });

  it('fails the listings of a refused item without failing the rest of the batch', async () => {
    const results = await fixture.connector.setStock([
      { listing: { itemId: '777', variantId: '0' }, stock: [{ warehouseId: 'SGZ', quantity: 1 }] },
      { listing: { itemId: '500', variantId: '0' }, stock: [{ warehouseId: 'XXX', quantity: 1 }] },
      {
        listing: { itemId: 'not-a-number', variantId: '0' },
        stock: [{ warehouseId: 'SGZ', quantity: 1 }],
      },
      {
        listing: { itemId: '600', variantId: '6003' },
        stock: [{ warehouseId: 'SGZ', quantity: 3 }],
      },
    ]);
    const codes = results.map((r) => (r.ok ? 'ok' : r.platformCode));
    assert.deepEqual(codes, ['error_item_not_found', 'error_auth', 'invalid_listing_ref', 'ok']);
  });

  it('surfaces a throttled call as a retryable RATE_LIMITED error', async () => {
    const throttled = await startShopeeFixture({ emulator: { rateLimitPerSecond: 1 } });
    try {
      throttled.emulator.seedProducts(SHOP_ID, [
        {
          itemId: '500',
          title: 'Mug',
          variants: [{ variantId: '0', sellerSku: 'MUG', stock: { SGZ: 1 } }],
        },
      ]);
      const push = () =>
        throttled.connector.setStock([
          {
            listing: { itemId: '500', variantId: '0' },
            stock: [{ warehouseId: null, quantity: 4 }],
          },
        ]);
      const outcomes = await Promise.allSettled(Array.from({ length: 10 }, push));
      const errors = outcomes.flatMap((o) =>
        o.status === 'rejected' ? [o.reason as unknown] : [],
      );
      // A bucket of one per second: most of a burst of ten is refused even on a slow machine.
      assert.ok(errors.length >= 5, `expected throttles, got ${errors.length}`);
      for (const error of errors) {
        assert.ok(error instanceof ConnectorError);
        assert.equal(error.code, 'RATE_LIMITED');
        assert.equal(error.platformCode, 'error_rate_limit');
        assert.equal(error.retryable, true);
      }
      assert.equal(throttled.emulator.stats().throttled, errors.length);
    } finally {
      await throttled.close();
    }
  });
});
