// Proves the stock board's default one-row-per-SKU view over real HTTP on both engines: plain SKUs
// summed over warehouses, bundles equal to bundleAvailable per warehouse summed (components missing,
// at zero or back-ordered), and its warehouse, status and text filters, sorts and paging in SQL.
/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-argument -- these tests read untyped JSON responses and assert on their shape */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { bundleAvailable } from '../domain/bundles.ts';
import { stockStatusOf } from '../domain/stock-level.ts';
import { availableDialects } from '../../test/support/databases.ts';
import { openHttpFixture, type HttpFixture } from '../../test/support/http-fixture.ts';

interface Row {
  sku: string;
  isBundle: boolean;
  onHand: number | null;
  reserved: number | null;
  available: number;
  status: string;
  lowStockThreshold: number;
}

const WAREHOUSES = ['GZ', 'US', 'EU'];
/** `A:40 B:10` → [{sku:'A', quantity:40}, {sku:'B', quantity:10}]: receipt, hold or bundle lines. */
const lines = (spec: string) =>
  spec.split(' ').map((part) => {
    const [sku = '', quantity = ''] = part.split(':');
    return { sku, quantity: Number(quantity) };
  });
const BUNDLES = ['DUO', 'KIT', 'TRIO', 'ZB'];
const EMPTY = { view: 'sku', items: [], limit: 50 };
/** What the seed below leaves, summed over GZ, US and EU (see the per-warehouse notes there). */
const EXPECTED: Record<string, [number | null, number | null, number, string]> = {
  A: [56, 5, 51, 'normal'],
  B: [13, 0, 13, 'low'],
  C: [10, 3, 7, 'low'],
  DUO: [null, null, 6, 'normal'], // GZ 0 (N back-ordered to −3), US 4, EU 2; threshold 5
  E: [0, 0, 0, 'zero'],
  KIT: [null, null, 13, 'low'], // GZ 10, US 0 (no B row there), EU 3
  N: [11, 8, 3, 'low'],
  TRIO: [null, null, 2, 'low'], // GZ 0 (C held down to 0), US 0 (no rows), EU 2
  ZB: [null, null, 0, 'zero'],
};

