// Proves what each ledger movement kind does to on_hand and reserved, so that summing a ledger
// reproduces the balance (QUALITY.md I1) and a hold's life nets out to what it shipped.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  MAX_LINE_QUANTITY,
  MOVEMENT_KINDS,
  REFERENCE_TYPES,
  effectOf,
  type MovementKind,
} from './movements.ts';

describe('effectOf', () => {
  const table: Record<MovementKind, [number, number]> = {
    receipt: [5, 0],
    adjust: [5, 0],
    hold: [0, 5],
    release: [0, -5],
    ship: [-5, -5],
    return: [5, 0],
    transfer_out: [-5, 0],
    transfer_in: [5, 0],
  };
  for (const kind of MOVEMENT_KINDS) {
    it(`${kind} of 5 units changes on hand by ${table[kind][0]} and reserved by ${table[kind][1]}`, () => {
      assert.deepEqual(effectOf(kind, 5), {
        onHandDelta: table[kind][0],
        reservedDelta: table[kind][1],
      });
    });
  }

  it('an adjust carries its signed difference, down as well as up', () => {
    assert.deepEqual(effectOf('adjust', -3), { onHandDelta: -3, reservedDelta: 0 });
  });

  it('a zero-unit movement changes nothing', () => {
    for (const kind of MOVEMENT_KINDS) {
      const e = effectOf(kind, 0);
      assert.equal(Math.abs(e.onHandDelta) + Math.abs(e.reservedDelta), 0, kind);
    }
  });

  it('hold then ship nets to −q on hand and 0 reserved; hold then release nets to nothing', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: MAX_LINE_QUANTITY }), (q) => {
        const [h, s, r] = [effectOf('hold', q), effectOf('ship', q), effectOf('release', q)];
        assert.equal(h.onHandDelta + s.onHandDelta, -q);
        assert.equal(h.reservedDelta + s.reservedDelta, 0);
        assert.equal(h.onHandDelta + r.onHandDelta, 0);
        assert.equal(h.reservedDelta + r.reservedDelta, 0);
      }),
    );
  });

  it('a transfer out and in of the same quantity conserves total on hand', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: MAX_LINE_QUANTITY }), (q) => {
        assert.equal(
          effectOf('transfer_out', q).onHandDelta + effectOf('transfer_in', q).onHandDelta,
          0,
        );
      }),
    );
  });

  it('the balance is the sum of the effects, whatever order the movements come in', () => {
    const movement = fc.record({
      kind: fc.constantFrom(...MOVEMENT_KINDS),
      quantity: fc.integer({ min: 0, max: 1000 }),
    });
    fc.assert(
      fc.property(fc.array(movement, { maxLength: 40 }), (ms) => {
        const sum = (list: typeof ms) =>
          list.reduce(
            (acc, m) => {
              const e = effectOf(m.kind, m.quantity);
              return {
                onHand: acc.onHand + e.onHandDelta,
                reserved: acc.reserved + e.reservedDelta,
              };
            },
            { onHand: 0, reserved: 0 },
          );
        assert.deepEqual(sum(ms), sum([...ms].reverse()));
      }),
    );
  });
});

describe('movement vocabulary', () => {
  it('lists the eight kinds of the issue, each once', () => {
    assert.deepEqual([...MOVEMENT_KINDS].sort(), [
      'adjust',
      'hold',
      'receipt',
      'release',
      'return',
      'ship',
      'transfer_in',
      'transfer_out',
    ]);
  });

  it('references point at orders, POs, transfers, stock-takes, imports, manual entries and returns', () => {
    assert.equal(new Set(REFERENCE_TYPES).size, REFERENCE_TYPES.length);
    for (const t of ['order', 'po', 'transfer', 'stocktake'])
      assert.ok((REFERENCE_TYPES as readonly string[]).includes(t));
  });

  it('a million lines of the largest quantity still sum to an exact integer', () => {
    assert.ok(Number.isSafeInteger(MAX_LINE_QUANTITY * 1_000_000));
  });
});
