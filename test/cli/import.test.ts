// Proves `stockpool import` end to end on real SQLite and PostgreSQL, through the real command:
// English and Chinese files (xlsx and csv) import the same catalogue and stock, every bad row is
// reported with row, column and reason and nothing is written, --skip-bad-rows keeps the good
// rows, --dry-run writes nothing, and importing the same file again changes nothing.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { findSku } from '../../src/store/skus-repo.ts';
import { listWarehouses } from '../../src/store/warehouses-repo.ts';
import { availableDialects, createTestDatabase, type TestDatabase } from '../support/databases.ts';
import { invariantsOf, onHandBy, snapshot, withPool } from './support/cli-db.ts';
import { REPO_ROOT, runCli } from './support/run-cli.ts';

const EXAMPLES = join(REPO_ROOT, 'examples');

async function publicTableCount(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>(
      `select count(*) as n from information_schema.tables where table_schema = 'public'`,
    );
    return Number(rows[0]?.n);
  } finally {
    await client.end();
  }
}
const SAMPLE_ON_HAND = {
  'PC-IP15-BLK@GZ': 420,
  'PC-IP15-BLK@US-W': 85,
  'SP-IP15-2PK@GZ': 600,
  'CB-USBC-1M@GZ': 12,
  'CH-GAN-65W@US-W': 8,
  'YG-MAT-6MM@GZ': 0,
};

const BAD_CSV = [
  'SKU,Name,Warehouse,On hand,Cost,Currency,Components',
  'A-1,Case,GZ,5,1.50,USD,',
  'A-2,Cable,GZ,-3,,,',
  ',No code,GZ,1,,,',
  'A-3,Glass,GZ,2,abc,USD,',
  'A-4,Charger,GZ,4,2,,',
  'A-1,Case v2,US,1,,,',
  'A-1,,GZ,9,,,',
  'KIT,Kit,,,,,A-1*2+NOPE*1',
  'A-5,,GZ,3,,,',
  'A-6,,GZ,3,1,USD,',
].join('\n');

const BAD_CSV_REPORT = [
  'row 3, column "On hand": "-3" is not a whole number ≥ 0',
  'row 4, column "SKU": must not be empty',
  'row 5, column "Cost": "abc" is not an amount ≥ 0 with at most 2 decimals',
  'row 6, column "Cost": a cost needs a Currency on the same row',
  'row 7, column "Name": "Case v2" differs from row 2 ("Case")',
  'row 8, column "On hand": A-1 in warehouse GZ is already counted in row 2',
  'row 9, column "Components": SKU NOPE is not in StockPool and this file does not define it (with a Name)',
  'row 10, column "SKU": SKU A-5 is not in StockPool and this file does not define it (with a Name)',
  'row 11, column "Name": A-6 is a new SKU and needs a Name',
];

