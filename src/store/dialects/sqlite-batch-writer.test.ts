// Proves that SQLite's group commit keeps every command's result exact while opening savepoints
// only where needed: a command that fails after writing through Kysely is undone alone, and one
// that fails after the engine's unguarded hold write sends its batch round again in safe mode, so
// its writes vanish while every other command of the batch is applied exactly once.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fail, succeed, type Outcome } from '../../domain/outcome.ts';
import { closeAndDrop } from '../../../test/support/close-database.ts';
import {
  openFixture,
  seedCatalog,
  START_MS,
  type Fixture,
} from '../../../test/support/stockpool-fixture.ts';
import { findHoldTarget } from '../catalog-lookup.ts';
import { recordHoldIfAvailable } from '../holds-repo.ts';
import { insertOperation } from '../operations-repo.ts';
import { readLevel } from '../stock-levels-repo.ts';
import type { Tx, WriteCommand } from '../write-executor.ts';

describe('the SQLite batch writer', () => {
  let f: Fixture;
  before(async () => {
    f = await openFixture('sqlite');
    await seedCatalog(f);
    const received = await f.pool.inventory.receive(f.actor, {
      idempotencyKey: 'stock',
      warehouse: 'GZ',
      lines: [{ sku: 'A', quantity: 10 }],
    });
    assert.ok(received.ok);
  });
  after(async () => {
    assert.deepEqual(await f.invariants(), []);
    await closeAndDrop(f.pool, f.testDb);
  });

  /** Runs the commands so that they queue together and share one transaction. */
  function runTogether(
    commands: WriteCommand<unknown>[],
  ): Promise<PromiseSettledResult<unknown>[]> {
    return Promise.allSettled(commands.map((c) => f.pool.database.writer.run(c)));
  }

  function recordKey(key: string) {
    return (trx: Tx) =>
      insertOperation(trx, {
        tenantId: f.actor.tenantId,
        key,
        kind: 'test',
        requestHash: key,
        result: { key },
        nowMs: START_MS,
      });
  }

  async function storedKeys(prefix: string): Promise<string[]> {
    const rows = await f.pool.database.db
      .selectFrom('operations')
      .select('key')
      .where('key', 'like', `${prefix}%`)
      .orderBy('key')
      .execute();
    return rows.map((r) => r.key);
  }

  it('undoes a command that fails after writing, and commits the rest of its batch', async () => {
    const settled = await runTogether([
      async (trx) => (await recordKey('k-1')(trx), succeed('one')),
      async (trx) => (await recordKey('k-2')(trx), fail('SKU_NOT_FOUND', { sku: 'x' })),
      async (trx) => {
        await recordKey('k-3')(trx);
        throw new Error('a bug after a write');
      },
      async () => fail('WAREHOUSE_NOT_FOUND', { warehouse: 'read-only failure' }),
      async (trx) => (await recordKey('k-5')(trx), succeed('five')),
    ]);
    assert.deepEqual(
      settled.map((s) => (s.status === 'fulfilled' ? (s.value as Outcome<unknown>).ok : 'threw')),
      [true, false, 'threw', false, true],
    );
    assert.deepEqual(await storedKeys('k-'), ['k-1', 'k-5']);
  });

  it('runs a batch again when a command fails after an unguarded hold write', async () => {
    let firstRuns = 0;
    const level = await levelOfA();
    const settled = await runTogether([
      async (trx) => {
        firstRuns++;
        await recordKey('u-1')(trx);
        return succeed('kept');
      },
      async (trx) => {
        const held = await recordHoldIfAvailable(trx, await plainHoldWrite(trx, 'u-2'));
        assert.ok(held);
        return fail('INSUFFICIENT_STOCK', { reason: 'failing after the write' });
      },
      async (trx) => (await recordKey('u-3')(trx), succeed('kept too')),
    ]);
    assert.deepEqual(
      settled.map((s) => s.status === 'fulfilled' && (s.value as Outcome<unknown>).ok),
      [true, false, true],
    );
    assert.equal(firstRuns, 2, 'the batch ran once, was rolled back whole, and ran again');
    assert.deepEqual(await storedKeys('u-'), ['u-1', 'u-3']);
    assert.deepEqual(await levelOfA(), level, 'the failed hold reserved nothing');
    const holds = await f.pool.database.db
      .selectFrom('holds')
      .select('id')
      .where('operation_key', '=', 'u-2')
      .execute();
    assert.deepEqual(holds, []);
  });

  async function levelOfA() {
    const outcome = await f.pool.database.writer.run(async (trx) => {
      const target = await targetOf(trx, 'none');
      return succeed(await readLevel(trx, target.level));
    });
    assert.ok(outcome.ok);
    return outcome.value;
  }

  async function targetOf(trx: Tx, key: string) {
    const t = await findHoldTarget(trx, {
      tenantId: f.actor.tenantId,
      operationKey: key,
      skuCode: 'A',
      warehouseCode: 'GZ',
    });
    assert.ok(t.sku && t.warehouse);
    return {
      skuId: t.sku.id,
      warehouseId: t.warehouse.id,
      level: { tenantId: f.actor.tenantId, skuId: t.sku.id, warehouseId: t.warehouse.id },
    };
  }

  async function plainHoldWrite(trx: Tx, key: string) {
    const { skuId, warehouseId, level } = await targetOf(trx, key);
    const tenantId = f.actor.tenantId;
    const at = START_MS;
    return {
      level,
      quantity: 1,
      nowMs: at,
      hold: {
        id: `hld_${key}`,
        tenant_id: tenantId,
        sku_id: skuId,
        warehouse_id: warehouseId,
        quantity: 1,
        status: 'held',
        order_ref: key,
        line_ref: null,
        operation_key: key,
        actor: 'tester',
        expires_at: at + 60_000,
        created_at: at,
        updated_at: at,
      },
      movement: {
        tenant_id: tenantId,
        operation_key: key,
        seq: 1,
        kind: 'hold',
        sku_id: skuId,
        warehouse_id: warehouseId,
        on_hand_delta: 0,
        reserved_delta: 1,
        counted: null,
        reference_type: 'order',
        reference_id: key,
        hold_id: `hld_${key}`,
        actor: 'tester',
        note: null,
        created_at: at,
      },
      operation: {
        tenant_id: tenantId,
        key,
        kind: 'hold',
        request_hash: key,
        result_json: '{}',
        created_at: at,
      },
    };
  }
});
