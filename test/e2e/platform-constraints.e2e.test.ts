// Proves, through the whole engine (webhooks and SQS, inbox, holds, outbox, push queue, connectors,
// reconciliation, the seller's API) against the platforms' emulators, that StockPool lives with
// three platform constraints:
// 1. Lazada Choice listings accept increases only. When a sale on another shop lowers the pool,
//    Lazada refuses the decrease for the Choice listing inside an otherwise successful answer:
//    that listing alone is recorded failed with Lazada's code (sync log, out of sync, a dead
//    letter, a red alert) and is not tried again, neither on the retry schedule nor by
//    reconciliation, while the other listing of the same call is set and recorded confirmed. A
//    later increase goes through. (It did not: a new figure for a dead letter's listing only
//    bumped the dead row, so the listing was never pushed again until the seller retried it by
//    hand; a pool change now makes a dead letter a fresh push, sync-queue-repo markListingsForPush.)
// 2. A per-listing failure inside a successful answer costs only its own listing: the others of
//    the same call are recorded confirmed, the failed one is recorded failed with its reason, and
//    it settles once the seller has dealt with it (a dead letter retried through the API).
// 3. Platforms that take an order's units off the listing themselves are not counted twice: after
//    a Shopify order (available → committed) every shop shows exactly the pool's available, and
//    Shopify's available and committed are exact, through fulfilment; likewise Lazada (sellable →
//    withhold) and Amazon (withheld while Pending) after sales there. Reconciliation agrees.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { issueToken } from '../../src/access/api-tokens.ts';
import type { LazadaEmulatorHandle } from '../../sandbox/lazada/server.ts';
import { availableDialects } from '../support/databases.ts';
import { openSyncRig, waitFor, type ConnectedShop, type SyncRig } from '../support/sync-fixture.ts';
import {
  divergences,
  openAlerts,
  outcomeOf,
  receiveStock,
  recordedOrder,
  stockOf,
  syncLogOf,
} from '../support/sync-queries.ts';

/** The Choice story (A, B), the partial-failure story (C, D, E), the double-count story (S, L). */
const SKUS = ['A', 'B', 'C', 'D', 'E', 'S', 'L'];
const OPENING = 10;
/** Lazada's code for a refused Choice decrease (the emulator's; docs/connectors/lazada.md). */
const CHOICE_CODE = 'ChoiceSkuStockDecrease';
const SELLABLE_UPDATE = '/product/stock/sellable/update';
/**
 * Past the retry of a listing that failed while its platform answered the call's other listings
 * (1–2 s, domain/sync/retry-schedule.ts): a refusal taken for transient would be sent again by then.
 */
const TRANSIENT_RETRY_WINDOW_MS = 2_500;

