// Proves the CLI's small pure parts: the language is picked from --lang, STOCKPOOL_LANG or LANG;
// tables line up with Chinese text; every error code has an exit status in the documented bands.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EXIT, EXIT_CODE_OF } from './exit-codes.ts';
import { resolveLocale } from './main.ts';
import { displayWidth, renderTable } from './table.ts';
import { csvField } from '../exporter/write-table.ts';

describe('CLI basics', () => {
  it('--lang wins over STOCKPOOL_LANG, which wins over LANG; any zh tag means Chinese', () => {
    assert.equal(resolveLocale(['--lang', 'zh-CN', 'check'], { LANG: 'en_US.UTF-8' }), 'zh-CN');
    assert.equal(resolveLocale(['--lang=en'], { STOCKPOOL_LANG: 'zh-CN' }), 'en');
    assert.equal(resolveLocale(['check'], { STOCKPOOL_LANG: 'zh', LANG: 'C' }), 'zh-CN');
    assert.equal(resolveLocale(['check'], { LANG: 'zh_CN.UTF-8' }), 'zh-CN');
    assert.equal(resolveLocale(['check'], { LANG: 'C.UTF-8' }), 'en');
    assert.equal(resolveLocale([], {}), 'en');
  });

  it('tables measure Chinese characters as two columns', () => {
    assert.equal(displayWidth('库存abc'), 7);
    const lines = renderTable(
      ['仓库', 'Qty'],
      [
        ['GZ', '5'],
        ['广州仓', '12'],
      ],
      { numeric: new Set([1]) },
    );
    assert.deepEqual(lines, ['仓库    Qty', '------  ---', 'GZ        5', '广州仓   12']);
  });

  it('every error code exits with one of the documented statuses, never 0', () => {
    const allowed = new Set(Object.values(EXIT).filter((c) => c !== EXIT.ok));
    for (const [code, status] of Object.entries(EXIT_CODE_OF))
      assert.ok(allowed.has(status as never), code);
    assert.equal(EXIT_CODE_OF.IMPORT_INVALID, EXIT.usage);
    assert.equal(EXIT_CODE_OF.SKU_NOT_FOUND, EXIT.notFound);
    assert.equal(EXIT_CODE_OF.INSUFFICIENT_STOCK, EXIT.conflict);
    assert.equal(EXIT_CODE_OF.DATABASE_UNREACHABLE, EXIT.databaseUnavailable);
    assert.equal(EXIT_CODE_OF.INVARIANTS_FAILED, EXIT.invariantsFailed);
  });

  it('CSV export quotes what needs quoting and defuses formula-like text', () => {
    assert.equal(csvField('plain'), 'plain');
    assert.equal(csvField('a, "b"'), '"a, ""b"""');
    assert.equal(csvField('=HYPERLINK("x")'), `"'=HYPERLINK(""x"")"`);
    assert.equal(csvField('-3'), '-3');
    assert.equal(csvField(null), '');
    assert.equal(csvField(12.5), '12.5');
  });
});
