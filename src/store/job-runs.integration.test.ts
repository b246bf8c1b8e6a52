// Proves the periodic jobs' schedule is shared by every worker (job_runs): of several workers
// asking at the same moment exactly one may start the job, none may start it again within its
// interval, and one may once the interval has passed — on both real engines, with the claims
// racing on separate connections on PostgreSQL.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { availableDialects } from '../../test/support/databases.ts';
import { openFixture, type Fixture } from '../../test/support/stockpool-fixture.ts';
import { claimJobRun } from './job-locks.ts';

const INTERVAL_MS = 30_000;

for (const dialect of await availableDialects()) {
  describe(`periodic job schedule shared by workers on ${dialect}`, () => {
    let f: Fixture;
    before(async () => {
      f = await openFixture(dialect);
    });
    after(() => f.close());

    const claims = (nowMs: number, workers = 8) =>
      Promise.all(
        Array.from({ length: workers }, () =>
          claimJobRun(f.pool.database.db, 'reconcile:shop1', { nowMs, intervalMs: INTERVAL_MS }),
        ),
      );

    it('of eight workers asking at once, exactly one starts the job', async () => {
      const won = await claims(1_000_000);
      assert.equal(won.filter(Boolean).length, 1);
    });

    it('nobody starts it again within the interval, one does once it has passed', async () => {
      assert.equal((await claims(1_000_000 + INTERVAL_MS - 1)).filter(Boolean).length, 0);
      assert.equal((await claims(1_000_000 + INTERVAL_MS)).filter(Boolean).length, 1);
      assert.equal((await claims(1_000_000 + INTERVAL_MS + 5)).filter(Boolean).length, 0);
    });

    it('jobs are scheduled apart by name', async () => {
      const other = await claimJobRun(f.pool.database.db, 'poll:shop1', {
        nowMs: 1_000_001,
        intervalMs: INTERVAL_MS,
      });
      assert.equal(other, true);
    });
  });
}
