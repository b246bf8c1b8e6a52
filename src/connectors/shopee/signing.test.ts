/**
 * Proves the Shopee signing rule (shopee.md §2.3) reproduces the published vectors in
 * /work/shared/platforms/vectors.json for both the shop-level and the public base string.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { shopeeBaseString, signShopeeRequest, signedCommonParams } from './signing.ts';

// Vector inputs shared by shopee-shop-update-stock and shopee-public-refresh-token.
const PARTNER_KEY = 'shpk_test_partner_key_0123456789abcdef';
const PARTNER_ID = '2001887';
const TIMESTAMP = 1655714431;

describe('Shopee request signing', () => {
  it('signs a shop API call over partner_id, path, timestamp, access_token and shop_id (vector shopee-shop-update-stock)', () => {
    const input = {
      partnerId: PARTNER_ID,
      partnerKey: PARTNER_KEY,
      path: '/api/v2/product/update_stock',
      timestampSec: TIMESTAMP,
      shop: { accessToken: '59777174636562737266615546704c6d', shopId: '14701711' },
    };
    assert.equal(
      shopeeBaseString(input),
      '2001887/api/v2/product/update_stock165571443159777174636562737266615546704c6d14701711',
    );
    assert.equal(
      signShopeeRequest(input),
      '4d2ca753aaa15beacea371c44968521bc0e8d89def130abb51f640249c0fe913',
    );
  });

  it('signs a public API call over partner_id, path and timestamp only (vector shopee-public-refresh-token)', () => {
    const input = {
      partnerId: PARTNER_ID,
      partnerKey: PARTNER_KEY,
      path: '/api/v2/auth/access_token/get',
      timestampSec: TIMESTAMP,
    };
    assert.equal(shopeeBaseString(input), '2001887/api/v2/auth/access_token/get1655714431');
    assert.equal(
      signShopeeRequest(input),
      'ca06ff27a1874ee513ee42fab3e8ca785f7beeccabd10fefda62b5833297209a',
    );
  });

  it('puts the common parameters and the sign in the query, with the token only for shop calls', () => {
    const shopParams = signedCommonParams({
      partnerId: PARTNER_ID,
      partnerKey: PARTNER_KEY,
      path: '/api/v2/product/update_stock',
      timestampSec: TIMESTAMP,
      shop: { accessToken: '59777174636562737266615546704c6d', shopId: '14701711' },
    });
    assert.deepEqual(
      [...shopParams.keys()],
      ['partner_id', 'timestamp', 'access_token', 'shop_id', 'sign'],
    );
    assert.equal(
      shopParams.get('sign'),
      '4d2ca753aaa15beacea371c44968521bc0e8d89def130abb51f640249c0fe913',
    );
    const publicParams = signedCommonParams({
      partnerId: PARTNER_ID,
      partnerKey: PARTNER_KEY,
      path: '/api/v2/auth/access_token/get',
      timestampSec: TIMESTAMP,
    });
    assert.deepEqual([...publicParams.keys()], ['partner_id', 'timestamp', 'sign']);
  });
});
