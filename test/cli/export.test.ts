// Proves `stockpool export` writes what a seller can read and import back: a stock export (XLSX
// with all four sheets, or the flat CSV, in English or Chinese) imported into an empty database
// gives the same catalogue and stock, and the ledger export lists every movement.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { readImportFile } from '../../src/importer/read-file.ts';
import { createTestDatabase, type TestDatabase } from '../support/databases.ts';
import { onHandBy, snapshot } from './support/cli-db.ts';
import { REPO_ROOT, runCli } from './support/run-cli.ts';

async function sheetsOf(path: string) {
  const file = await readImportFile(path);
  assert.ok(file.ok);
  return file.value.sheets.map((s) => ({
    name: s.name,
    headers: s.headers,
    rows: s.rows.map((r) => r.cells),
  }));
}

describe('stockpool export', () => {
  let source: TestDatabase;
  let dir: string;
  const fresh: TestDatabase[] = [];
  const target = async () => {
    const db = await createTestDatabase('sqlite');
    fresh.push(db);
    return db;
  };

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'stockpool-export-'));
    source = await createTestDatabase('sqlite');
    const run = await runCli(['import', join(REPO_ROOT, 'examples', 'sample-import.xlsx')], {
      database: source.url,
    });
    assert.equal(run.code, 0, run.stderr);
  });
  after(async () => {
    for (const db of [source, ...fresh]) await db.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('an XLSX stock export imports into an empty database and exports again identically', async () => {
    const first = join(dir, 'stock.xlsx');
    const out = await runCli(['export', '--out', first], { database: source.url });
    assert.equal(out.code, 0, out.stderr);
    assert.match(out.stdout, /Wrote 14 rows to/);
    const sheets = await sheetsOf(first);
    assert.deepEqual(
      sheets.map((s) => s.name),
      ['Warehouses', 'SKUs', 'Bundles', 'Stock'],
    );
    const copy = await target();
    const imported = await runCli(['import', first], { database: copy.url });
    assert.equal(imported.code, 0, imported.stderr);
    assert.match(
      imported.stderr,
      /Ignored columns \(not recognised\) on sheet "Stock": Reserved, Available, Status/,
    );
    const second = join(dir, 'stock-again.xlsx');
    assert.equal((await runCli(['export', '--out', second], { database: copy.url })).code, 0);
    assert.deepEqual(await sheetsOf(second), sheets);
    assert.deepEqual(await onHandBy(copy.url), await onHandBy(source.url));
  });

  it('a flat CSV export (to a file or standard output) carries the same stock back in', async () => {
    const file = join(dir, 'stock.csv');
    assert.equal((await runCli(['export', '--out', file], { database: source.url })).code, 0);
    const stdout = await runCli(['export'], { database: source.url });
    assert.equal(stdout.code, 0);
    assert.equal(stdout.stdout, readFileSync(file, 'utf8'));
    assert.ok(stdout.stdout.startsWith('\uFEFFSKU,Name,Barcode,Cost,Currency'));
    const copy = await target();
    assert.equal((await runCli(['import', file], { database: copy.url })).code, 0);
    assert.deepEqual(await onHandBy(copy.url), await onHandBy(source.url));
    assert.equal((await snapshot(copy.url)).skus, (await snapshot(source.url)).skus);
  });

  it('a Chinese export has Chinese sheets and headers and imports back too', async () => {
    const file = join(dir, 'stock-zh.xlsx');
    const out = await runCli(['--lang', 'zh-CN', 'export', '--out', file], {
      database: source.url,
    });
    assert.equal(out.code, 0, out.stderr);
    assert.match(out.stdout, /已导出 14 行/);
    const sheets = await sheetsOf(file);
    assert.deepEqual(
      sheets.map((s) => s.name),
      ['仓库', '商品', '组合商品', '库存'],
    );
    assert.deepEqual(sheets[3]?.headers, [
      '商品编码',
      '商品名称',
      '仓库',
      '库存数量',
      '占用库存',
      '可用库存',
      '状态',
    ]);
    const copy = await target();
    assert.equal((await runCli(['import', file], { database: copy.url })).code, 0);
    assert.deepEqual(await onHandBy(copy.url), await onHandBy(source.url));
  });

  it('the ledger export lists every movement with its kind, SKU, warehouse and change', async () => {
    const file = join(dir, 'ledger.csv');
    const out = await runCli(['export', '--what', 'ledger', '--out', file], {
      database: source.url,
    });
    assert.equal(out.code, 0, out.stderr);
    const lines = readFileSync(file, 'utf8').trimEnd().split('\r\n');
    assert.equal(
      lines[0],
      '\uFEFFTime (UTC),Kind,SKU,Warehouse,On hand change,Reserved change,Counted,Reference type,Reference,Hold,Actor,Note,Idempotency key',
    );
    assert.equal(lines.length - 1, (await snapshot(source.url)).movements);
    assert.ok(
      lines.some((l) => /,stock-take,PC-IP15-BLK,GZ,420,0,420,import,/.test(l)),
      lines.join('\n'),
    );
  });

  it('an XLSX export without --out is a usage error', async () => {
    const run = await runCli(['export', '--format', 'xlsx'], { database: source.url });
    assert.equal(run.code, 2);
    assert.match(run.stderr, /needs --out/);
  });
});