for (const dialect of await availableDialects()) {
  describe(`platform constraints hold through the engine (${dialect})`, () => {
    let rig: SyncRig;
    let tiktok: ConnectedShop;
    let lazada: ConnectedShop;
    let shopify: ConnectedShop;
    let amazon: ConnectedShop;
    let shops: ConnectedShop[];
    let token: string;

    const sellableUpdates = () => lazada.emulator.stats().requests[SELLABLE_UPDATE] ?? 0;
    /** StockPool's record of a listing: the figure confirmed by the platform, and its state. */
    const listingOf = async (shop: ConnectedShop, sku: string) => {
      const row = await rig.pool.database.db
        .selectFrom('listings')
        .select(['id', 'pushed_quantity', 'out_of_sync_since'])
        .where('shop_id', '=', shop.view.id)
        .where('seller_sku', '=', sku)
        .executeTakeFirstOrThrow();
      return {
        id: row.id,
        confirmed: row.pushed_quantity === null ? null : Number(row.pushed_quantity),
        outOfSync: row.out_of_sync_since !== null,
      };
    };
    const pushRowOf = async (listingId: string) => {
      const row = await rig.pool.database.db
        .selectFrom('push_queue')
        .select(['dead', 'attempts', 'last_error'])
        .where('listing_id', '=', listingId)
        .executeTakeFirst();
      return row
        ? { dead: Number(row.dead) === 1, attempts: row.attempts, lastError: row.last_error }
        : undefined;
    };
    const logOf = async (kind: string, listingId: string) =>
      (await syncLogOf(rig, kind)).filter((r) => r.listingId === listingId);
    const outOfSyncAlertsOf = async (listingId: string) =>
      (await openAlerts(rig, 'out_of_sync')).filter((a) => a.subject === listingId);
    /** Nothing left to do: no unapplied event, no changed SKU, no push waiting (dead letters aside). */
    const quiet = async () => {
      const q = (await rig.pool.sync.status(rig.actor.tenantId)).queues;
      return q.inboxPending === 0 && q.changedSkus === 0 && q.pushes === 0;
    };
    /** Buyable and committed per (seller-run) warehouse, as the platform reports them. */
    const figures = (shop: ConnectedShop, sku: string) =>
      shop.emulator
        .shownStock(shop.platformShopId, shop.ref(sku))
        .filter((w) => !w.platformRun)
        .map((w) => ({ available: w.available, committed: w.committed ?? 0 }));
    const api = async (method: string, path: string) => {
      const response = await fetch(`${rig.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}` },
      });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };
    /**
     * A TikTok Shop buyer pays for one unit of each SKU in one order, applied by the worker in one
     * drain while its loop is stopped: every listing the order changes is then pushed in the same
     * round, so one Lazada call carries them all.
     */
    const tiktokSaleInOneRound = async (skus: string[]) => {
      await rig.pool.sync.worker.stop();
      try {
        const placed = tiktok.emulator.placeOrder({
          platformShopId: tiktok.platformShopId,
          lines: skus.map((sku) => ({ ...tiktok.ref(sku), quantity: 1 })),
          paid: true,
        });
        assert.ok(placed.ok, 'TikTok Shop took the order');
        await tiktok.emulator.drainWebhooks();
        await rig.pool.sync.worker.drain();
        assert.equal(await outcomeOf(rig, placed.orderId), 'applied');
      } finally {
        rig.pool.sync.worker.start();
      }
    };

    before(async () => {
      rig = await openSyncRig(dialect);
      for (const code of SKUS.filter((s) => s !== 'A' && s !== 'B'))
        await rig.pool.catalog.createSku(rig.actor.tenantId, { code, name: `Item ${code}` });
      await receiveStock(
        rig,
        'opening',
        SKUS.map((sku) => ({ sku, quantity: OPENING })),
      );
      const all = SKUS.map((sellerSku) => ({ sellerSku }));
      const doubleCount = ['S', 'L'].map((sellerSku) => ({ sellerSku }));
      tiktok = await rig.connectShop({ platform: 'tiktok-shop', key: 'tt', listings: all });
      lazada = await rig.connectShop({ platform: 'lazada', key: 'lz', listings: all });
      shopify = await rig.connectShop({ platform: 'shopify', key: 'sh', listings: doubleCount });
      amazon = await rig.connectShop({ platform: 'amazon', key: 'amz', listings: doubleCount });
      shops = [tiktok, lazada, shopify, amazon];
      token = (
        await issueToken(
          rig.pool.database.db,
          { ids: rig.pool.ids, nowMs: Date.now() },
          { tenantId: rig.actor.tenantId, name: 'seller', role: 'owner' },
        )
      ).token;
      await rig.pool.sync.worker.drain();
      rig.pool.sync.worker.start();
      await waitFor(
        'every shop to show the opening stock',
        async () => (await divergences(rig, shops, SKUS)).length === 0 && (await quiet()),
      );
      // A and C become Lazada Choice listings (one product each) once they show the opening stock.
      for (const sku of ['A', 'C'])
        (lazada.emulator as LazadaEmulatorHandle).setChoice(
          lazada.platformShopId,
          lazada.ref(sku).itemId,
          true,
        );
    });
    after(() => rig.close());

    test('Lazada Choice: a decrease is refused for that listing alone and not retried; a later increase goes through', async () => {
      const choice = await listingOf(lazada, 'A');
      const neighbour = await listingOf(lazada, 'B');
      assert.deepEqual(figures(lazada, 'A'), [{ available: OPENING, committed: 0 }]);
      const callsBefore = sellableUpdates();

      // A sale on TikTok Shop lowers A and B: Lazada is pushed both in one call.
      await tiktokSaleInOneRound(['A', 'B']);
      const refusedAt = Date.now();
      assert.equal(sellableUpdates() - callsBefore, 1, 'A and B went to Lazada in one call');
      assert.equal(tiktok.shown('A'), OPENING - 1);
      assert.equal(tiktok.shown('B'), OPENING - 1);

      // The other listing of the call was set, and recorded confirmed.
      assert.equal(lazada.shown('B'), OPENING - 1);
      assert.deepEqual(await listingOf(lazada, 'B'), {
        id: neighbour.id,
        confirmed: OPENING - 1,
        outOfSync: false,
      });
      assert.equal(await pushRowOf(neighbour.id), undefined, "B's push is done");
      assert.deepEqual((await logOf('push', neighbour.id)).at(-1), {
        shopId: lazada.view.id,
        listingId: neighbour.id,
        quantity: OPENING - 1,
        previous: OPENING,
        detail: null,
      });
      assert.deepEqual(await logOf('push_failed', neighbour.id), []);

      // The Choice listing keeps its figure, and StockPool says why, on that listing.
      assert.deepEqual(figures(lazada, 'A'), [{ available: OPENING, committed: 0 }]);
      const failed = await logOf('push_failed', choice.id);
      assert.equal(failed.length, 1);
      assert.equal(failed[0]?.shopId, lazada.view.id);
      assert.equal(failed[0]?.quantity, OPENING - 1, 'the refused figure');
      assert.match(failed[0]?.detail ?? '', new RegExp(`^${CHOICE_CODE}: .*increases only`));
      assert.deepEqual(await listingOf(lazada, 'A'), {
        id: choice.id,
        confirmed: OPENING,
        outOfSync: true,
      });
      // Not retryable: a dead letter after its one attempt, listed for the seller, alerted red.
      const row = await pushRowOf(choice.id);
      assert.deepEqual(row && { dead: row.dead, attempts: row.attempts }, {
        dead: true,
        attempts: 1,
      });
      assert.match(row?.lastError ?? '', new RegExp(`^${CHOICE_CODE}: `));
      const letters = await api('GET', '/v1/sync/dead-letters');
      assert.equal(letters.status, 200);
      assert.deepEqual(
        (letters.body.items as Array<{ listingId: string; lastError: string }>).map((d) => [
          d.listingId,
          d.lastError.split(':')[0],
        ]),
        [[choice.id, CHOICE_CODE]],
      );
      const alerts = await outOfSyncAlertsOf(choice.id);
      assert.equal(alerts.length, 1);
      assert.equal(alerts[0]?.level, 'red');
      assert.deepEqual(
        [alerts[0]?.params.shopId, alerts[0]?.params.listing, alerts[0]?.params.deadLetter],
        [lazada.view.id, 'A', true],
      );

      // The shop goes on being pushed (a receipt of B), and reconciliation finds A's figure off;
      // neither tries the refused decrease again, nor does the retry schedule meanwhile.
      await receiveStock(rig, 'more-b', [{ sku: 'B', quantity: 1 }]);
      await waitFor('the receipt of B to reach Lazada', () => lazada.shown('B') === OPENING);
      await waitFor('the receipt of B to be recorded', quiet);
      const reconciled = await rig.reconcile(lazada);
      assert.equal(reconciled.corrections, 1, "reconciliation sees A's figure off");
      assert.equal((await logOf('drift', choice.id)).at(-1)?.previous, OPENING);
      assert.equal((await pushRowOf(choice.id))?.dead, true, 'still a dead letter');
      // An absence is proved by time only: past the window a transient retry would have come in.
      await sleep(Math.max(0, refusedAt + TRANSIENT_RETRY_WINDOW_MS - Date.now()));
      await waitFor('nothing left to push', quiet);
      assert.equal(sellableUpdates() - callsBefore, 2, 'one more call only: the receipt of B');
      assert.equal(
        (await logOf('push_failed', choice.id)).length,
        1,
        'the decrease was tried once',
      );
      assert.deepEqual(await pushRowOf(choice.id), row);
      assert.equal(lazada.shown('A'), OPENING);

      // An increase above what Lazada shows goes through, and clears the failure.
      const raised = OPENING - 1 + 3;
      await receiveStock(rig, 'more-a', [{ sku: 'A', quantity: 3 }]);
      await waitFor('the increase to reach the Choice listing', () => lazada.shown('A') === raised);
      await waitFor('the Choice listing to be recorded in sync', async () => {
        const state = await listingOf(lazada, 'A');
        return state.confirmed === raised && !state.outOfSync && (await quiet());
      });
      assert.equal(await pushRowOf(choice.id), undefined, 'no dead letter left');
      assert.equal((await logOf('push', choice.id)).at(-1)?.quantity, raised);
      assert.equal(tiktok.shown('A'), raised);
      assert.deepEqual(await outOfSyncAlertsOf(choice.id), []);
      assert.equal((await rig.pool.sync.status(rig.actor.tenantId)).queues.deadLetters, 0);
    });

    test('a per-listing failure inside a successful answer fails only its listing, and settles', async () => {
      const failing = await listingOf(lazada, 'C');
      const others = await Promise.all(['D', 'E'].map((sku) => listingOf(lazada, sku)));
      const callsBefore = sellableUpdates();
      await tiktokSaleInOneRound(['C', 'D', 'E']);
      assert.equal(sellableUpdates() - callsBefore, 1, 'C, D and E went to Lazada in one call');

      for (const [i, sku] of ['D', 'E'].entries()) {
        const other = others[i]!;
        assert.equal(lazada.shown(sku), OPENING - 1, `${sku} set`);
        assert.deepEqual(await listingOf(lazada, sku), {
          id: other.id,
          confirmed: OPENING - 1,
          outOfSync: false,
        });
        assert.equal(await pushRowOf(other.id), undefined);
        assert.equal((await logOf('push', other.id)).at(-1)?.quantity, OPENING - 1);
        assert.deepEqual(await logOf('push_failed', other.id), []);
      }
      assert.equal(lazada.shown('C'), OPENING);
      assert.deepEqual(await listingOf(lazada, 'C'), {
        id: failing.id,
        confirmed: OPENING,
        outOfSync: true,
      });
      const failed = await logOf('push_failed', failing.id);
      assert.deepEqual(
        failed.map((f) => [f.quantity, f.detail?.split(':')[0]]),
        [[OPENING - 1, CHOICE_CODE]],
      );
      assert.equal((await pushRowOf(failing.id))?.dead, true);
      assert.equal((await outOfSyncAlertsOf(failing.id)).length, 1);

      // The seller lowers the figure in Seller Center (as Lazada wants Choice stock lowered) and
      // retries the dead letter: StockPool pushes the pool's figure, which Lazada now takes.
      lazada.emulator.setShownStock(
        lazada.platformShopId,
        lazada.ref('C'),
        'dropshipping',
        OPENING - 1,
      );
      const retried = await api('POST', `/v1/sync/dead-letters/${failing.id}/retry`);
      assert.deepEqual(retried, { status: 200, body: { listingId: failing.id, status: 'queued' } });
      await waitFor('the retried push to be recorded confirmed', async () => {
        const state = await listingOf(lazada, 'C');
        return state.confirmed === OPENING - 1 && !state.outOfSync && (await quiet());
      });
      assert.equal(await pushRowOf(failing.id), undefined);
      assert.equal(lazada.shown('C'), OPENING - 1);
      assert.equal((await logOf('push', failing.id)).at(-1)?.quantity, OPENING - 1);
      assert.equal((await logOf('push_failed', failing.id)).length, 1);
      assert.deepEqual(await outOfSyncAlertsOf(failing.id), []);
      assert.deepEqual((await api('GET', '/v1/sync/dead-letters')).body.items, []);
    });

    test('a Shopify order (available → committed) is not counted twice', async () => {
      const orderId = shopify.order('S', { quantity: 2, paid: true });
      // Shopify moved the units from available to committed itself, at once.
      assert.deepEqual(figures(shopify, 'S'), [{ available: OPENING - 2, committed: 2 }]);
      await waitFor(
        'the order to be applied',
        async () => (await outcomeOf(rig, orderId)) === 'applied',
      );
      await waitFor('every shop to be pushed the pool after the order', async () => {
        const states = await Promise.all(shops.map((shop) => listingOf(shop, 'S')));
        return states.every((s) => s.confirmed === OPENING - 2 && !s.outOfSync) && (await quiet());
      });
      assert.deepEqual(await stockOf(rig, 'S'), { onHand: OPENING, reserved: 2 });
      for (const shop of shops) assert.equal(shop.shown('S'), OPENING - 2, shop.view.name);
      assert.deepEqual(figures(shopify, 'S'), [{ available: OPENING - 2, committed: 2 }]);
      assert.deepEqual(await rig.reconcile(shopify), {
        checked: 2,
        matched: 2,
        corrections: 0,
        added: 0,
      });

      // Fulfilment: Shopify lets the committed units go, StockPool deducts them: nothing moves.
      shopify.advance(orderId, 'ship');
      await waitFor(
        'the fulfilment to be applied',
        async () => (await recordedOrder(rig, orderId))?.state === 'shipped' && (await quiet()),
      );
      assert.deepEqual(await stockOf(rig, 'S'), { onHand: OPENING - 2, reserved: 0 });
      assert.deepEqual(figures(shopify, 'S'), [{ available: OPENING - 2, committed: 0 }]);
      assert.deepEqual(await divergences(rig, shops, ['S']), []);
    });

    test('Lazada and Amazon withhold ordered units themselves: their listings show exactly the pool', async () => {
      const settledAt = async (available: number) => {
        const states = await Promise.all(shops.map((shop) => listingOf(shop, 'L')));
        return states.every((s) => s.confirmed === available && !s.outOfSync) && (await quiet());
      };

      // An unpaid Lazada order: Lazada moves the unit from sellable to withhold.
      const lazadaOrder = lazada.order('L');
      assert.deepEqual(figures(lazada, 'L'), [{ available: OPENING - 1, committed: 1 }]);
      await waitFor(
        'the Lazada order to be applied',
        async () => (await outcomeOf(rig, lazadaOrder)) === 'applied',
      );
      await waitFor('every shop to be pushed the pool after the Lazada sale', () =>
        settledAt(OPENING - 1),
      );
      assert.deepEqual(await stockOf(rig, 'L'), { onHand: OPENING, reserved: 1 });
      for (const shop of shops) assert.equal(shop.shown('L'), OPENING - 1, shop.view.name);
      assert.deepEqual(
        figures(lazada, 'L'),
        [{ available: OPENING - 1, committed: 1 }],
        'Lazada sells the pool, not one less',
      );

      // An Amazon order, Pending: Amazon takes the unit off the listing's quantity and withholds it.
      const amazonOrder = amazon.order('L');
      assert.deepEqual(figures(amazon, 'L'), [{ available: OPENING - 2, committed: 1 }]);
      await waitFor(
        'the Amazon order to be applied',
        async () => (await outcomeOf(rig, amazonOrder)) === 'applied',
      );
      await waitFor('every shop to be pushed the pool after the Amazon sale', () =>
        settledAt(OPENING - 2),
      );
      assert.deepEqual(await stockOf(rig, 'L'), { onHand: OPENING, reserved: 2 });
      for (const shop of shops) assert.equal(shop.shown('L'), OPENING - 2, shop.view.name);
      assert.deepEqual(
        figures(amazon, 'L'),
        [{ available: OPENING - 2, committed: 1 }],
        'Amazon sells the pool, not one less',
      );
      assert.deepEqual(figures(lazada, 'L'), [{ available: OPENING - 2, committed: 1 }]);
      for (const shop of [lazada, amazon]) {
        const run = await rig.reconcile(shop);
        assert.equal(run.corrections, 0, `${shop.view.name}: no drift`);
        assert.equal(run.matched, run.checked);
      }
    });

    test('the ledger and the pool agree after it all', async () => {
      await waitFor('nothing left to do', quiet);
      assert.deepEqual(await divergences(rig, shops, SKUS), []);
      assert.equal((await rig.pool.sync.status(rig.actor.tenantId)).queues.deadLetters, 0);
      assert.deepEqual(await rig.invariants(), []);
    });
  });
}
