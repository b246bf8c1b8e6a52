/**
 * Every value StockPool keeps sealed (encrypted with the secret key, access/secret-box.ts), as
 * the ciphertext only, for re-sealing them under a new key after a rotation. Today that is one
 * column, shops.credentials (a shop's app secret and tokens); a new sealed column is one more
 * entry in SEALED_COLUMNS.
 */
import type { Kysely } from 'kysely';
import type { DB } from './schema.ts';

/** One sealed value: the row it is in and its ciphertext. */
export interface SealedValue {
  rowId: string;
  sealed: string;
}

/** A column holding sealed values: read in pages, rewritten only over the value read. */
export interface SealedColumn {
  /** `table.column`, for reports. */
  name: string;
  /** Up to `limit` values of rows after `afterRowId` (all tenants), in row-id order. */
  page(db: Kysely<DB>, q: { afterRowId: string | null; limit: number }): Promise<SealedValue[]>;
  /**
   * Replaces one value with `to`, only while it is still `from` (compare-and-set): false when
   * anything wrote the column since it was read. Leaves every other column as it is: the clear
   * value is the same, so nothing else about the row changes.
   */
  replace(db: Kysely<DB>, q: { rowId: string; from: string; to: string }): Promise<boolean>;
  /** The value of one row now, or null when the row is gone. */
  read(db: Kysely<DB>, rowId: string): Promise<string | null>;
}

const shopCredentials: SealedColumn = {
  name: 'shops.credentials',
  async page(db, q) {
    let query = db.selectFrom('shops').select(['id', 'credentials']).orderBy('id').limit(q.limit);
    if (q.afterRowId !== null) query = query.where('id', '>', q.afterRowId);
    const rows = await query.execute();
    return rows.map((r) => ({ rowId: r.id, sealed: r.credentials }));
  },
  async replace(db, q) {
    // Not updated_at nor the token version: a refresh that began from the old value holds the
    // same tokens and may still store its newer ones over this.
    const r = await db
      .updateTable('shops')
      .set({ credentials: q.to })
      .where('id', '=', q.rowId)
      .where('credentials', '=', q.from)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  },
  async read(db, rowId) {
    const row = await db
      .selectFrom('shops')
      .select('credentials')
      .where('id', '=', rowId)
      .executeTakeFirst();
    return row?.credentials ?? null;
  },
};

/** Every sealed column, in the order they are re-sealed. */
export const SEALED_COLUMNS: readonly SealedColumn[] = [shopCredentials];
