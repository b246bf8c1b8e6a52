// Proves the checks that span rows: a SKU's details must agree across rows, a warehouse and SKU
// pair is counted once, and bundles neither nest nor carry stock.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assembleDraft } from './assemble.ts';
import { describeRowError } from './row-error-messages.ts';
import type { RawSheet } from './raw-sheet.ts';
import { validateFile } from './validate-file.ts';

function draftOf(headers: string[], rows: string[][]) {
  const sheet: RawSheet = {
    name: null,
    headers,
    headerRowNumber: 1,
    rows: rows.map((cells, i) => ({ rowNumber: i + 2, cells })),
  };
  const v = validateFile({ path: 'x', format: 'csv', sheets: [sheet] });
  assert.deepEqual(v.errors, []);
  return assembleDraft(v);
}

describe('assembling rows', () => {
  it('one SKU over several warehouse rows becomes one SKU with a count per warehouse', () => {
    const d = draftOf(
      ['SKU', 'Name', 'Warehouse', 'On hand'],
      [
        ['A', 'Case', 'GZ', '5'],
        ['A', '', 'US', '7'],
      ],
    );
    assert.equal(d.skus.size, 1);
    assert.equal(d.skus.get('A')?.details.name, 'Case');
    assert.deepEqual(
      d.stock.map((s) => [s.warehouse, s.onHand]),
      [
        ['GZ', 5],
        ['US', 7],
      ],
    );
    assert.deepEqual(d.errors, []);
  });

  it('a detail that differs from an earlier row, and a second count, are reported on the later row', () => {
    const d = draftOf(
      ['SKU', 'Name', 'Warehouse', 'On hand'],
      [
        ['A', 'Case', 'GZ', '5'],
        ['A', 'Cover', 'GZ', '6'],
      ],
    );
    assert.deepEqual(
      d.errors.map((e) => describeRowError(e, 'en')),
      [
        'row 3, column "Name": "Cover" differs from row 2 ("Case")',
        'row 3, column "On hand": A in warehouse GZ is already counted in row 2',
      ],
    );
  });

  it('a bundle inside a bundle and stock on a bundle are refused', () => {
    const d = draftOf(
      ['SKU', 'Name', 'Components', 'Warehouse', 'On hand'],
      [
        ['A', 'a', '', 'GZ', '1'],
        ['K1', 'kit', 'A*2', '', ''],
        ['K2', 'kit of kits', 'K1*2', '', ''],
        ['K1', '', '', 'GZ', '4'],
      ],
    );
    assert.deepEqual(
      d.errors.map((e) => [e.row, e.reason]),
      [
        [4, 'COMPONENT_IS_BUNDLE'],
        [5, 'STOCK_ON_BUNDLE'],
      ],
    );
  });
});
