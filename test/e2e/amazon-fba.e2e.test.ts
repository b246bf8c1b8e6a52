// Proves Amazon's own warehouses (FBA) are modelled, not ignored, against the Amazon emulator: the
// stock Amazon reports for a listing it fulfils sets the on-hand of the seller's platform-run
// warehouse (kind platform_fulfilled) as a recorded stock-take, and a second run changes nothing;
// that stock is never pushed and never counted as drift; an order Amazon fulfils from it takes
// nothing from the seller's own stock (and is never cancelled for stock); a merchant-fulfilled
// order still holds from the seller's own warehouse.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { availableDialects } from '../support/databases.ts';
import { openSyncRig, waitFor, type ConnectedShop, type SyncRig } from '../support/sync-fixture.ts';
import { outcomeOf, receiveStock } from '../support/sync-queries.ts';

const FBA_CHANNEL = 'AMAZON_NA';

for (const dialect of await availableDialects()) {
  describe(`Amazon FBA stock is read, never pushed (${dialect})`, () => {
    let rig: SyncRig;
    let amazon: ConnectedShop;

    const levelOf = async (sku: string, warehouse: string) => {
      const row = await rig.pool.database.db
        .selectFrom('stock_levels as l')
        .innerJoin('skus as s', 's.id', 'l.sku_id')
        .innerJoin('warehouses as w', 'w.id', 'l.warehouse_id')
        .select(['l.on_hand', 'l.reserved'])
        .where('s.tenant_id', '=', rig.actor.tenantId)
        .where('s.code', '=', sku)
        .where('w.code', '=', warehouse)
        .executeTakeFirst();
      return { onHand: Number(row?.on_hand ?? 0), reserved: Number(row?.reserved ?? 0) };
    };
    const reportCounts = async () =>
      Number(
        (
          await rig.pool.database.db
            .selectFrom('movements')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('tenant_id', '=', rig.actor.tenantId)
            .where('kind', '=', 'adjust')
            .executeTakeFirst()
        )?.n ?? 0,
      );
    const reconcile = () => rig.reconcile(amazon);

    before(async () => {
      rig = await openSyncRig(dialect);
      await rig.pool.catalog.createWarehouse(rig.actor.tenantId, {
        code: 'FBA-US',
        name: 'Amazon FBA US',
        kind: 'platform_fulfilled',
        country: 'US',
      });
      await receiveStock(rig, 'opening', [{ sku: 'A', quantity: 5 }]);
      amazon = await rig.connectShop({
        platform: 'amazon',
        key: 'amazon',
        listings: [
          { sellerSku: 'A' },
          // A listing Amazon fulfils: its only stock is in Amazon's own network.
          { sellerSku: 'B', platformStock: { [FBA_CHANNEL]: 7 } },
        ],
        warehouses: ['GZ', { code: 'FBA-US', platformWarehouseId: FBA_CHANNEL }],
      });
      await rig.pool.sync.worker.drain();
      rig.pool.sync.worker.start();
    });
    after(() => rig.close());

    test("Amazon's report of its own stock becomes the FBA warehouse's on-hand, once", async () => {
      assert.deepEqual(await levelOf('B', 'FBA-US'), { onHand: 0, reserved: 0 });
      const before = await reportCounts();
      await reconcile();
      assert.deepEqual(await levelOf('B', 'FBA-US'), { onHand: 7, reserved: 0 });
      assert.equal(await reportCounts(), before + 1, 'one stock-take line in the ledger');
      await reconcile();
      assert.equal(await reportCounts(), before + 1, 'an unchanged report records nothing');
      assert.deepEqual(await rig.invariants(), []);
    });

    test('FBA stock is never pushed nor counted as drift; the seller’s own stock is', async () => {
      await waitFor(
        'the merchant-fulfilled listing to show the pool',
        () => amazon.shown('A') === 5,
      );
      const fba = () =>
        amazon.emulator
          .shownStock(amazon.platformShopId, amazon.ref('B'))
          .find((s) => s.warehouseId === FBA_CHANNEL)?.available;
      assert.equal(fba(), 7);
      const summary = await reconcile();
      assert.equal(summary.corrections, 0, JSON.stringify(summary));
      assert.equal(fba(), 7, 'Amazon alone moves its own stock');
    });

    test('an order Amazon fulfils takes nothing from the pool; a merchant-fulfilled one holds', async () => {
      const fbaOrder = amazon.order('B', { paid: true });
      const ownOrder = amazon.order('A', { paid: true });
      // Amazon reports an order Pending before payment (nothing to hold yet), then Unshipped.
      await waitFor('both orders applied, the paid merchant-fulfilled one holding', async () => {
        const outcomes = await Promise.all([outcomeOf(rig, fbaOrder), outcomeOf(rig, ownOrder)]);
        return outcomes.every((o) => o === 'applied') && (await levelOf('A', 'GZ')).reserved === 1;
      });
      assert.deepEqual(await levelOf('A', 'GZ'), { onHand: 5, reserved: 1 });
      assert.deepEqual(await levelOf('B', 'GZ'), { onHand: 0, reserved: 0 });
      assert.deepEqual(await levelOf('B', 'FBA-US'), { onHand: 7, reserved: 0 });
      assert.equal(
        amazon.emulator.stats().sellerCancellations.length,
        0,
        'no order was cancelled for stock',
      );
      // Amazon's next report has the FBA unit gone: the warehouse follows it.
      await reconcile();
      assert.deepEqual(await levelOf('B', 'FBA-US'), { onHand: 6, reserved: 0 });
      assert.deepEqual(await rig.invariants(), []);
    });
  });
}
