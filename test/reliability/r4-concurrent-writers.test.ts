// Proves QUALITY.md R4: 64 concurrent HTTP clients making 3,200 attempts on one SKU with 1,000 in
// stock, through every endpoint that takes stock away from available (holds and transfers), get
// exactly 1,000 successes, on SQLite and on PostgreSQL, and the invariants hold afterwards.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { availableDialects } from '../support/databases.ts';
import { openHttpFixture, type HttpFixture } from '../support/http-fixture.ts';

const STOCK = 1_000;
const ATTEMPTS = 3_200;
const CLIENTS = 64;

interface Endpoint {
  name: string;
  path: string;
  body: (i: number) => unknown;
}

const ENDPOINTS: Endpoint[] = [
  {
    name: 'holds',
    path: '/v1/holds',
    body: (i) => ({ sku: 'A', warehouse: 'GZ', quantity: 1, orderRef: `O-${i}` }),
  },
  {
    name: 'transfers',
    path: '/v1/transfers',
    body: () => ({ from: 'GZ', to: 'US', lines: [{ sku: 'B', quantity: 1 }] }),
  },
];

/** Runs `attempts` requests from `clients` loops, each waiting for its answer before the next. */
async function fire(h: HttpFixture, endpoint: Endpoint): Promise<Map<number, number>> {
  const counts = new Map<number, number>();
  let next = 0;
  const client = async (): Promise<void> => {
    for (let i = next++; i < ATTEMPTS; i = next++) {
      const r = await h.call('POST', endpoint.path, {
        token: h.tokens.operator,
        body: endpoint.body(i),
        headers: { 'idempotency-key': `${endpoint.name}-${i}` },
      });
      counts.set(r.status, (counts.get(r.status) ?? 0) + 1);
    }
  };
  await Promise.all(Array.from({ length: CLIENTS }, client));
  return counts;
}

for (const dialect of await availableDialects()) {
  describe(`R4 on ${dialect}: ${CLIENTS} clients, ${ATTEMPTS} attempts, ${STOCK} in stock`, () => {
    let h: HttpFixture;
    before(async () => {
      h = await openHttpFixture(dialect, { poolSize: 16 });
      const r = await h.call('POST', '/v1/receipts', {
        body: {
          warehouse: 'GZ',
          lines: [
            { sku: 'A', quantity: STOCK },
            { sku: 'B', quantity: STOCK },
          ],
        },
        headers: { 'idempotency-key': 'opening' },
      });
      assert.equal(r.status, 201);
    });
    after(async () => {
      assert.deepEqual(await h.f.invariants(), []);
      await h.close();
    });

    for (const endpoint of ENDPOINTS) {
      it(`exactly ${STOCK} of ${ATTEMPTS} concurrent ${endpoint.name} succeed; the rest are 409`, async () => {
        const counts = await fire(h, endpoint);
        assert.deepEqual(Object.fromEntries(counts), { 201: STOCK, 409: ATTEMPTS - STOCK });
        const sku = endpoint.name === 'holds' ? 'A' : 'B';
        const stock = await h.call('GET', `/v1/stock/${sku}`);
        const gz = (
          stock.body as { warehouses: { warehouse: string; available: number }[] }
        ).warehouses.find((w) => w.warehouse === 'GZ');
        assert.equal(gz?.available, 0);
      });
    }
  });
}
