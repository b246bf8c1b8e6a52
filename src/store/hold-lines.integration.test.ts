// Proves how a hold's lines are stored on both real engines: a plain hold writes no hold_lines
// row (its one line is the hold itself) and a bundle's hold writes one per component, while every
// reader (findHold, listHolds, the hold transitions, the invariant check) sees the same lines.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { availableDialects } from '../../test/support/databases.ts';
import { openFixture, seedCatalog, type Fixture } from '../../test/support/stockpool-fixture.ts';
import { findSkusByCodes } from './catalog-lookup.ts';
import { listHolds } from './holds-query-repo.ts';
import { findHold } from './holds-repo.ts';

for (const dialect of await availableDialects()) {
  describe(`hold lines on ${dialect}`, () => {
    let f: Fixture;
    let plainId: string;
    let bundleId: string;
    before(async () => {
      f = await openFixture(dialect);
      await seedCatalog(f);
      const received = await f.pool.inventory.receive(f.actor, {
        idempotencyKey: 'stock',
        warehouse: 'GZ',
        lines: [
          { sku: 'A', quantity: 20 },
          { sku: 'B', quantity: 20 },
        ],
      });
      assert.ok(received.ok);
      plainId = await hold('plain', 'A', 3);
      bundleId = await hold('bundle', 'KIT', 2);
    });
    after(async () => {
      assert.deepEqual(await f.invariants(), []);
      await f.close();
    });

    async function hold(key: string, sku: string, quantity: number): Promise<string> {
      const out = await f.pool.inventory.placeHold(f.actor, {
        idempotencyKey: key,
        sku,
        warehouse: 'GZ',
        quantity,
        orderRef: `order-${key}`,
      });
      assert.ok(out.ok);
      return out.value.id;
    }

    async function storedLines(holdId: string) {
      return f.pool.database.db
        .selectFrom('hold_lines')
        .select(['sku_id', 'quantity'])
        .where('hold_id', '=', holdId)
        .orderBy('sku_id')
        .execute();
    }

    async function idsOf(...codes: string[]): Promise<number[]> {
      const refs = await findSkusByCodes(f.pool.database.db, f.actor.tenantId, codes);
      return codes.map((c) => Number(refs.get(c)?.id));
    }

    it('a plain hold stores no line rows, a bundle hold one per component', async () => {
      const [a, b] = await idsOf('A', 'B');
      assert.deepEqual(await storedLines(plainId), []);
      assert.deepEqual(
        (await storedLines(bundleId)).map((l) => [Number(l.sku_id), l.quantity]),
        [
          [a, 4],
          [b, 2],
        ],
      );
    });

    it('findHold and listHolds give a plain hold its own SKU and quantity as its line', async () => {
      const [a, b] = await idsOf('A', 'B');
      const plain = await findHold(f.pool.database.db, f.actor.tenantId, plainId);
      assert.deepEqual(plain?.lines, [{ skuId: a, quantity: 3 }]);
      const page = await listHolds(f.pool.database.db, f.actor.tenantId, { limit: 10 });
      const byId = new Map(page.holds.map((h) => [h.id, h.lines]));
      assert.deepEqual(byId.get(plainId), [{ skuId: a, quantity: 3 }]);
      assert.deepEqual(byId.get(bundleId), [
        { skuId: a, quantity: 4 },
        { skuId: b, quantity: 2 },
      ]);
    });

    it('releasing and shipping holds give back exactly what their lines reserved', async () => {
      const view = await f.pool.inventory.transitionHold(f.actor, plainId, 'release');
      assert.ok(view.ok);
      assert.deepEqual(view.value.lines, [{ sku: 'A', quantity: 3 }]);
      const shipped = await f.pool.inventory.transitionHold(f.actor, bundleId, 'ship');
      assert.ok(shipped.ok);
      assert.deepEqual(await f.invariants(), []);
      const levels = await f.pool.database.db
        .selectFrom('stock_levels')
        .select(['on_hand', 'reserved'])
        .where('tenant_id', '=', f.actor.tenantId)
        .orderBy('sku_id')
        .execute();
      assert.deepEqual(
        levels.map((l) => [Number(l.on_hand), Number(l.reserved)]),
        [
          [16, 0],
          [18, 0],
        ],
      );
    });
  });
}
