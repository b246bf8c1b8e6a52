// Proves `stockpool backup` takes a consistent copy while another process keeps writing stock, on
// real SQLite (online backup API) and PostgreSQL (pg_dump), and that `stockpool restore` puts it
// in place of a database, passes the invariant check, and refuses while the database is open.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { availableDialects, createTestDatabase, type TestDatabase } from '../support/databases.ts';
import { invariantsOf, snapshot, withPool } from './support/cli-db.ts';
import { REPO_ROOT, runCli } from './support/run-cli.ts';

const WRITER = join(REPO_ROOT, 'test', 'cli', 'support', 'keep-writing.ts');

/** Starts the writer process and resolves once it has written; `writes()` is its latest count. */
async function startWriter(url: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', WRITER, url], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let errors = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (errors += d.toString()));
  const exited = new Promise<number | null>((r) => child.on('close', r));
  const writes = () => Number([...output.matchAll(/writes=(\d+)/g)].pop()?.[1] ?? 0);
  for (let waited = 0; writes() < 20; waited += 50) {
    if (waited > 30_000 || child.exitCode !== null)
      throw new Error(`writer did not start: ${errors}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    writes,
    stop: async () => {
      child.kill('SIGTERM');
      assert.equal(await exited, 0, errors);
      return writes();
    },
  };
}

for (const dialect of await availableDialects()) {
  describe(`stockpool backup and restore on ${dialect}`, () => {
    let source: TestDatabase;
    let restored: TestDatabase;
    let dir: string;
    before(async () => {
      dir = mkdtempSync(join(tmpdir(), 'stockpool-backup-'));
      source = await createTestDatabase(dialect);
      restored = await createTestDatabase(dialect);
      const run = await runCli(['import', join(REPO_ROOT, 'examples', 'sample-import.xlsx')], {
        database: source.url,
      });
      assert.equal(run.code, 0, run.stderr);
    });
    after(async () => {
      await source.drop();
      await restored.drop();
      rmSync(dir, { recursive: true, force: true });
    });

    it('backs up while another process keeps writing; the restored copy passes the invariant check', async () => {
      const file = join(dir, `backup-${dialect}.bak`);
      const imported = await snapshot(source.url);
      const writer = await startWriter(source.url);
      const writesBefore = writer.writes();
      const backup = await runCli(['backup', file], { database: source.url });
      const writesAfter = writer.writes();
      const total = await writer.stop();
      assert.equal(backup.code, 0, backup.stderr);
      assert.match(backup.stdout, /Backed up .* to .*backup-/);
      assert.ok(writesAfter > writesBefore, 'the writer kept writing while the backup ran');
      assert.ok(statSync(file).size > 0);

      const restore = await runCli(['restore', file], { database: restored.url });
      assert.equal(restore.code, 0, restore.stderr);
      assert.match(restore.stdout, /Restored .* into /);
      assert.match(restore.stdout, /Invariant check: ok/);
      const copy = await snapshot(restored.url);
      assert.ok(copy.movements > imported.movements, 'the copy holds writes made after the import');
      assert.ok(
        copy.movements < (await snapshot(source.url)).movements,
        'and not those made after the backup',
      );
      assert.ok(total > 0);
      assert.deepEqual(await invariantsOf(restored.url), []);
      assert.deepEqual(await invariantsOf(source.url), []);
    });

    it('restore refuses while another process has the database open, and says why', async () => {
      const file = join(dir, `refuse-${dialect}.bak`);
      assert.equal((await runCli(['backup', file], { database: source.url })).code, 0);
      const before = await snapshot(restored.url);
      await withPool(restored.url, async (pool) => {
        await pool.database.db.selectFrom('skus').select('id').limit(1).execute();
        const refused = await runCli(['restore', file], { database: restored.url });
        assert.equal(refused.code, 4, refused.stderr);
        assert.match(refused.stderr, /is open in another process/);
      });
      assert.deepEqual(await snapshot(restored.url), before);
    });

    it('a file that is not a backup is refused and the database is left as it was', async () => {
      const file = join(dir, `junk-${dialect}.bak`);
      writeFileSync(file, 'not a database at all');
      const before = await snapshot(restored.url);
      const run = await runCli(['--lang', 'zh-CN', 'restore', file], { database: restored.url });
      assert.equal(run.code, 2, run.stderr);
      assert.match(run.stderr, /不是 StockPool 备份文件/);
      assert.deepEqual(await snapshot(restored.url), before);
    });
  });
}
