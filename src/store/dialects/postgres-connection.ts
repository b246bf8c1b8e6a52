/**
 * Kysely on one pg connection the write executor has checked out, so that commands run inside the
 * executor's own transaction on that connection. Queries sent this way become named prepared
 * statements: PostgreSQL parses and plans each distinct SQL text once per connection instead of on
 * every call, which matters for the few statements every command runs.
 */
import type pg from 'pg';
import { Kysely, PostgresDialect, type PostgresPoolClient } from 'kysely';
import type { DB } from '../schema.ts';

/**
 * Distinct SQL texts given a name, per process. Commands run a small fixed set of statements; the
 * cap keeps odd ones (`in (…)` lists of every length) from filling each session with statements.
 */
const MAX_NAMED_STATEMENTS = 200;
const statementNames = new Map<string, string>();

function statementName(text: string): string | undefined {
  let name = statementNames.get(text);
  if (name === undefined && statementNames.size < MAX_NAMED_STATEMENTS) {
    name = `stockpool_${statementNames.size + 1}`;
    statementNames.set(text, name);
  }
  return name;
}

const onClient = new WeakMap<pg.PoolClient, Kysely<DB>>();

/** The Kysely for a checked-out connection; the caller keeps ownership and releases it. */
export function kyselyOnClient(client: pg.PoolClient): Kysely<DB> {
  let db = onClient.get(client);
  if (!db) {
    const borrowed = borrowedClient(client);
    db = new Kysely<DB>({
      dialect: new PostgresDialect({
        pool: { connect: async () => borrowed, end: async () => undefined },
      }),
    });
    onClient.set(client, db);
  }
  return db;
}

function borrowedClient(client: pg.PoolClient): PostgresPoolClient {
  const query = (text: unknown, parameters?: ReadonlyArray<unknown>): unknown => {
    if (typeof text !== 'string') throw new Error('streaming is not supported inside commands');
    const name = statementName(text);
    const values = parameters ? [...parameters] : [];
    return name ? client.query({ name, text, values }) : client.query(text, values);
  };
  return {
    query: query as PostgresPoolClient['query'],
    // The executor releases the real connection when its batch is done.
    release: () => undefined,
  };
}
