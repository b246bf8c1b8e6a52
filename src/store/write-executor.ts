/**
 * How stock-writing commands reach the database. A command is a function of a transaction that
 * returns an Outcome; a failed Outcome rolls back everything the command wrote, so nothing is
 * ever half-applied. Engines differ in how they schedule commands (see dialects/).
 */
import type { Kysely } from 'kysely';
import type { Outcome } from '../domain/outcome.ts';
import type { DB } from './schema.ts';

/** A handle on the open transaction; commands must use it and never the pool. */
export type Tx = Kysely<DB>;

export type WriteCommand<T> = (trx: Tx) => Promise<Outcome<T>>;

export interface WriteExecutor {
  /** Runs the command in a transaction and resolves once it is committed (or rolled back). */
  run<T>(command: WriteCommand<T>): Promise<Outcome<T>>;
}
