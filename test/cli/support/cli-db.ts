/** Looks into a database a CLI child process wrote, from the test process. */
import { openStockPool, type StockPool } from '../../../src/main.ts';
import { checkInvariants, type InvariantViolation } from '../../../src/store/invariant-check.ts';

export async function withPool<T>(url: string, run: (pool: StockPool) => Promise<T>): Promise<T> {
  const pool = await openStockPool({ databaseUrl: url, migrate: false, poolSize: 2 });
  try {
    return await run(pool);
  } finally {
    await pool.close();
  }
}

export interface DbSnapshot {
  warehouses: number;
  skus: number;
  bundleComponents: number;
  movements: number;
  operations: number;
  tokens: number;
}

export function snapshot(url: string): Promise<DbSnapshot> {
  return withPool(url, async ({ database: { db } }) => {
    const count = async (
      table:
        'warehouses' | 'skus' | 'bundle_components' | 'movements' | 'operations' | 'api_tokens',
    ) =>
      Number(
        (
          await db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    return {
      warehouses: await count('warehouses'),
      skus: await count('skus'),
      bundleComponents: await count('bundle_components'),
      movements: await count('movements'),
      operations: await count('operations'),
      tokens: await count('api_tokens'),
    };
  });
}

/** On hand per `SKU@warehouse`, for every stock row of the tenant. */
export function onHandBy(url: string, tenantId = 'default'): Promise<Record<string, number>> {
  return withPool(url, async ({ database: { db } }) => {
    const rows = await db
      .selectFrom('stock_levels as l')
      .innerJoin('skus as s', 's.id', 'l.sku_id')
      .innerJoin('warehouses as w', 'w.id', 'l.warehouse_id')
      .select(['s.code', 'w.code as warehouse', 'l.on_hand'])
      .where('l.tenant_id', '=', tenantId)
      .execute();
    return Object.fromEntries(rows.map((r) => [`${r.code}@${r.warehouse}`, Number(r.on_hand)]));
  });
}

export function invariantsOf(url: string): Promise<InvariantViolation[]> {
  return withPool(url, (pool) => checkInvariants(pool.database.db, pool.database.dialect));
}
