// Proves that a seller can run the whole stock flow over real HTTP on both engines — receipts,
// holds (plain and bundle) through confirm / ship / release, stock-takes, returns and transfers —
// with idempotent retries, typed 4xx errors that write nothing, and the ledger invariants intact.
/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-argument -- these tests read untyped JSON responses and assert on their shape */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { availableDialects } from '../../test/support/databases.ts';
import { openHttpFixture, type HttpFixture } from '../../test/support/http-fixture.ts';

for (const dialect of await availableDialects()) {
  describe(`stock flow over HTTP on ${dialect}`, () => {
    let h: HttpFixture;
    before(async () => {
      h = await openHttpFixture(dialect);
    });
    after(async () => {
      assert.deepEqual(await h.f.invariants(), []);
      await h.close();
    });

    const key = (k: string) => ({ 'idempotency-key': k });
    const stockOf = async (sku: string, warehouse = 'GZ') => {
      const r = await h.call('GET', `/v1/stock/${sku}`);
      assert.equal(r.status, 200);
      const w = r.body.warehouses.find((x: { warehouse: string }) => x.warehouse === warehouse);
      return { onHand: w.onHand, reserved: w.reserved, available: w.available };
    };
    const inTransitOf = async (sku: string, warehouse: string) => {
      const r = await h.call('GET', `/v1/stock/${sku}`);
      const w = r.body.warehouses.find((x: { warehouse: string }) => x.warehouse === warehouse);
      return { here: w.inTransit as number, total: r.body.total.inTransit as number };
    };

    it('a receipt answers 201, and its retry with the same key answers 200 with the same result', async () => {
      const body = {
        warehouse: 'GZ',
        reference: 'PO-1',
        lines: [
          { sku: 'A', quantity: 30 },
          { sku: 'B', quantity: 10 },
        ],
      };
      const first = await h.call('POST', '/v1/receipts', { body, headers: key('po-1') });
      assert.equal(first.status, 201);
      assert.equal(first.body.replayed, false);
      const again = await h.call('POST', '/v1/receipts', { body, headers: key('po-1') });
      assert.equal(again.status, 200);
      assert.equal(again.headers.get('idempotent-replayed'), 'true');
      assert.deepEqual({ ...again.body, replayed: false }, first.body);
      assert.deepEqual(await stockOf('A'), { onHand: 30, reserved: 0, available: 30 });
    });

    it('a key reused for a different request is refused with 409 and changes nothing', async () => {
      const r = await h.call('POST', '/v1/receipts', {
        body: { warehouse: 'GZ', lines: [{ sku: 'A', quantity: 1 }] },
        headers: key('po-1'),
      });
      assert.equal(r.status, 409);
      assert.equal(r.body.error.code, 'IDEMPOTENCY_KEY_REUSED');
      assert.deepEqual(await stockOf('A'), { onHand: 30, reserved: 0, available: 30 });
    });

    it('a stock change without an Idempotency-Key is refused with 400 before anything is written', async () => {
      const r = await h.call('POST', '/v1/holds', {
        body: { sku: 'A', warehouse: 'GZ', quantity: 1, orderRef: 'O' },
      });
      assert.equal(r.status, 400);
      assert.equal(r.body.error.code, 'IDEMPOTENCY_KEY_REQUIRED');
      assert.deepEqual(await stockOf('A'), { onHand: 30, reserved: 0, available: 30 });
    });

    it('a hold that cannot be met is a 409 naming SKU, warehouse, asked and available, in the caller language', async () => {
      const r = await h.call('POST', '/v1/holds', {
        body: { sku: 'A', warehouse: 'GZ', quantity: 31, orderRef: 'O-big' },
        headers: { ...key('h-big'), 'accept-language': 'zh-CN,zh;q=0.9' },
      });
      assert.equal(r.status, 409);
      assert.deepEqual(r.body.error.details, {
        sku: 'A',
        warehouse: 'GZ',
        requested: 31,
        available: 30,
      });
      assert.match(r.body.error.message, /可用库存不足/);
      assert.deepEqual(await stockOf('A'), { onHand: 30, reserved: 0, available: 30 });
    });

    it('hold → confirm → ship takes stock off the shelf; repeating a step returns the hold unchanged', async () => {
      const hold = await h.call('POST', '/v1/holds', {
        body: { sku: 'A', warehouse: 'GZ', quantity: 4, orderRef: 'O-1', lineRef: 'L-1' },
        headers: key('h-1'),
      });
      assert.equal(hold.status, 201);
      assert.equal(hold.body.status, 'held');
      assert.deepEqual(await stockOf('A'), { onHand: 30, reserved: 4, available: 26 });
      const id: string = hold.body.id;
      assert.equal((await h.call('POST', `/v1/holds/${id}/confirm`)).body.status, 'confirmed');
      assert.equal((await h.call('POST', `/v1/holds/${id}/confirm`)).status, 200);
      const shipped = await h.call('POST', `/v1/holds/${id}/ship`);
      assert.equal(shipped.body.status, 'shipped');
      assert.deepEqual(await stockOf('A'), { onHand: 26, reserved: 0, available: 26 });
      const late = await h.call('POST', `/v1/holds/${id}/release`);
      assert.equal(late.status, 409);
      assert.equal(late.body.error.code, 'INVALID_HOLD_TRANSITION');
      const fetched = await h.call('GET', `/v1/holds/${id}`);
      assert.equal(fetched.body.status, 'shipped');
      assert.equal(fetched.body.lineRef, 'L-1');
    });

    it('a bundle hold reserves every component, and releasing it frees them all', async () => {
      const hold = await h.call('POST', '/v1/holds', {
        body: { sku: 'KIT', warehouse: 'GZ', quantity: 3, orderRef: 'O-kit' },
        headers: key('h-kit'),
      });
      assert.equal(hold.status, 201);
      assert.deepEqual(hold.body.lines, [
        { sku: 'A', quantity: 6 },
        { sku: 'B', quantity: 3 },
      ]);
      const kit = await h.call('GET', '/v1/stock/KIT');
      // A: 26 − 6 = 20 → 10 kits; B: 10 − 3 = 7 → 7 kits.
      assert.equal(
        kit.body.warehouses.find((w: { warehouse: string }) => w.warehouse === 'GZ').available,
        7,
      );
      const released = await h.call('POST', `/v1/holds/${hold.body.id}/release`);
      assert.equal(released.body.status, 'released');
      assert.deepEqual(await stockOf('B'), { onHand: 10, reserved: 0, available: 10 });
    });

    it('an unknown hold id is 404 HOLD_NOT_FOUND', async () => {
      const r = await h.call('POST', '/v1/holds/hld_nope/confirm');
      assert.equal(r.status, 404);
      assert.equal(r.body.error.code, 'HOLD_NOT_FOUND');
    });

    it('a stock-take sets on hand to the count and reports the difference; below reserved is a 409', async () => {
      const hold = await h.call('POST', '/v1/holds', {
        body: {
          sku: 'C',
          warehouse: 'GZ',
          quantity: 1,
          orderRef: 'O-c',
          paid: true,
          expiresInMinutes: 5,
        },
        headers: key('h-c'),
      });
      assert.equal(hold.status, 409, 'C has no stock yet');
      const st = await h.call('POST', '/v1/stocktakes', {
        body: {
          warehouse: 'GZ',
          reference: 'ST-1',
          lines: [
            { sku: 'A', counted: 25 },
            { sku: 'C', counted: 5 },
          ],
        },
        headers: key('st-1'),
      });
      assert.equal(st.status, 201);
      assert.deepEqual(st.body.lines, [
        { sku: 'A', counted: 25, previousOnHand: 26, delta: -1 },
        { sku: 'C', counted: 5, previousOnHand: 0, delta: 5 },
      ]);
      const paid = await h.call('POST', '/v1/holds', {
        body: { sku: 'C', warehouse: 'GZ', quantity: 4, orderRef: 'O-c2', paid: true },
        headers: key('h-c2'),
      });
      assert.equal(paid.body.status, 'confirmed');
      assert.equal(paid.body.expiresAt, null);
      const below = await h.call('POST', '/v1/stocktakes', {
        body: { warehouse: 'GZ', lines: [{ sku: 'C', counted: 3 }] },
        headers: key('st-2'),
      });
      assert.equal(below.status, 409);
      assert.equal(below.body.error.code, 'COUNT_BELOW_RESERVED');
    });

    it('a return puts goods back, and a bundle line in it is refused as not stockable', async () => {
      const ok = await h.call('POST', '/v1/returns', {
        body: { warehouse: 'GZ', reference: 'O-1', lines: [{ sku: 'A', quantity: 1 }] },
        headers: key('ret-1'),
      });
      assert.equal(ok.status, 201);
      assert.deepEqual(await stockOf('A'), { onHand: 26, reserved: 0, available: 26 });
      const bundle = await h.call('POST', '/v1/returns', {
        body: { warehouse: 'GZ', lines: [{ sku: 'KIT', quantity: 1 }] },
        headers: key('ret-2'),
      });
      assert.equal(bundle.status, 400);
      assert.equal(bundle.body.error.code, 'BUNDLE_NOT_STOCKABLE');
    });

    it('a transfer leaves the source at once and arrives when received, once', async () => {
      const t = await h.call('POST', '/v1/transfers', {
        body: {
          from: 'GZ',
          to: 'US',
          expectedAt: '2026-12-10T00:00:00+08:00',
          lines: [{ sku: 'A', quantity: 6 }],
        },
        headers: key('trf-1'),
      });
      assert.equal(t.status, 201);
      assert.equal(t.body.status, 'in_transit');
      assert.equal(t.body.expectedAt, '2026-12-09T16:00:00.000Z');
      assert.deepEqual(await stockOf('A', 'GZ'), { onHand: 20, reserved: 0, available: 20 });
      assert.deepEqual(await stockOf('A', 'US'), { onHand: 0, reserved: 0, available: 0 });
      assert.deepEqual(await inTransitOf('A', 'US'), { here: 6, total: 6 });
      assert.deepEqual(await inTransitOf('A', 'GZ'), { here: 0, total: 6 });
      for (let i = 0; i < 2; i++) {
        const received = await h.call('POST', `/v1/transfers/${t.body.id}/receive`);
        assert.equal(received.body.status, 'received');
      }
      assert.deepEqual(await stockOf('A', 'US'), { onHand: 6, reserved: 0, available: 6 });
      assert.deepEqual(await inTransitOf('A', 'US'), { here: 0, total: 0 });
      const same = await h.call('POST', '/v1/transfers', {
        body: { from: 'US', to: 'US', lines: [{ sku: 'A', quantity: 1 }] },
        headers: key('trf-2'),
      });
      assert.equal(same.status, 400);
      assert.equal(same.body.error.code, 'SAME_WAREHOUSE');
    });
  });
}
