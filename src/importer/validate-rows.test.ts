// Proves row validation reports every bad cell with its row, its column as the seller wrote it,
// and a reason, reads English and Chinese headers alike, and turns good rows into typed records.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeRowError } from './row-error-messages.ts';
import type { RawSheet } from './raw-sheet.ts';
import { validateFile } from './validate-file.ts';

function csv(headers: string[], rows: string[][]): RawSheet {
  return {
    name: null,
    headers,
    headerRowNumber: 1,
    rows: rows.map((cells, i) => ({ rowNumber: i + 2, cells })),
  };
}

const file = (...sheets: RawSheet[]) => ({ path: 'x', format: 'xlsx' as const, sheets });

describe('row validation', () => {
  it('reads English and Chinese headers into the same records', () => {
    const en = validateFile(
      file(
        csv(
          ['SKU', 'Name', 'Warehouse', 'On hand', 'Cost', 'Currency'],
          [['A', 'Case', 'GZ', '5', '1.5', 'usd']],
        ),
      ),
    );
    const zh = validateFile(
      file(
        csv(
          ['商品编码', '商品名称', '仓库', '库存数量', '成本价', '币种'],
          [['A', 'Case', 'GZ', '5', '1.5', 'usd']],
        ),
      ),
    );
    assert.deepEqual(en.errors, []);
    assert.deepEqual(en.itemRows, zh.itemRows);
    assert.deepEqual(en.itemRows[0], {
      sheet: null,
      row: 2,
      sku: 'A',
      name: 'Case',
      costMinor: 150,
      currency: 'USD',
      stock: { warehouse: 'GZ', onHand: 5 },
    });
  });

  it('reports every bad cell of every row with row number, column and reason', () => {
    const result = validateFile(
      file(
        csv(
          ['SKU', 'Name', 'Warehouse', 'On hand', 'Cost', 'Currency', 'Components'],
          [
            ['A', 'ok', 'GZ', '-3', '', '', ''],
            ['', 'no code', 'GZ', '1', '2', '', ''],
            ['B', 'b', '', '', 'x', 'USD', 'A**2'],
          ],
        ),
      ),
    );
    const messages = result.errors.map((e) => describeRowError(e, 'en'));
    assert.deepEqual(messages, [
      'row 2, column "On hand": "-3" is not a whole number ≥ 0',
      'row 3, column "SKU": must not be empty',
      'row 3, column "Cost": a cost needs a Currency on the same row',
      'row 4, column "Cost": "x" is not an amount ≥ 0 with at most 2 decimals',
      'row 4, column "Components": "A**2" is not a component list like A*2+B*1',
    ]);
    assert.equal(result.itemRows.length, 0);
  });

  it('names the Chinese column in a Chinese report', () => {
    const result = validateFile(file(csv(['商品编码', '仓库', '库存数量'], [['A', 'GZ', '三']])));
    assert.deepEqual(
      result.errors.map((e) => describeRowError(e, 'zh-CN')),
      ['第 2 行，“库存数量”列：“三”不是大于等于 0 的整数'],
    );
  });

  it('a stock figure without a warehouse is an error unless a default warehouse is given', () => {
    const sheet = csv(['SKU', 'On hand'], [['A', '4']]);
    assert.equal(validateFile(file(sheet)).errors[0]?.reason, 'WAREHOUSE_NEEDED');
    const withDefault = validateFile(file(sheet), { defaultWarehouse: 'GZ' });
    assert.deepEqual(withDefault.itemRows[0]?.stock, { warehouse: 'GZ', onHand: 4 });
  });

  it('named sheets must carry their required columns; unknown sheets without a SKU column are ignored', () => {
    const stock: RawSheet = { ...csv(['SKU', 'Warehouse'], [['A', 'GZ']]), name: 'Stock' };
    const notes: RawSheet = { ...csv(['Hello'], [['world']]), name: 'Notes' };
    const result = validateFile(file(stock, notes));
    assert.deepEqual(
      result.errors.map((e) => describeRowError(e, 'en')),
      ['sheet "Stock", row 1: the sheet has no "On hand" column'],
    );
    assert.deepEqual(result.ignoredSheets, ['Notes']);
  });

  it('a bundle row may not carry stock, nor contain itself', () => {
    const result = validateFile(
      file(
        csv(
          ['SKU', 'Name', 'Components', 'Warehouse', 'On hand'],
          [['KIT', 'Kit', 'KIT*2', 'GZ', '3']],
        ),
      ),
    );
    assert.deepEqual(
      result.errors.map((e) => e.reason),
      ['BUNDLE_CONTAINS_ITSELF', 'STOCK_ON_BUNDLE'],
    );
  });

  it('blank rows are skipped and unknown columns are listed, not fatal', () => {
    const result = validateFile(
      file(
        csv(
          ['SKU', 'Name', 'Colour'],
          [
            ['', '', ''],
            ['A', 'Case', 'red'],
          ],
        ),
      ),
    );
    assert.equal(result.errors.length, 0);
    assert.equal(result.dataRows, 1);
    assert.deepEqual(result.ignoredColumns, [{ sheet: null, headers: ['Colour'] }]);
  });
});
