/**
 * Proves listCatalog against the Shopee emulator over real HTTP: it pages through get_item_list
 * 100 items at a time, completes each page with get_item_base_info in batches of 50 and with
 * get_model_list for items with models, and reports one listing per model (model id '0' for
 * items without models) with its seller SKU and seller stock.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { PlatformListing } from '../contract.ts';
import type { EmulatedProductSeed } from '../../../sandbox/kit/emulator.ts';
import { SHOP_ID, startShopeeFixture, type ShopeeFixture } from './emulator-fixture.ts';

const ITEMS = 230;

/** Every 10th item has three models; the others have none. */
function products(): EmulatedProductSeed[] {
  return Array.from({ length: ITEMS }, (_, i) => {
    const itemId = String(100_000 + i);
    if (i % 10 === 0) {
      return {
        itemId,
        title: `Tee ${i}`,
        variants: [1, 2, 3].map((m) => ({
          variantId: String(i * 10 + m),
          sellerSku: `TEE-${i}-${m}`,
          stock: { SGZ: m },
        })),
      };
    }
    return {
      itemId,
      title: `Mug ${i}`,
      variants: [{ variantId: '0', sellerSku: `MUG-${i}`, stock: { SGZ: i } }],
    };
  });
}

describe('Shopee connector catalogue', () => {
  let fixture: ShopeeFixture;
  const pages: PlatformListing[][] = [];

  before(async () => {
    fixture = await startShopeeFixture();
    fixture.emulator.seedProducts(SHOP_ID, products());
    let token: string | null = null;
    do {
      const page = await fixture.connector.listCatalog(token);
      pages.push(page.items);
      token = page.nextPageToken;
    } while (token !== null);
  });
  after(() => fixture.close());

  it('walks three pages of get_item_list and stops on the last', () => {
    assert.equal(pages.length, 3);
    const stats = fixture.emulator.stats();
    assert.equal(stats.requests['/api/v2/product/get_item_list'], 3);
    // 100 + 100 + 30 items in batches of at most 50.
    assert.equal(stats.requests['/api/v2/product/get_item_base_info'], 5);
    assert.equal(stats.requests['/api/v2/product/get_model_list'], ITEMS / 10);
  });

  it('reports one listing per model and one per item without models', () => {
    const listings = pages.flat();
    assert.equal(listings.length, (ITEMS / 10) * 3 + (ITEMS - ITEMS / 10));
    assert.equal(new Set(listings.map((l) => `${l.itemId}/${l.variantId}`)).size, listings.length);
  });

  it('reads seller SKU and seller stock per location, model_id 0 for an item without models', () => {
    const listings = pages.flat();
    const mug = listings.find((l) => l.itemId === '100007');
    assert.deepEqual(mug, {
      itemId: '100007',
      variantId: '0',
      sellerSku: 'MUG-7',
      title: 'Mug 7',
      stock: [{ warehouseId: 'SGZ', available: 7, committed: 0 }],
    });
    const tee = listings.find((l) => l.itemId === '100020' && l.variantId === '202');
    assert.equal(tee?.sellerSku, 'TEE-20-2');
    assert.deepEqual(tee?.stock, [{ warehouseId: 'SGZ', available: 2, committed: 0 }]);
  });
});
