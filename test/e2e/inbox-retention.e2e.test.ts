// Proves inbox retention end to end: processed webhook ids are purged only once older than the
// retention, never while pending; and a platform re-delivering an event after its id was purged
// changes nothing, because the order itself only moves forward (the order's own record and the
// per-step idempotency keys, not the inbox, are what make a replay harmless).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { purgeInbox } from '../../src/store/inbox-repo.ts';
import { availableDialects } from '../support/databases.ts';
import { openSyncRig, type ConnectedShop, type SyncRig } from '../support/sync-fixture.ts';
import { receiveStock, stockOf } from '../support/sync-queries.ts';
import { deliverTo } from '../support/webhook-relay.ts';

for (const dialect of await availableDialects()) {
  describe(`inbox retention (${dialect})`, () => {
    let rig: SyncRig;
    let tt1: ConnectedShop;

    const inboxRows = async () =>
      rig.pool.database.db.selectFrom('inbox').select(['status', 'received_at']).execute();

    before(async () => {
      rig = await openSyncRig(dialect);
      await receiveStock(rig, 'opening', [{ sku: 'A', quantity: 10 }]);
      tt1 = await rig.connectShop({
        platform: 'tiktok-shop',
        key: 'tt1',
        listings: [{ sellerSku: 'A' }],
      });
      await rig.pool.sync.worker.drain();
    });
    after(() => rig.close());

    test('processed ids older than the retention are purged; newer and pending ones are kept', async () => {
      for (let i = 0; i < 3; i++) tt1.order('A');
      await rig.tiktok.drainWebhooks();
      await rig.pool.sync.worker.drain();
      const processed = await inboxRows();
      assert.equal(processed.length, 3);
      assert.ok(processed.every((r) => r.status === 'done'));
      // A fourth order stays pending: the worker does not run.
      tt1.order('A');
      await rig.tiktok.drainWebhooks();
      const oldest = Math.min(...processed.map((r) => Number(r.received_at)));
      assert.equal(
        await purgeInbox(rig.pool.database.db, oldest),
        0,
        'nothing is older than itself',
      );
      // Every row is older than "now + 1": only the processed ones go.
      assert.equal(await purgeInbox(rig.pool.database.db, Date.now() + 1), 3);
      assert.deepEqual(
        (await inboxRows()).map((r) => r.status),
        ['pending'],
        'the pending event is kept whatever its age',
      );
      await rig.pool.sync.worker.drain();
      assert.deepEqual(await stockOf(rig, 'A'), { onHand: 10, reserved: 4 });
    });

    test('a re-delivery after its id was purged is stored again and changes nothing', async () => {
      await purgeInbox(rig.pool.database.db, Date.now() + 1);
      const before = await stockOf(rig, 'A');
      const movements = async () =>
        Number(
          (
            await rig.pool.database.db
              .selectFrom('movements')
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        );
      const movementsBefore = await movements();
      for (const d of rig.tiktok.webhookDeliveries()) {
        const url = new URL(d.url);
        assert.equal(
          await deliverTo(url.origin, { path: url.pathname, body: d.body, headers: d.headers }),
          200,
        );
      }
      assert.equal((await inboxRows()).length, 4, 'stored again: the ids were forgotten');
      await rig.pool.sync.worker.drain();
      assert.deepEqual(await stockOf(rig, 'A'), before);
      assert.equal(await movements(), movementsBefore, 'no ledger movement');
      assert.deepEqual(await rig.invariants(), []);
    });
  });
}
