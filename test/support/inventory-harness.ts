/**
 * One real database per engine shared by thousands of property-test sequences, each in its own
 * tenant (tenants are isolated, and a tenant costs a few inserts where a database costs a
 * migration). Each sequence runs in its own stretch of the manual clock, earlier than every
 * stretch before it, so the expiry sweeper (which serves all tenants) only ever finds holds of
 * the sequence under test. "Restart" closes the StockPool and opens a new one on the same data.
 */
import assert from 'node:assert/strict';
import { ManualClock } from '../../src/adapters/clock.ts';
import { sequentialIds } from '../../src/adapters/ids.ts';
import type { Actor } from '../../src/inventory/command-context.ts';
import { sweepExpiredHolds } from '../../src/inventory/expiry-sweeper.ts';
import { openStockPool, type StockPool } from '../../src/main.ts';
import type { DialectName } from '../../src/store/dialect-name.ts';
import { checkInvariants, type InvariantViolation } from '../../src/store/invariant-check.ts';
import { insertTenant } from '../../src/store/tenants-repo.ts';
import { closeAndDrop } from './close-database.ts';
import { createTestDatabase, type TestDatabase } from './databases.ts';
import { BUNDLES, PLAIN_SKUS, WAREHOUSES, BACKORDER_SKUS } from './inventory-model.ts';

const DAY_MS = 86_400_000;
/** Sequences start at this time minus one day per sequence already run. */
const LATEST_START_MS = Date.parse('2030-01-01T00:00:00Z');
/** A fresh database after this many tenants keeps whole-database invariant checks cheap. */
const TENANTS_PER_DATABASE = 400;

export interface StoredLevel {
  sku: string;
  warehouse: string;
  onHand: number;
  reserved: number;
}

export interface ForeignIds {
  holdId: string | null;
  transferId: string | null;
}

export interface StoredHold {
  id: string;
  status: string;
  expiresAtMs: number | null;
  updatedAtMs: number;
}

export class InventoryHarness {
  private pool!: StockPool;
  private testDb!: TestDatabase;
  private tenantsInDatabase = 0;
  private sequences = 0;
  readonly clock = new ManualClock(LATEST_START_MS);
  /** One id source for every pool on a database, so ids stay unique across restarts. */
  private ids = sequentialIds();

  private constructor(readonly dialect: DialectName) {}

  static async open(dialect: DialectName): Promise<InventoryHarness> {
    const h = new InventoryHarness(dialect);
    await h.openDatabase();
    return h;
  }

  get stockPool(): StockPool {
    return this.pool;
  }

  private async openDatabase(): Promise<void> {
    this.testDb = await createTestDatabase(this.dialect);
    this.ids = sequentialIds();
    this.pool = await this.openPool();
    this.tenantsInDatabase = 0;
  }

  private openPool(): Promise<StockPool> {
    return openStockPool({ databaseUrl: this.testDb.url, clock: this.clock, ids: this.ids });
  }

  /** Closes the StockPool and opens a new one on the same database: nothing may be lost. */
  async restart(): Promise<void> {
    await this.pool.close();
    this.pool = await this.openPool();
  }

  /** A new tenant with warehouses W1, W2, SKUs A, B, C (C back-orders), KIT and MIX. */
  async newTenant(): Promise<TenantSession> {
    if (this.tenantsInDatabase >= TENANTS_PER_DATABASE) {
      await this.close();
      await this.openDatabase();
    }
    this.tenantsInDatabase++;
    const startMs = LATEST_START_MS - this.sequences * DAY_MS;
    const tenantId = `t${++this.sequences}`;
    this.clock.advanceMs(startMs - this.clock.nowMs());
    await insertTenant(this.pool.database.db, { id: tenantId, name: tenantId, nowMs: startMs });
    const { catalog } = this.pool;
    for (const code of WAREHOUSES)
      assert.ok(
        (await catalog.createWarehouse(tenantId, { code, name: code, kind: 'domestic' })).ok,
      );
    for (const code of PLAIN_SKUS) {
      const allowBackorder = BACKORDER_SKUS.has(code);
      assert.ok((await catalog.createSku(tenantId, { code, name: code, allowBackorder })).ok);
    }
    for (const [code, parts] of Object.entries(BUNDLES)) {
      const components = Object.entries(parts).map(([sku, quantity]) => ({ sku, quantity }));
      assert.ok((await catalog.createSku(tenantId, { code, name: code, components })).ok);
    }
    const foreignIds = await this.someIdsOfOtherTenants(tenantId);
    return new TenantSession(this, { tenantId, name: 'property-test' }, startMs, foreignIds);
  }

