// Proves the smaller commands through the real CLI: `stock` shows per-warehouse figures and
// statuses (bundles from their components), `check` passes on sound data and fails with exit 6
// on broken data, `migrate` reports what it applied, and errors carry their exit codes in the
// user's language without stack traces.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createTestDatabase, type TestDatabase } from '../support/databases.ts';
import { withPool } from './support/cli-db.ts';
import { REPO_ROOT, runCli } from './support/run-cli.ts';
import { MIGRATIONS } from '../../src/store/migrations/index.ts';

describe('stockpool stock, check, migrate and errors', () => {
  let db: TestDatabase;
  const cli = (...args: string[]) => runCli(args, { database: db.url });
  before(async () => {
    db = await createTestDatabase('sqlite');
    const migrate = await cli('migrate');
    assert.equal(migrate.code, 0, migrate.stderr);
    const names = MIGRATIONS.map(([name]) => name);
    assert.ok(
      migrate.stdout.includes(`Applied ${names.length} migration(s): ${names.join(', ')}`),
      migrate.stdout,
    );
    assert.match((await cli('migrate')).stdout, /The database is up to date/);
    assert.equal((await cli('import', join(REPO_ROOT, 'examples', 'sample-import.xlsx'))).code, 0);
  });
  after(() => db.drop());

  it('stock shows on hand, reserved, available and status per warehouse, with a total', async () => {
    const run = await cli('stock', 'CB-USBC-1M');
    assert.equal(run.code, 0, run.stderr);
    const lines = run.stdout.split('\n');
    assert.match(lines[0] ?? '', /^CB-USBC-1M — USB-C cable 1 m 数据线$/);
    assert.ok(
      lines.some((l) => /^GZ\s+Guangzhou warehouse 广州仓\s+12\s+0\s+12\s+low$/.test(l)),
      run.stdout,
    );
    assert.ok(
      lines.some((l) => /^US-W\s+.*\s+0\s+0\s+0\s+zero$/.test(l)),
      run.stdout,
    );
    assert.ok(
      lines.some((l) => /^Total\s+12\s+0\s+12\s+low$/.test(l)),
      run.stdout,
    );
  });

  it('stock of a bundle shows what its components allow, in Chinese when asked', async () => {
    const run = await cli('--lang', 'zh-CN', 'stock', 'KIT-IP15');
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /组合商品，由 CB-USBC-1M×1 \+ PC-IP15-BLK×1 \+ SP-IP15-2PK×1 组成/);
    assert.match(run.stdout, /GZ\s+Guangzhou warehouse 广州仓\s+-\s+-\s+12\s+低库存/);
  });

  it('an unknown SKU exits 3 with the message in the chosen language', async () => {
    const en = await cli('stock', 'NOPE');
    assert.equal(en.code, 3);
    assert.equal(en.stderr.trim(), 'Error: SKU NOPE does not exist.');
    const zh = await runCli(['stock', 'NOPE'], {
      database: db.url,
      env: { STOCKPOOL_LANG: 'zh-CN' },
    });
    assert.equal(zh.stderr.trim(), '错误：SKU NOPE 不存在。');
  });

  it('check passes on sound data and exits 6 naming the broken balance', async () => {
    const ok = await cli('check');
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, /Invariant check: ok/);
    // Break a balance behind the ledger's back, as a stray manual UPDATE would.
    await withPool(db.url, (pool) =>
      pool.database.db
        .updateTable('stock_levels')
        .set((eb) => ({ on_hand: eb('on_hand', '+', 1) }))
        .execute(),
    );
    const broken = await cli('check');
    assert.equal(broken.code, 6);
    assert.match(broken.stdout, /Invariant check FAILED/);
    assert.match(
      broken.stdout,
      /\[ledger_on_hand\] on hand differs from the sum of its ledger movements/,
    );
    assert.match(broken.stderr, /The invariant check found \d+ problem/);
  });

  it('usage errors exit 2 and an unreachable or missing database exits 5, never with a stack trace', async () => {
    const unknown = await cli('--lang', 'zh-CN', 'frobnicate');
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /未知命令“frobnicate”/);
    const missing = await runCli(['stock', 'X'], {
      database: join(REPO_ROOT, 'no-such-dir', 'x.db'),
    });
    assert.equal(missing.code, 5);
    assert.match(missing.stderr, /There is no database at/);
    const unreachable = await runCli(['check'], {
      database: 'postgres://nobody:secret@127.0.0.1:1/none',
    });
    assert.equal(unreachable.code, 5);
    assert.match(
      unreachable.stderr,
      /Cannot reach the database at postgres:\/\/nobody:\*\*\*@127\.0\.0\.1:1\/none/,
    );
    assert.doesNotMatch(unreachable.stderr, /secret|\n\s+at /);
  });
});
