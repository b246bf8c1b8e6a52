// Proves QUALITY.md R7 at a scale that runs in seconds: thousands of unpaid holds with a
// 15-minute expiry come due one after another under a fast fake clock shared by real sweeper
// processes; the first sweeper is killed with SIGKILL part-way and a standby takes over. Every
// expired hold is released exactly once, none before its expiry, each within expiry + 60 s;
// confirms after expiry are refused (also while no sweeper runs), confirms before it stick.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openStockPool, type StockPool } from '../../src/main.ts';
import { spawnTsx, type Child } from '../support/child-process.ts';
import { closeAndDrop } from '../support/close-database.ts';
import { availableDialects } from '../support/databases.ts';
import { runInWorker } from '../support/run-in-worker.ts';
import { ScaledClock, type ScaledClockSpec } from '../support/scaled-clock.ts';
import { openFixture, START_MS, type Fixture } from '../support/stockpool-fixture.ts';
import {
  assertSweepOutcome,
  confirmDueHolds,
  countByStatus,
  keepConfirming,
} from '../support/sweeper-crash-checks.ts';
import type { PlacerOptions } from './expiring-holds-placer.ts';
import type { SweeperProcessOptions, SweeperProcessResult } from './sweeper-process.ts';

const EXPIRY_MS = 15 * 60_000;
/** Expiries are spread from 20 s before the sweeper starts to WINDOW_MS after (fake time). */
const WINDOW_MS = 100_000;
const BOUND_MS = 60_000;
const PAID_EVERY = 10;
const SKUS = Array.from({ length: 20 }, (_, i) => `S${String(i).padStart(2, '0')}`);
/**
 * Holds per engine, and how much faster than real time the fake clock runs: PostgreSQL's sweeper
 * expires fewer holds per second on this 2-core machine, so it gets fewer holds and a slower clock.
 */
const SCALE = { sqlite: { holds: 10_000, speed: 16 }, postgres: { holds: 2_000, speed: 8 } };

for (const dialect of await availableDialects()) {
  describe(`expiry sweeper crash on ${dialect}`, () => {
    let f: Fixture;
    let confirmPool: StockPool | undefined;
    const children: Child<unknown>[] = [];
    before(async () => {
      f = await openFixture(dialect);
      const t = f.actor.tenantId;
      await f.pool.catalog.createWarehouse(t, { code: 'GZ', name: 'GZ', kind: 'domestic' });
      for (const code of SKUS) await f.pool.catalog.createSku(t, { code, name: code });
      const lines = SKUS.map((sku) => ({ sku, quantity: SCALE[dialect].holds }));
      assert.ok(
        (
          await f.pool.inventory.receive(f.actor, {
            idempotencyKey: 'stock',
            warehouse: 'GZ',
            lines,
          })
        ).ok,
      );
    });
    after(async () => {
      // A failed assertion must not leave sweeper processes running (and the test file waiting).
      for (const c of children) c.process.kill('SIGKILL');
      await confirmPool?.close();
      await closeAndDrop(f.pool, f.testDb);
    });

    it(`${SCALE[dialect].holds} holds expire exactly once, never early, within 60 s, across a sweeper crash`, async () => {
      const { holds, speed } = SCALE[dialect];
      const t0 = START_MS + 86_400_000;
      const placerOptions: PlacerOptions = {
        databaseUrl: f.testDb.url,
        tenantId: f.actor.tenantId,
        skus: SKUS,
        warehouse: 'GZ',
        count: holds,
        firstCreatedMs: t0 - EXPIRY_MS - 20_000,
        lastCreatedMs: t0 - EXPIRY_MS + WINDOW_MS,
        paidEvery: PAID_EVERY,
        batchSize: 250,
      };
      const placed = await runInWorker<{ placed: number }>(
        new URL('./expiring-holds-placer.ts', import.meta.url),
        placerOptions,
      );
      assert.equal(placed.placed, holds);

      const spec: ScaledClockSpec = {
        fakeStartMs: t0,
        realStartMs: Date.now() + 2_000,
        speed,
      };
      const clock = new ScaledClock(spec);
      confirmPool = await openStockPool({ databaseUrl: f.testDb.url, clock, migrate: false });
      const sweeperOptions: SweeperProcessOptions = {
        databaseUrl: f.testDb.url,
        clock: spec,
        intervalMs: 50,
      };
      const sweeperFile = new URL('./sweeper-process.ts', import.meta.url);
      const first = spawnTsx<SweeperProcessResult>(sweeperFile, sweeperOptions);
      const standby = spawnTsx<SweeperProcessResult>(sweeperFile, sweeperOptions);
      children.push(first, standby);
      await Promise.all([first.ready, standby.ready]);
      await sleep(Math.max(0, spec.realStartMs - Date.now()));
      const goFakeMs = clock.nowMs();
      first.go();
      const confirming = keepConfirming(confirmPool, f.actor);

      // The crash: once a good part of the unpaid holds has expired, kill the first sweeper.
      const unpaid = holds - Math.ceil(holds / PAID_EVERY);
      const expiredEnough = async () => (await countByStatus(f, 'expired')) >= unpaid * 0.4;
      while (clock.nowMs() < t0 + WINDOW_MS && !(await expiredEnough())) await sleep(25);
      assert.ok(await expiredEnough(), 'the first sweeper expired too little to crash halfway');
      first.process.kill('SIGKILL');
      await first.result.catch(() => undefined);
      await sleep(5_000 / speed); // 5 s of fake time in which holds come due and nobody sweeps
      // With no sweeper running, overdue holds are still held, and confirming them is refused.
      const gap = await confirmDueHolds(confirmPool, f.actor, 20);
      assert.ok(gap.attempted > 0, 'no overdue hold was left to confirm after the crash');
      assert.deepEqual(gap.codes, { HOLD_EXPIRED: gap.attempted });
      standby.go();

      // Every unpaid hold is due once the window has passed; stop once none is left held (or
      // when the bound has passed too, and the checks below say which holds were late).
      await sleep(clock.realMsUntil(t0 + WINDOW_MS));
      const deadline = t0 + WINDOW_MS + BOUND_MS + 2_000;
      while (clock.nowMs() < deadline && (await countByStatus(f, 'held')) > 0) await sleep(50);
      const confirmed = await confirming.stop();
      standby.process.kill('SIGTERM');
      assert.deepEqual((await standby.result).errors, []);
      await assertSweepOutcome(f, { goFakeMs, boundMs: BOUND_MS, confirmed, late: confirmPool });
      assert.deepEqual(await f.invariants(), []);
    });
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