for (const dialect of await availableDialects()) {
  describe(`stock board, one row per SKU, over HTTP on ${dialect}`, () => {
    let h: HttpFixture;
    const key = (k: string) => ({ 'idempotency-key': k });
    const board = async (query: string): Promise<{ items: Row[]; total: number }> => {
      const r = await h.call('GET', `/v1/stock?${query}`);
      assert.equal(r.status, 200, JSON.stringify(r.body));
      assert.equal(r.body.view, 'sku');
      return r.body as { items: Row[]; total: number };
    };
    /** The SKU codes of a page, space-separated: `A B KIT`. */
    const skus = async (query: string) => (await board(query)).items.map((r) => r.sku).join(' ');

    before(async () => {
      h = await openHttpFixture(dialect); // GZ, US; A, B, C; KIT = 2×A + 1×B
      const post = async (path: string, body: unknown, k?: string) => {
        const r = await h.call('POST', path, { body, headers: k ? key(k) : {} });
        assert.ok(r.status === 201, `${path}: ${JSON.stringify(r.body)}`);
      };
      await post('/v1/warehouses', { code: 'EU', name: 'EU 3PL', kind: 'third_party' });
      await post('/v1/skus', { code: 'N', name: 'SKU N', allowBackorder: true });
      await post('/v1/skus', { code: 'E', name: 'Spare part E', barcode: '6901234567892' });
      const bundle = (code: string, name: string, parts: string, extra = {}) =>
        post('/v1/skus', { code, name, components: lines(parts), ...extra });
      await bundle('DUO', 'Duo kit', 'A:1 N:1', { lowStockThreshold: 5 });
      await bundle('TRIO', 'Trio', 'C:3 B:1');
      await bundle('ZB', 'Empty bundle', 'E:2');
      await post('/v1/receipts', { warehouse: 'GZ', lines: lines('A:40 B:10 C:3 N:5') }, 'r-GZ');
      await post('/v1/receipts', { warehouse: 'US', lines: lines('A:9 N:4') }, 'r-US');
      await post('/v1/receipts', { warehouse: 'EU', lines: lines('A:7 B:3 C:7 N:2') }, 'r-EU');
      // GZ available afterwards: A 35, B 10, C 0, N −3 (back-ordered).
      for (const { sku, quantity } of lines('A:5 C:3 N:8'))
        await post(
          '/v1/holds',
          { sku, warehouse: 'GZ', quantity, orderRef: `O-${sku}`, paid: true },
          `h-${sku}`,
        );
    });
    after(async () => {
      assert.deepEqual(await h.f.invariants(), []);
      await h.close();
    });

    it('is the default view: one row per SKU, bundles included, figures summed over warehouses', async () => {
      const all = await board('limit=500');
      assert.equal(all.total, 9);
      assert.deepEqual(
        Object.fromEntries(
          all.items.map((r) => [r.sku, [r.onHand, r.reserved, r.available, r.status]]),
        ),
        EXPECTED,
      );
      assert.deepEqual(
        all.items.filter((r) => r.isBundle).map((r) => r.sku),
        BUNDLES,
      );
    });

    it("a bundle's row is bundleAvailable per warehouse over its components' stock, summed", async () => {
      const perWarehouse: { warehouse: string; sku: string; available: number }[] = (
        await h.call('GET', '/v1/stock?view=warehouse&limit=500')
      ).body.items;
      // A SKU never stocked in a warehouse has a zero row there in this view.
      const availableIn = (warehouse: string, sku: string) =>
        perWarehouse.find((r) => r.warehouse === warehouse && r.sku === sku)?.available ?? 0;
      const codes: string[] = [];
      const idOf = (code: string) => {
        if (!codes.includes(code)) codes.push(code);
        return codes.indexOf(code);
      };
      for (const code of BUNDLES) {
        const components = (await h.call('GET', `/v1/skus/${code}`)).body.components.map(
          (c: { sku: string; quantity: number }) => ({ skuId: idOf(c.sku), quantity: c.quantity }),
        );
        const here = (w: string) => bundleAvailable(components, (id) => availableIn(w, codes[id]!));
        for (const w of WAREHOUSES) {
          const row = (await board(`warehouse=${w}&q=${code}`)).items.find((r) => r.sku === code);
          assert.equal(row?.available, here(w), `${code} in ${w}`);
        }
        const sum = WAREHOUSES.reduce((acc, w) => acc + here(w), 0);
        const row = (await board(`q=${code}`)).items.find((r) => r.sku === code);
        assert.equal(row?.available, sum, code);
        assert.equal((await h.call('GET', `/v1/stock/${code}`)).body.total.available, sum);
      }
    });

    it('the warehouse filter sums only that warehouse; an unknown warehouse matches nothing', async () => {
      const us = await board('warehouse=US&limit=500');
      assert.equal(
        us.items.map((r) => `${r.sku}:${r.onHand}:${r.available}:${r.status}`).join(' '),
        'A:9:9:low B:0:0:zero C:0:0:zero DUO:null:4:low E:0:0:zero KIT:null:0:zero N:4:4:low ' +
          'TRIO:null:0:zero ZB:null:0:zero',
      );
      const gz = await board('warehouse=GZ&q=N');
      assert.deepEqual(
        gz.items.filter((r) => r.sku === 'N').map((r) => [r.reserved, r.available, r.status]),
        [[8, -3, 'zero']],
      );
      assert.deepEqual(await board('warehouse=MOON'), { ...EMPTY, total: 0, offset: 0 });
    });

    it('each status filter returns exactly the rows showing that status, bundles included', async () => {
      for (const w of ['', ...WAREHOUSES]) {
        const scope = w ? `warehouse=${w}&` : '';
        const all = (await board(`${scope}limit=500`)).items;
        for (const r of all)
          assert.equal(r.status, stockStatusOf(r.available, r.lowStockThreshold));
        for (const status of ['zero', 'low', 'normal']) {
          const filtered = await board(`${scope}status=${status}&limit=500`);
          const expected = all.filter((r) => r.status === status);
          assert.deepEqual(filtered.items, expected, `${w} ${status}`);
          assert.equal(filtered.total, expected.length);
        }
      }
      assert.equal(await skus('status=zero'), 'E ZB');
      assert.equal(await skus('status=low'), 'B C KIT N TRIO');
      assert.equal(await skus('status=normal,zero'), 'A DUO E ZB');
    });

    it('sorts by available either way with bundles in their place, ties by SKU code', async () => {
      const desc = await board('sort=available&order=desc');
      assert.equal(
        desc.items.map((r) => `${r.sku}:${r.available}`).join(' '),
        'A:51 B:13 KIT:13 C:7 DUO:6 N:3 TRIO:2 E:0 ZB:0',
      );
      assert.equal(await skus('sort=available'), 'E ZB TRIO N DUO C B KIT A');
    });

    it('sorting by on hand or reserved puts bundles last in both directions', async () => {
      assert.equal(await skus('sort=onHand&order=desc'), 'A B N C E DUO KIT TRIO ZB');
      assert.equal(await skus('sort=onHand'), 'E C N B A DUO KIT TRIO ZB');
      assert.equal(await skus('sort=reserved&order=desc'), 'N A C B E DUO KIT TRIO ZB');
      assert.equal(await skus('sort=reserved'), 'B E C A N DUO KIT TRIO ZB');
      assert.equal(await skus('sort=name'), 'DUO ZB KIT A B C N E TRIO');
    });

    it('pages without gaps or repeats and with the full total, whichever way it is sorted or filtered', async () => {
      for (const query of [
        'sort=sku',
        'sort=name&order=desc',
        'sort=available&order=desc',
        'status=low&sort=available',
        'sort=onHand',
      ]) {
        const whole = await board(`${query}&limit=500`);
        const pages: Row[] = [];
        for (let offset = 0; offset < whole.total + 2; offset += 2) {
          const page = await board(`${query}&limit=2&offset=${offset}`);
          assert.equal(page.total, whole.total, query);
          pages.push(...page.items);
        }
        assert.deepEqual(pages, whole.items, query);
      }
      assert.equal((await board('status=low&limit=2')).total, 5);
      assert.deepEqual(await board('offset=100'), { ...EMPTY, total: 9, offset: 100 });
      assert.deepEqual(await board('status=low&offset=100'), { ...EMPTY, total: 5, offset: 100 });
    });

    it('text search matches code, name or barcode and combines with the other filters', async () => {
      assert.equal(await skus('q=kit'), 'DUO KIT');
      assert.equal(await skus('q=kit&status=low'), 'KIT');
      assert.equal(await skus('q=6901234'), 'E');
      assert.equal((await board(`q=${encodeURIComponent('k_t')}`)).total, 0, '_ is literal');
    });

    it('another tenant with the same codes changes none of these sums', async () => {
      const rival = async (path: string, body: unknown, k?: string) =>
        h.call('POST', path, { token: h.tokens.rival, body, headers: k ? key(k) : {} });
      await rival('/v1/warehouses', { code: 'GZ', name: 'GZ', kind: 'domestic' });
      await rival('/v1/skus', { code: 'A', name: 'Rival A' });
      await rival('/v1/skus', { code: 'KIT', name: 'Rival kit', components: lines('A:1') });
      const r = await rival('/v1/receipts', { warehouse: 'GZ', lines: lines('A:1000') }, 'rr');
      assert.equal(r.status, 201);
      const mine = (await board('q=A&limit=500')).items.find((x) => x.sku === 'A');
      assert.equal(mine?.onHand, 56);
      assert.equal((await board('q=KIT')).items.find((x) => x.sku === 'KIT')?.available, 13);
      const theirs = await h.call('GET', '/v1/stock', { token: h.tokens.rival });
      const theirRows = theirs.body.items as Row[];
      assert.equal(theirRows.map((x) => `${x.sku}:${x.available}`).join(' '), 'A:1000 KIT:1000');
    });

    it('refuses sort=warehouse and unknown views with 400; view=warehouse still lists plain SKUs per warehouse', async () => {
      const bad = await h.call('GET', '/v1/stock?sort=warehouse');
      assert.equal(bad.status, 400);
      assert.equal(bad.body.error.code, 'VALIDATION_FAILED');
      assert.equal(bad.body.error.details.issues[0].path, 'sort');
      assert.equal((await h.call('GET', '/v1/stock?view=shelf')).status, 400);
      const rows = await h.call('GET', '/v1/stock?view=warehouse&sort=warehouse&limit=500');
      assert.equal(rows.body.view, 'warehouse');
      assert.equal(rows.body.total, 5 * WAREHOUSES.length, 'A, B, C, E, N in GZ, US and EU');
      assert.ok(rows.body.items.every((r: { sku: string }) => !BUNDLES.includes(r.sku)));
    });
  });
}
