// Proves TikTok Shop request signing follows tiktok-shop.md §1.3: the doc's worked example
// (vector `tiktok-doc-get-authorized-shops`), and which parts enter the signed string.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { signTikTokShopRequest, tiktokStringToSign } from './signing.ts';

/** vectors.json `tiktok-doc-get-authorized-shops` (official doc walkthrough, three methods agree). */
const DOC_VECTOR = {
  appSecret: 'e59af819cc',
  path: '/authorization/202309/shops',
  query: { app_key: '29a39d', timestamp: '1623812664' },
  intermediate: '/authorization/202309/shopsapp_key29a39dtimestamp1623812664',
  expected: 'b596b73e0cc6de07ac26f036364178ab16b0a907af13d43f0a0cd2345f582dc8',
};

describe('signTikTokShopRequest', () => {
  it("reproduces the doc's worked example", () => {
    const input = {
      appSecret: DOC_VECTOR.appSecret,
      path: DOC_VECTOR.path,
      query: DOC_VECTOR.query,
    };
    assert.equal(tiktokStringToSign(input), DOC_VECTOR.intermediate);
    assert.equal(signTikTokShopRequest(input), DOC_VECTOR.expected);
  });

  it('leaves sign and access_token out and sorts the other keys byte-wise', () => {
    const signed = tiktokStringToSign({
      appSecret: 's',
      path: '/p',
      query: { timestamp: '1', sign: 'x', access_token: 'y', app_key: 'k', Zeta: 'z', _u: 'u' },
    });
    // Byte order: 'Z' (0x5a) < '_' (0x5f) < 'a' (0x61).
    assert.equal(signed, '/pZetaz_uuapp_keyktimestamp1');
  });

  it('appends a JSON body as sent, but not an absent body nor a multipart one', () => {
    const base = { appSecret: 's', path: '/p', query: { a: '1' } };
    assert.equal(tiktokStringToSign({ ...base, body: '{"x":1}' }), '/pa1{"x":1}');
    assert.equal(tiktokStringToSign({ ...base, body: undefined }), '/pa1');
    const multipart = { ...base, body: '--b', contentType: 'multipart/form-data; boundary=b' };
    assert.equal(tiktokStringToSign(multipart), '/pa1');
  });

  it('changes when the body, a parameter or the secret changes', () => {
    const base = { appSecret: 's', path: '/p', query: { a: '1' }, body: '{"x":1}' };
    const reference = signTikTokShopRequest(base);
    assert.match(reference, /^[0-9a-f]{64}$/);
    assert.notEqual(signTikTokShopRequest({ ...base, body: '{"x":2}' }), reference);
    assert.notEqual(signTikTokShopRequest({ ...base, query: { a: '2' } }), reference);
    assert.notEqual(signTikTokShopRequest({ ...base, appSecret: 't' }), reference);
  });
});
