/**
 * Random command sequences for the model-based inventory test: mostly valid requests over two
 * warehouses, three plain SKUs (one back-ordering) and two bundles, with a share of invalid ones
 * (bundle or duplicate lines, unknown SKUs and warehouses, same-warehouse transfers) and of
 * misuse (another tenant's ids, reserved keys, used keys with other requests).
 */
import fc from 'fast-check';
import {
  ClockCommand,
  ExpiryEdgeCommand,
  KeyedCommand,
  ReceiveTransferCommand,
  RestartCommand,
  TransitionCommand,
  type InventoryCommand,
} from './inventory-commands.ts';
import {
  KeyReuseCommand,
  MisuseCommand,
  ReplayCommand,
  ReplayPrefixCommand,
} from './replay-commands.ts';
import { ALL_SKUS, BUNDLES, PLAIN_SKUS, WAREHOUSES } from './inventory-model.ts';

const warehouse = fc.constantFrom(...WAREHOUSES);
const reference = fc.constantFrom('PO-1', 'PO-2', 'ORD-9');

const stockLines = (maxQuantity: number) =>
  fc.uniqueArray(
    fc.record({
      sku: fc.constantFrom(...PLAIN_SKUS),
      quantity: fc.integer({ min: 1, max: maxQuantity }),
    }),
    { minLength: 1, maxLength: 3, selector: (l) => l.sku },
  );

const receipt = fc
  .record({
    kind: fc.constantFrom('receipt' as const, 'return' as const),
    warehouse,
    reference,
    lines: stockLines(30),
  })
  .map(({ kind, ...input }) => new KeyedCommand({ kind, input }));

const stocktake = fc
  .record({
    warehouse,
    reference,
    lines: fc.uniqueArray(
      fc.record({
        sku: fc.constantFrom(...PLAIN_SKUS),
        // Small counts often, so counts below what holds reserve come up.
        counted: fc.oneof(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 25 })),
      }),
      { minLength: 1, maxLength: 3, selector: (l) => l.sku },
    ),
  })
  .map((input) => new KeyedCommand({ kind: 'stocktake', input }));

const hold = fc
  .record(
    {
      sku: fc.constantFrom(...ALL_SKUS),
      warehouse,
      quantity: fc.integer({ min: 1, max: 6 }),
      orderRef: fc.constantFrom('ORD-1', 'ORD-2', 'ORD-3'),
      paid: fc.boolean(),
      expiresInMinutes: fc.integer({ min: 1, max: 30 }),
    },
    { requiredKeys: ['sku', 'warehouse', 'quantity', 'orderRef'] },
  )
  .map((input) => new KeyedCommand({ kind: 'hold', input }));

const transfer = fc
  .record({ from: warehouse, reference, lines: stockLines(10) })
  .map(({ from, ...rest }) => {
    const to = from === 'W1' ? 'W2' : 'W1';
    return new KeyedCommand({ kind: 'transfer', input: { from, to, ...rest } });
  });

const rejected = fc.constantFrom<InventoryCommand>(
  new KeyedCommand({
    kind: 'receipt',
    input: {
      warehouse: 'W1',
      reference: 'PO-1',
      lines: [{ sku: Object.keys(BUNDLES)[0] ?? 'KIT', quantity: 1 }],
    },
  }),
  new KeyedCommand({
    kind: 'stocktake',
    input: {
      warehouse: 'W1',
      reference: 'ST',
      lines: [
        { sku: 'A', counted: 1 },
        { sku: 'A', counted: 2 },
      ],
    },
  }),
  new KeyedCommand({
    kind: 'hold',
    input: { sku: 'NOPE', warehouse: 'W1', quantity: 1, orderRef: 'O' },
  }),
  new KeyedCommand({
    kind: 'hold',
    input: { sku: 'A', warehouse: 'W9', quantity: 1, orderRef: 'O' },
  }),
  new KeyedCommand({
    kind: 'return',
    input: { warehouse: 'W9', reference: 'R', lines: [{ sku: 'A', quantity: 1 }] },
  }),
  new KeyedCommand({
    kind: 'transfer',
    input: { from: 'W1', to: 'W1', reference: 'T', lines: [{ sku: 'A', quantity: 1 }] },
  }),
  new MisuseCommand('foreign-hold'),
  new MisuseCommand('foreign-transfer'),
  new MisuseCommand('missing-hold'),
  new MisuseCommand('reserved-key'),
);

const transition = fc
  .record({
    index: fc.nat(1000),
    action: fc.constantFrom('confirm' as const, 'ship' as const, 'release' as const),
  })
  .map(({ index, action }) => new TransitionCommand(index, action));

const weighted = <T>(times: number, arb: fc.Arbitrary<T>): fc.Arbitrary<T>[] =>
  Array.from({ length: times }, () => arb);

/**
 * The generator: weights favour holds, their transitions and stock arriving. `replayPath` is
 * the one fast-check prints with a failing sequence (with its seed and path).
 */
export function inventoryCommands(
  maxCommands: number,
  replayPath?: string,
): fc.Arbitrary<Iterable<InventoryCommand>> {
  return fc.commands(
    [
      ...weighted(3, receipt),
      stocktake,
      ...weighted(4, hold),
      ...weighted(4, transition),
      transfer,
      fc.nat(1000).map((i) => new ReceiveTransferCommand(i)),
      ...weighted(
        2,
        fc
          .record({ minutes: fc.integer({ min: 1, max: 20 }), sweep: fc.boolean() })
          .map(({ minutes, sweep }) => new ClockCommand(minutes, sweep)),
      ),
      ...weighted(
        2,
        fc
          .record({ offsetMs: fc.constantFrom(-1, 0), sweep: fc.boolean() })
          .map(({ offsetMs, sweep }) => new ExpiryEdgeCommand(offsetMs, sweep)),
      ),
      fc.constant(new RestartCommand()),
      fc.nat(1000).map((i) => new ReplayCommand(i)),
      fc
        .record({ index: fc.nat(1000), otherKind: fc.boolean() })
        .map(({ index, otherKind }) => new KeyReuseCommand(index, otherKind)),
      fc.integer({ min: 0, max: 1000 }).map((p) => new ReplayPrefixCommand(p)),
      rejected,
    ],
    { maxCommands, size: 'medium', ...(replayPath ? { replayPath } : {}) },
  );
}