  /** A hold and a transfer of earlier tenants, for proving a tenant cannot touch them. */
  private async someIdsOfOtherTenants(tenantId: string): Promise<ForeignIds> {
    const db = this.pool.database.db;
    const hold = await db
      .selectFrom('holds')
      .select('id')
      .where('tenant_id', '<>', tenantId)
      .limit(1)
      .executeTakeFirst();
    const transfer = await db
      .selectFrom('transfers')
      .select('id')
      .where('tenant_id', '<>', tenantId)
      .limit(1)
      .executeTakeFirst();
    return { holdId: hold?.id ?? null, transferId: transfer?.id ?? null };
  }

  close(): Promise<void> {
    return closeAndDrop(this.pool, this.testDb);
  }
}

/** The system under test as one sequence sees it: its tenant, the pool of the moment, the clock. */
export class TenantSession {
  constructor(
    private readonly harness: InventoryHarness,
    readonly actor: Actor,
    readonly startMs: number,
    /** Ids that exist, but in other tenants. */
    readonly foreignIds: ForeignIds,
  ) {}

  get pool(): StockPool {
    return this.harness.stockPool;
  }

  get clock(): ManualClock {
    return this.harness.clock;
  }

  restart(): Promise<void> {
    return this.harness.restart();
  }

  sweep(): Promise<{ expired: number }> {
    const { database, inventory } = this.pool;
    return sweepExpiredHolds({ database, inventory, clock: this.clock });
  }

  async levels(): Promise<StoredLevel[]> {
    return this.pool.database.db
      .selectFrom('stock_levels as l')
      .innerJoin('skus as s', 's.id', 'l.sku_id')
      .innerJoin('warehouses as w', 'w.id', 'l.warehouse_id')
      .select(['s.code as sku', 'w.code as warehouse', 'l.on_hand as onHand', 'l.reserved'])
      .where('l.tenant_id', '=', this.actor.tenantId)
      .execute();
  }

  async holds(): Promise<StoredHold[]> {
    const rows = await this.pool.database.db
      .selectFrom('holds')
      .select(['id', 'status', 'expires_at', 'updated_at'])
      .where('tenant_id', '=', this.actor.tenantId)
      .execute();
    return rows.map((r) => ({
      id: r.id,
      status: r.status,
      expiresAtMs: r.expires_at === null ? null : Number(r.expires_at),
      updatedAtMs: Number(r.updated_at),
    }));
  }

  async counts(): Promise<{ movements: number; operations: number; holds: number }> {
    const db = this.pool.database.db;
    const count = async (table: 'movements' | 'operations' | 'holds') => {
      const row = await db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('tenant_id', '=', this.actor.tenantId)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    };
    return {
      movements: await count('movements'),
      operations: await count('operations'),
      holds: await count('holds'),
    };
  }

  /** checkInvariants over the database, keeping what concerns this tenant and storage itself. */
  async invariants(): Promise<InvariantViolation[]> {
    const all = await checkInvariants(this.pool.database.db, this.pool.database.dialect);
    const mine = `: ${this.actor.tenantId}|`;
    return all.filter(
      (v) =>
        v.tenantId === this.actor.tenantId ||
        v.rule === 'storage' ||
        (v.detail?.includes(mine) ?? false),
    );
  }
}
