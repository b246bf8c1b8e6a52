/**
 * Re-sealing after a key rotation. The secret box opens values sealed under an older key as long
 * as that key is listed (STOCKPOOL_SECRET_KEYS_OLD), but only a write seals a value again, so a
 * shop whose credentials never change would need the old key forever. This finds every sealed
 * value not under the current key (SecretBox.isStale), opens it and seals it under the current
 * key, a page at a time, each page's writes in one transaction.
 *
 * Safe while StockPool runs: a value is replaced only while it is still the one read (a token
 * refresh that stored meanwhile wins, and its value is read and re-sealed again if it is stale).
 * Idempotent: a second run finds nothing stale and writes nothing. Reports counts and row ids,
 * never a clear value.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import {
  SEALED_COLUMNS,
  type SealedColumn,
  type SealedValue,
} from '../store/sealed-values-repo.ts';
import { SecretBoxError, type SecretBox } from './secret-box.ts';

/** What happened to one sealed column. */
export interface ResealColumnReport {
  /** `table.column`. */
  column: string;
  /** Sealed values found. */
  total: number;
  /** Values this run sealed again under the current key. */
  resealed: number;
  /** Values already under the current key (nothing to do). */
  current: number;
  /** Rows whose value no known key opens (its key is not configured, or it was altered). */
  unopenable: string[];
  /** Rows whose value kept changing while this ran (run again). */
  changing: string[];
}

export interface ResealReport {
  /** The current key's id (a hash prefix, not the key). */
  keyId: string;
  columns: ResealColumnReport[];
}

export interface ResealOptions {
  /** Values read and written per transaction. */
  pageSize?: number;
  /** The columns to re-seal (default: every sealed column). */
  columns?: readonly SealedColumn[];
}

const DEFAULT_PAGE_SIZE = 100;
/** Rounds for a value rewritten under us (a token refresh) before it is reported as changing. */
const MAX_ATTEMPTS = 3;

/** Re-seals every stale value of every sealed column under the box's current key. */
export async function resealStaleSecrets(
  db: Kysely<DB>,
  box: SecretBox,
  options: ResealOptions = {},
): Promise<ResealReport> {
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  const columns: ResealColumnReport[] = [];
  for (const column of options.columns ?? SEALED_COLUMNS)
    columns.push(await resealColumn(db, box, column, pageSize));
  return { keyId: box.currentKeyId, columns };
}

async function resealColumn(
  db: Kysely<DB>,
  box: SecretBox,
  column: SealedColumn,
  pageSize: number,
): Promise<ResealColumnReport> {
  const report: ResealColumnReport = {
    column: column.name,
    total: 0,
    resealed: 0,
    current: 0,
    unopenable: [],
    changing: [],
  };
  let afterRowId: string | null = null;
  for (;;) {
    const page = await column.page(db, { afterRowId, limit: pageSize });
    report.total += page.length;
    let pending = page;
    for (let attempt = 1; pending.length > 0; attempt++) {
      const missed = await resealPage(db, box, column, pending, report);
      if (missed.length > 0 && attempt === MAX_ATTEMPTS) {
        report.changing.push(...missed.map((v) => v.rowId));
        break;
      }
      pending = await readAgain(db, column, missed, report);
    }
    if (page.length < pageSize) return report;
    afterRowId = page[page.length - 1]?.rowId ?? null;
  }
}

/** Re-seals a page's stale values in one transaction; returns those written since they were read. */
async function resealPage(
  db: Kysely<DB>,
  box: SecretBox,
  column: SealedColumn,
  values: readonly SealedValue[],
  report: ResealColumnReport,
): Promise<SealedValue[]> {
  const writes: Array<{ value: SealedValue; to: string }> = [];
  for (const value of values) {
    if (!box.isStale(value.sealed)) report.current += 1;
    else {
      const to = sealAgain(box, value.sealed);
      if (to === null) report.unopenable.push(value.rowId);
      else writes.push({ value, to });
    }
  }
  if (writes.length === 0) return [];
  const missed = await db.transaction().execute(async (trx) => {
    const notReplaced: SealedValue[] = [];
    for (const { value, to } of writes) {
      const replaced = await column.replace(trx, { rowId: value.rowId, from: value.sealed, to });
      if (!replaced) notReplaced.push(value);
    }
    return notReplaced;
  });
  report.resealed += writes.length - missed.length;
  return missed;
}

/** The value sealed under the current key, or null when no configured key opens it. */
function sealAgain(box: SecretBox, sealed: string): string | null {
  try {
    return box.seal(box.open(sealed));
  } catch (error) {
    if (error instanceof SecretBoxError) return null;
    throw error;
  }
}

/** The values now stored for rows written meanwhile; a row deleted meanwhile is no longer counted. */
async function readAgain(
  db: Kysely<DB>,
  column: SealedColumn,
  values: readonly SealedValue[],
  report: ResealColumnReport,
): Promise<SealedValue[]> {
  const again: SealedValue[] = [];
  for (const { rowId } of values) {
    const sealed = await column.read(db, rowId);
    if (sealed === null) report.total -= 1;
    else again.push({ rowId, sealed });
  }
  return again;
}
