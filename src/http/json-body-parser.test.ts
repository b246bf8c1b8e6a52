// Proves the nesting check that guards the JSON parser counts only brackets outside strings,
// so deep junk is refused before parsing while brackets inside text never are.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { exceedsDepth } from './json-body-parser.ts';

describe('exceedsDepth', () => {
  it('allows nesting up to the limit and refuses one level more', () => {
    assert.equal(exceedsDepth('[[[]]]', 3), false);
    assert.equal(exceedsDepth('[[[[]]]]', 3), true);
    assert.equal(exceedsDepth('{"a":{"b":[1]}}', 3), false);
  });

  it('ignores brackets inside strings, escaped quotes included', () => {
    assert.equal(exceedsDepth(JSON.stringify({ note: '[[[[[[[[{{{{' }), 1), false);
    assert.equal(exceedsDepth(JSON.stringify({ note: 'say \\"[[[[ "' }), 1), false);
  });

  it('counts siblings as the same level', () => {
    assert.equal(exceedsDepth(JSON.stringify([[1], [2], [3], { a: 4 }]), 2), false);
    assert.equal(exceedsDepth(JSON.stringify([[1], [2], [3], { a: [4] }]), 2), true);
  });
});
