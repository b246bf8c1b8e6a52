// Proves the catalogue and read side over real HTTP on both engines: SKUs (money as decimal
// strings, bundles), warehouses, settings, the per-warehouse stock board's (view=warehouse)
// status / warehouse / text filters, sorting and paging, and the ledger's filters and cursor paging.
/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-argument -- these tests read untyped JSON responses and assert on their shape */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { availableDialects } from '../../test/support/databases.ts';
import { openHttpFixture, type HttpFixture } from '../../test/support/http-fixture.ts';

for (const dialect of await availableDialects()) {
  describe(`catalogue and stock board over HTTP on ${dialect}`, () => {
    let h: HttpFixture;
    before(async () => {
      h = await openHttpFixture(dialect);
      // GZ: A 40 (normal), B 10 (low), C 0 (zero); D has its own threshold 50, so 40 is low.
      await h.call('POST', '/v1/skus', {
        body: { code: 'D', name: 'Phone case 50% off', lowStockThreshold: 50 },
      });
      const r = await h.call('POST', '/v1/receipts', {
        body: {
          warehouse: 'GZ',
          lines: [
            { sku: 'A', quantity: 40 },
            { sku: 'B', quantity: 10 },
            { sku: 'D', quantity: 40 },
          ],
        },
        headers: { 'idempotency-key': 'seed' },
      });
      assert.equal(r.status, 201);
    });
    after(async () => {
      assert.deepEqual(await h.f.invariants(), []);
      await h.close();
    });

    it('a SKU keeps its cost as minor units and shows it as a decimal string in its currency', async () => {
      const created = await h.call('POST', '/v1/skus', {
        body: {
          code: '手机壳-黑',
          name: '手机壳 黑色',
          unitCost: '12.5',
          currency: 'USD',
          barcode: '6901234567892',
        },
      });
      assert.equal(created.status, 201);
      assert.equal(created.body.unitCost, '12.50');
      const yen = await h.call('PATCH', `/v1/skus/${encodeURIComponent('手机壳-黑')}`, {
        body: { unitCost: '1200', currency: 'JPY' },
      });
      assert.equal(yen.body.unitCost, '1200');
      const bad = await h.call('PATCH', `/v1/skus/${encodeURIComponent('手机壳-黑')}`, {
        body: { unitCost: '1.5', currency: 'JPY' },
      });
      assert.equal(bad.status, 400);
      assert.equal(bad.body.error.details.reason, 'unit_cost_format');
      const noCurrency = await h.call('POST', '/v1/skus', {
        body: { code: 'X1', name: 'x', unitCost: '1.00' },
      });
      assert.equal(noCurrency.status, 400);
    });

    it('creating a SKU twice is 409 SKU_EXISTS; an unknown SKU is 404; a bundle needs existing plain SKUs', async () => {
      assert.equal(
        (await h.call('POST', '/v1/skus', { body: { code: 'A', name: 'again' } })).body.error.code,
        'SKU_EXISTS',
      );
      const missing = await h.call('GET', '/v1/skus/NOPE');
      assert.equal(missing.status, 404);
      assert.equal(missing.body.error.code, 'SKU_NOT_FOUND');
      const kit = await h.call('GET', '/v1/skus/KIT');
      assert.deepEqual(kit.body.components, [
        { sku: 'A', quantity: 2 },
        { sku: 'B', quantity: 1 },
      ]);
      const nested = await h.call('POST', '/v1/skus', {
        body: { code: 'KIT2', name: 'k', components: [{ sku: 'KIT', quantity: 1 }] },
      });
      assert.equal(nested.status, 400);
      assert.equal(nested.body.error.code, 'INVALID_BUNDLE');
    });

    it('warehouses are created, listed, changed, and their kind is checked', async () => {
      const w = await h.call('POST', '/v1/warehouses', {
        body: {
          code: 'FBT-US',
          name: 'Fulfilled by TikTok',
          kind: 'platform_fulfilled',
          country: 'US',
        },
      });
      assert.equal(w.status, 201);
      const patched = await h.call('PATCH', '/v1/warehouses/FBT-US', { body: { active: false } });
      assert.equal(patched.body.active, false);
      assert.equal(patched.body.kind, 'platform_fulfilled');
      const codes = (await h.call('GET', '/v1/warehouses')).body.items.map(
        (x: { code: string }) => x.code,
      );
      assert.deepEqual(codes, ['FBT-US', 'GZ', 'US']);
      const bad = await h.call('POST', '/v1/warehouses', {
        body: { code: 'Z', name: 'z', kind: 'moon' },
      });
      assert.equal(bad.status, 400);
      assert.equal(bad.body.error.details.issues[0].path, 'kind');
    });

    it('the board filters by status, honouring each SKU threshold over the tenant default', async () => {
      const board = await h.call('GET', '/v1/stock?view=warehouse&warehouse=GZ&status=low');
      assert.equal(board.body.view, 'warehouse');
      assert.deepEqual(
        board.body.items.map((r: { sku: string; status: string; lowStockThreshold: number }) => [
          r.sku,
          r.status,
          r.lowStockThreshold,
        ]),
        [
          ['B', 'low', 15],
          ['D', 'low', 50],
        ],
      );
      const normal = await h.call('GET', '/v1/stock?view=warehouse&warehouse=GZ&status=normal');
      assert.deepEqual(
        normal.body.items.map((r: { sku: string }) => r.sku),
        ['A'],
      );
      const zeroOrLow = await h.call(
        'GET',
        '/v1/stock?view=warehouse&warehouse=GZ&status=zero&status=low',
      );
      assert.ok(zeroOrLow.body.items.every((r: { status: string }) => r.status !== 'normal'));
      assert.ok(zeroOrLow.body.items.some((r: { sku: string }) => r.sku === 'C'));
    });

    it('the board text search matches names literally, % included', async () => {
      const r = await h.call('GET', `/v1/stock?view=warehouse&q=${encodeURIComponent('50%')}`);
      assert.deepEqual([...new Set(r.body.items.map((x: { sku: string }) => x.sku))], ['D']);
      const none = await h.call('GET', `/v1/stock?view=warehouse&q=${encodeURIComponent('5_%')}`);
      assert.equal(none.body.total, 0);
    });

    it('the board sorts by available and pages with a stable total', async () => {
      const first = await h.call(
        'GET',
        '/v1/stock?view=warehouse&sort=available&order=desc&limit=2',
      );
      assert.deepEqual(
        first.body.items.map((r: { sku: string; available: number }) => [r.sku, r.available]),
        [
          ['A', 40],
          ['D', 40],
        ],
      );
      const all = await h.call('GET', '/v1/stock?view=warehouse&limit=500');
      const second = await h.call(
        'GET',
        '/v1/stock?view=warehouse&sort=available&order=desc&limit=2&offset=2',
      );
      assert.equal(second.body.total, all.body.total);
      assert.equal(second.body.items[0].available, 10);
      assert.equal((await h.call('GET', '/v1/stock?view=warehouse&limit=501')).status, 400);
    });

    it('the ledger pages by cursor without gaps or repeats, newest first, and filters by kind and SKU', async () => {
      for (const [i, sku] of ['A', 'B', 'A'].entries())
        await h.call('POST', '/v1/holds', {
          body: { sku, warehouse: 'GZ', quantity: 1, orderRef: `O-${i}` },
          headers: { 'idempotency-key': `hk-${i}` },
        });
      const seen: string[] = [];
      let cursor: string | null = '';
      while (cursor !== null) {
        const page: { body: { items: { id: string }[]; nextCursor: string | null } } = await h.call(
          'GET',
          `/v1/movements?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        );
        seen.push(...page.body.items.map((m) => m.id));
        cursor = page.body.nextCursor;
      }
      assert.equal(seen.length, 6, '3 receipt lines + 3 holds');
      assert.deepEqual(
        seen,
        [...seen].sort((a, b) => Number(b) - Number(a)),
      );
      const holdsOfA = await h.call('GET', '/v1/movements?kind=hold&sku=A&order=asc');
      assert.deepEqual(
        holdsOfA.body.items.map((m: { kind: string; referenceId: string }) => [
          m.kind,
          m.referenceId,
        ]),
        [
          ['hold', 'O-0'],
          ['hold', 'O-2'],
        ],
      );
      const holds = await h.call('GET', '/v1/holds?status=held&sku=A');
      assert.deepEqual(
        holds.body.items.map((x: { orderRef: string }) => x.orderRef),
        ['O-2', 'O-0'],
      );
    });

    it('settings change the default low-stock threshold the board uses', async () => {
      const s = await h.call('PATCH', '/v1/settings', { body: { lowStockThreshold: 41 } });
      assert.deepEqual(s.body, { lowStockThreshold: 41, holdExpiryMinutes: 15 });
      const board = await h.call('GET', '/v1/stock?view=warehouse&warehouse=GZ&status=low');
      assert.ok(
        board.body.items.some((r: { sku: string }) => r.sku === 'A'),
        'A with 38 available is now low',
      );
    });
  });
}
