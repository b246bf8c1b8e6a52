/**
 * Savepoints only where a command needs one. In a group commit every command must be undoable
 * alone, and a savepoint does that, but it is not free: while one is open SQLite copies each
 * page's original into a sub-journal the first time the command changes it (a temp file beyond
 * 64 KiB: measured at ~28 write syscalls and ~60 KB per plain hold, a third of its CPU time). So:
 *  - a command gets its savepoint just before its first write through Kysely; one that only reads
 *    (a replay, a refusal found before writing) never opens one;
 *  - the engine's plain-hold writer (sqlite-holds.ts) is all or nothing by itself (the guard runs
 *    first, and nothing is written when it refuses), so it writes without one;
 *  - a command that fails or throws after such unguarded writes cannot be undone alone (only a bug
 *    does that): the batch reports `restart`, is rolled back whole and runs again in safe mode,
 *    a savepoint around every command from its start.
 */
import type BetterSqlite3 from 'better-sqlite3';

/** How a command ended: its writes kept, undone alone, or only undoable with the whole batch. */
export type CommandEnd = 'kept' | 'undone' | 'restart';

export class SqliteCommandScope {
  private readonly savepoint: BetterSqlite3.Statement;
  private readonly rollbackTo: BetterSqlite3.Statement;
  private readonly release: BetterSqlite3.Statement;
  private current: { savepoint: boolean; unguarded: boolean } | null = null;

  constructor(raw: BetterSqlite3.Database) {
    this.savepoint = raw.prepare('savepoint command');
    this.rollbackTo = raw.prepare('rollback to command');
    this.release = raw.prepare('release command');
  }

  /** A command starts; in safe mode its savepoint opens at once. */
  start(safe: boolean): void {
    this.current = { savepoint: false, unguarded: false };
    if (safe) this.beforeWrite();
  }

  /** Called before any statement that may write (Kysely's, through the statement cache). */
  beforeWrite(): void {
    if (!this.current || this.current.savepoint) return;
    this.savepoint.run();
    this.current.savepoint = true;
  }

  /** Called by writers that are all or nothing by themselves, once they have written. */
  wroteUnguarded(): void {
    if (this.current && !this.current.savepoint) this.current.unguarded = true;
  }

  /** The command ended; a failed one is undone if it can be. */
  end(failed: boolean): CommandEnd {
    const state = this.current;
    this.current = null;
    if (!state) throw new Error('a command ended that never started');
    if (state.savepoint) {
      if (failed) this.rollbackTo.run();
      this.release.run();
    }
    if (!failed) return 'kept';
    return state.unguarded ? 'restart' : 'undone';
  }

  /** The batch is abandoned mid-command (its transaction is being rolled back). */
  abandon(): void {
    this.current = null;
  }
}
