// Proves WooCommerce authentication follows woocommerce.md §6.1 and its worked examples in
// vectors.json: the OAuth 1.0a HMAC-SHA256 signature (vector woocommerce-oauth1-get-product, with
// its intermediate base string), the webhook signature (vector woocommerce-webhook-signature),
// RFC 3986 encoding and sorting of the signed parameters, and the Basic header for https.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  basicAuthorization,
  oauthQuery,
  rfc3986Encode,
  signWooOAuth,
  wooOAuthBaseString,
} from './signing.ts';
import { wooWebhookSignature } from './webhook.ts';

/** vectors.json `woocommerce-oauth1-get-product` (own, Python, oauth-1.0a and PHP agree). */
const OAUTH_VECTOR = {
  consumerKey: 'ck_0123456789abcdef0123456789abcdef01234567',
  consumerSecret: 'cs_0123456789abcdef0123456789abcdef01234567',
  url: 'http://example.com/wp-json/wc/v3/products/93',
  nonce: 'kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg',
  timestamp: 1700000000,
  baseString:
    'GET&http%3A%2F%2Fexample.com%2Fwp-json%2Fwc%2Fv3%2Fproducts%2F93&oauth_consumer_key%3Dck_0123456789abcdef0123456789abcdef01234567%26oauth_nonce%3DkYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg%26oauth_signature_method%3DHMAC-SHA256%26oauth_timestamp%3D1700000000%26oauth_version%3D1.0',
  expected: 'IoARL0Nfe1jYsLBfB2r6KzP209DS3l0iiIOQCMfA8EI=',
};

/** vectors.json `woocommerce-webhook-signature`. */
const WEBHOOK_VECTOR = {
  secret: 'wc_webhook_secret_0123456789',
  body: '{"id":727,"status":"processing","line_items":[{"id":315,"product_id":93,"variation_id":0,"quantity":2,"sku":"WOO-ALBUM"}]}',
  expected: '+fRxa1Iz5iuyt6Bd4m+ozPum07mNZRkwSHbezh5mdhM=',
};

describe('WooCommerce OAuth 1.0a signing', () => {
  const vectorParams = {
    oauth_consumer_key: OAUTH_VECTOR.consumerKey,
    oauth_nonce: OAUTH_VECTOR.nonce,
    oauth_signature_method: 'HMAC-SHA256',
    oauth_timestamp: String(OAUTH_VECTOR.timestamp),
    oauth_version: '1.0',
  };

  it('reproduces the worked example: base string and signature', () => {
    const input = { method: 'GET', url: OAUTH_VECTOR.url, params: vectorParams };
    assert.equal(wooOAuthBaseString(input), OAUTH_VECTOR.baseString);
    assert.equal(signWooOAuth(input, OAUTH_VECTOR.consumerSecret), OAUTH_VECTOR.expected);
  });

  it('builds the signed query of the worked example from the request and the clock', () => {
    const query = oauthQuery({
      method: 'GET',
      url: OAUTH_VECTOR.url,
      query: {},
      consumerKey: OAUTH_VECTOR.consumerKey,
      consumerSecret: OAUTH_VECTOR.consumerSecret,
      nowMs: OAUTH_VECTOR.timestamp * 1000 + 999,
      nonce: OAUTH_VECTOR.nonce,
    });
    assert.deepEqual(query, { ...vectorParams, oauth_signature: OAUTH_VECTOR.expected });
  });

  it('signs the query parameters too, encoded per RFC 3986 and sorted byte-wise, but never the signature', () => {
    const base = wooOAuthBaseString({
      method: 'get',
      url: 'http://s.example/wp-json/wc/v3/orders',
      params: { per_page: '100', 'a b': "x*y!'()~", Zeta: '1', oauth_signature: 'ignored' },
    });
    assert.equal(
      base,
      'GET&http%3A%2F%2Fs.example%2Fwp-json%2Fwc%2Fv3%2Forders&Zeta%3D1%26a%2520b%3Dx%252Ay%2521%2527%2528%2529~%26per_page%3D100',
    );
  });

  it('encodes as PHP rawurlencode: only unreserved characters stay', () => {
    assert.equal(rfc3986Encode("A-z0_9.~ !*'()/+:"), 'A-z0_9.~%20%21%2A%27%28%29%2F%2B%3A');
  });

  it('changes with the URL, a parameter or the secret', () => {
    const input = { method: 'GET', url: OAUTH_VECTOR.url, params: vectorParams };
    const reference = signWooOAuth(input, 's');
    assert.notEqual(signWooOAuth({ ...input, url: `${OAUTH_VECTOR.url}0` }, 's'), reference);
    assert.notEqual(
      signWooOAuth({ ...input, params: { ...vectorParams, page: '2' } }, 's'),
      reference,
    );
    assert.notEqual(signWooOAuth(input, 't'), reference);
  });
});

describe('WooCommerce Basic and webhook signatures', () => {
  it('builds the Basic header from the consumer key and secret (https stores)', () => {
    assert.equal(
      basicAuthorization('ck_abc', 'cs_def'),
      `Basic ${Buffer.from('ck_abc:cs_def').toString('base64')}`,
    );
    assert.equal(basicAuthorization('ck_abc', 'cs_def'), 'Basic Y2tfYWJjOmNzX2RlZg==');
  });

  it('reproduces the webhook worked example: base64 HMAC-SHA256 of the raw body', () => {
    const signature = wooWebhookSignature(WEBHOOK_VECTOR.secret, Buffer.from(WEBHOOK_VECTOR.body));
    assert.equal(signature, WEBHOOK_VECTOR.expected);
  });
});