for (const dialect of await availableDialects()) {
  describe(`stockpool import on ${dialect}`, () => {
    let db: TestDatabase;
    let dir: string;
    const cli = (...args: string[]) => runCli(args, { database: db.url });
    before(() => {
      dir = mkdtempSync(join(tmpdir(), 'stockpool-import-'));
    });
    after(() => rmSync(dir, { recursive: true, force: true }));
    beforeEach(async () => {
      db = await createTestDatabase(dialect);
    });
    afterEach(async () => {
      await db.drop();
    });

    it('imports the English workbook: warehouses with their types, SKUs with cost and barcode, a bundle and opening stock', async () => {
      const run = await cli('import', join(EXAMPLES, 'sample-import.xlsx'));
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, /Admin token: sp_/);
      assert.deepEqual(await onHandBy(db.url), SAMPLE_ON_HAND);
      await withPool(db.url, async ({ database: { db: kdb } }) => {
        const warehouses = await listWarehouses(kdb, 'default');
        assert.deepEqual(
          warehouses.map((w) => [w.code, w.kind, w.country]),
          [
            ['GZ', 'domestic', 'CN'],
            ['US-W', 'overseas', 'US'],
          ],
        );
        const kit = await findSku(kdb, 'default', 'KIT-IP15');
        assert.equal(kit?.isBundle, true);
        assert.deepEqual(
          kit?.components.map((c) => `${c.sku}*${c.quantity}`),
          ['CB-USBC-1M*1', 'PC-IP15-BLK*1', 'SP-IP15-2PK*1'],
        );
        const cas = await findSku(kdb, 'default', 'PC-IP15-BLK');
        assert.deepEqual(
          [cas?.unitCostMinor, cas?.currency, cas?.barcode, cas?.lowStockThreshold],
          [180, 'USD', '6901234567892', 30],
        );
        const mat = await findSku(kdb, 'default', 'YG-MAT-6MM');
        assert.deepEqual(
          [mat?.unitCostMinor, mat?.currency, mat?.allowBackorder],
          [6200, 'CNY', true],
        );
      });
      assert.deepEqual(await invariantsOf(db.url), []);
    });

    it('imports the Chinese workbook and the Chinese CSV into the same stock', async () => {
      const xlsx = await cli(
        '--lang',
        'zh-CN',
        'import',
        join(EXAMPLES, 'sample-import.zh-CN.xlsx'),
      );
      assert.equal(xlsx.code, 0, xlsx.stderr);
      assert.match(xlsx.stdout, /导入完成/);
      assert.deepEqual(await onHandBy(db.url), SAMPLE_ON_HAND);
      const csv = await cli('import', join(EXAMPLES, 'sample-import.zh-CN.csv'));
      assert.equal(csv.code, 0, csv.stderr);
      assert.match(csv.stdout, /6 stock lines show the figure the last import already counted/);
      assert.deepEqual(await onHandBy(db.url), SAMPLE_ON_HAND);
      const skus = await snapshot(db.url);
      assert.equal(skus.skus, 6);
    });

    it('reports every bad row with row number, column and reason, and imports nothing', async () => {
      const file = join(dir, `bad-${dialect}.csv`);
      writeFileSync(file, BAD_CSV);
      await cli('migrate');
      const before = await snapshot(db.url);
      const run = await cli('import', file);
      assert.equal(run.code, 2);
      const reported = run.stderr.split('\n').map((l) => l.trim());
      for (const line of BAD_CSV_REPORT)
        assert.ok(reported.includes(line), `missing: ${line}\n${run.stderr}`);
      assert.match(run.stderr, /9 problem\(s\)/);
      assert.match(run.stderr, /nothing was imported/);
      assert.deepEqual(await snapshot(db.url), before);
    });

    it('with --skip-bad-rows imports the good rows and leaves out the bad ones and those that need them', async () => {
      const file = join(dir, `skip-${dialect}.csv`);
      writeFileSync(file, BAD_CSV);
      const run = await cli('import', file, '--skip-bad-rows');
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stderr, /Leaving out 9 bad row\(s\)/);
      assert.deepEqual(await onHandBy(db.url), { 'A-1@GZ': 5 });
      assert.equal((await snapshot(db.url)).skus, 1);
    });

    it('re-importing the same file changes nothing, and a changed figure adjusts only that stock', async () => {
      const sample = join(EXAMPLES, 'sample-import.csv');
      assert.equal((await cli('import', sample)).code, 0);
      const first = await snapshot(db.url);
      const again = await cli('import', sample);
      assert.equal(again.code, 0, again.stderr);
      assert.match(
        again.stdout,
        /6 stock lines show the figure the last import already counted: left alone/,
      );
      assert.deepEqual(await snapshot(db.url), first);

      // A sale after the import: re-importing the sheet with another line edited must not undo it.
      await withPool(db.url, async (pool) => {
        const actor = { tenantId: 'default', name: 'test' };
        const hold = await pool.inventory.placeHold(actor, {
          idempotencyKey: 'sale-1',
          sku: 'PC-IP15-BLK',
          warehouse: 'US-W',
          quantity: 5,
          orderRef: 'O-1',
          paid: true,
        });
        assert.ok(hold.ok);
        assert.ok((await pool.inventory.transitionHold(actor, hold.value.id, 'ship')).ok);
      });
      const afterSale = await snapshot(db.url);

      const changed = join(dir, `changed-${dialect}.csv`);
      writeFileSync(changed, readFileSync(sample, 'utf8').replace(',GZ,420', ',GZ,400'));
      const dry = await cli('import', changed, '--dry-run');
      assert.equal(dry.code, 0, dry.stderr);
      assert.match(dry.stdout, /PC-IP15-BLK\s+GZ\s+420\s+400\s+-20/);
      assert.doesNotMatch(dry.stdout, /US-W\s+80\s+85/);
      assert.match(dry.stdout, /Dry run: nothing was written/);
      assert.deepEqual(await snapshot(db.url), afterSale);

      assert.equal((await cli('import', changed)).code, 0);
      const sold = { ...SAMPLE_ON_HAND, 'PC-IP15-BLK@GZ': 400, 'PC-IP15-BLK@US-W': 80 };
      assert.deepEqual(await onHandBy(db.url), sold);

      const recount = await cli('import', changed, '--recount');
      assert.equal(recount.code, 0, recount.stderr);
      assert.deepEqual(await onHandBy(db.url), { ...sold, 'PC-IP15-BLK@US-W': 85 });
      assert.deepEqual(await invariantsOf(db.url), []);
    });

    it('a dry run or a bad file on a database that does not exist yet creates nothing, not even tables', async () => {
      const dry = await cli('import', join(EXAMPLES, 'sample-import.xlsx'), '--dry-run');
      assert.equal(dry.code, 0, dry.stderr);
      assert.match(dry.stdout, /SKUs: 5 new, 1 new bundles/);
      const bad = join(dir, 'fresh-bad.csv');
      writeFileSync(bad, BAD_CSV);
      assert.equal((await cli('import', bad)).code, 2);
      if (dialect === 'sqlite') assert.equal(existsSync(db.url), false);
      else assert.equal(await publicTableCount(db.url), 0);
    });
  });
}

describe('stockpool import, file problems', () => {
  it('a missing file, an unsupported type and a sheet without its required column are clear errors', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stockpool-import-'));
    try {
      const database = join(dir, 'x.db');
      const missing = await runCli(['import', join(dir, 'nope.csv')], { database });
      assert.equal(missing.code, 3);
      assert.match(missing.stderr, /does not exist/);
      writeFileSync(join(dir, 'list.txt.json'), '{}');
      const json = await runCli(['import', join(dir, 'list.txt.json')], { database });
      assert.equal(json.code, 2);
      assert.match(json.stderr, /use \.xlsx or \.csv/);
      writeFileSync(join(dir, 'no-sku.csv'), '商品名称,库存数量\n手机壳,3\n');
      const noSku = await runCli(['--lang', 'zh-CN', 'import', join(dir, 'no-sku.csv')], {
        database,
      });
      assert.equal(noSku.code, 2);
      assert.match(noSku.stderr, /第 1 行：缺少“商品编码”列/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
