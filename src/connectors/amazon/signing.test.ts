// Proves Amazon's request "signing" follows amazon.md §4.1 with every Amazon vector of
// vectors.json: no signature, only the token, date and user-agent headers; the LWA refresh body;
// and the patch body that sets the MFN quantity.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { toFulfillmentPatch } from './mapping.ts';
import { amazonRequestHeaders, amzDate, lwaRefreshBody } from './signing.ts';

interface Vector {
  platform: string;
  id: string;
  inputs: Record<string, unknown>;
  expected: unknown;
}

const VECTORS_PATH = '/work/shared/platforms/vectors.json';

/** The vectors file when present (it lives beside the fact sheets), else the copies below. */
function amazonVectors(): Map<string, Vector> {
  let all: Vector[] = [];
  try {
    all = JSON.parse(readFileSync(VECTORS_PATH, 'utf8')) as Vector[];
  } catch {
    all = [];
  }
  return new Map(all.filter((v) => v.platform === 'amazon').map((v) => [v.id, v]));
}

/** Copies of the three Amazon vectors (vectors.json, platform "amazon"). */
const COPIES = {
  headers: { 'x-amz-access-token': 'Atza|EXAMPLE', 'x-amz-date': '20240101T000000Z' },
  lwa: {
    inputs: {
      client_id: 'amzn1.application-oa2-client.0123456789abcdef',
      client_secret: 'amzn1.oa2-cs.v1.secret',
      refresh_token: 'Atzr|IwEBIEXAMPLE',
    },
    json_body:
      '{"client_id":"amzn1.application-oa2-client.0123456789abcdef","client_secret":"amzn1.oa2-cs.v1.secret","grant_type":"refresh_token","refresh_token":"Atzr|IwEBIEXAMPLE"}',
  },
  patch: {
    productType: 'PRODUCT',
    patches: [
      {
        op: 'replace',
        path: '/attributes/fulfillment_availability',
        value: [{ fulfillment_channel_code: 'DEFAULT', quantity: 42 }],
      },
    ],
  },
};

describe('Amazon request vectors', () => {
  const vectors = amazonVectors();

  it('the vectors file holds exactly the three Amazon vectors these tests cover', () => {
    if (vectors.size === 0) return;
    assert.deepEqual([...vectors.keys()].sort(), [
      'amazon-lwa-refresh-request',
      'amazon-no-signature',
      'amazon-patch-fulfillment-availability',
    ]);
  });

  it('amazon-no-signature: a call carries the token, x-amz-date and a user agent, and no signature', () => {
    const vector = vectors.get('amazon-no-signature');
    const expected =
      (vector?.inputs.headers as Record<string, string> | undefined) ?? COPIES.headers;
    const headers = amazonRequestHeaders('Atza|EXAMPLE', Date.parse('2024-01-01T00:00:00Z'));
    assert.equal(headers['x-amz-access-token'], expected['x-amz-access-token']);
    assert.equal(headers['x-amz-date'], expected['x-amz-date']);
    assert.match(headers['user-agent'] ?? '', /^[^/]+\/[\d.]+ \(Language=TypeScript\)$/);
    assert.equal(vector?.expected ?? null, null, 'the vector expects no signature');
    for (const name of Object.keys(headers))
      assert.ok(!/authorization|signature|sign/i.test(name), `${name} looks like a signature`);
  });

  it('amazon-lwa-refresh-request: the refresh body is the exact JSON of the vector', () => {
    const vector = vectors.get('amazon-lwa-refresh-request');
    const inputs = (vector?.inputs as typeof COPIES.lwa.inputs | undefined) ?? COPIES.lwa.inputs;
    const expected =
      (vector?.expected as { json_body?: string } | undefined)?.json_body ?? COPIES.lwa.json_body;
    const body = lwaRefreshBody({
      clientId: inputs.client_id,
      clientSecret: inputs.client_secret,
      refreshToken: inputs.refresh_token,
    });
    assert.equal(body, expected);
  });

  it('amazon-patch-fulfillment-availability: the patch sets DEFAULT to the quantity', () => {
    const vector = vectors.get('amazon-patch-fulfillment-availability');
    const quantity = (vector?.inputs.quantity as number | undefined) ?? 42;
    const expected = vector?.expected ?? COPIES.patch;
    assert.deepEqual(toFulfillmentPatch('PRODUCT', quantity), expected);
  });

  it('x-amz-date is the basic ISO 8601 form in UTC', () => {
    assert.equal(amzDate(Date.parse('2026-11-28T09:05:07.123Z')), '20261128T090507Z');
  });
});
