// Proves `stockpool token create` prints a token once that then authenticates with the role and
// tenant it was made for, and that bad input is a usage error, not a stack trace.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { authenticateToken } from '../../src/access/api-tokens.ts';
import { createTestDatabase, type TestDatabase } from '../support/databases.ts';
import { withPool } from './support/cli-db.ts';
import { runCli } from './support/run-cli.ts';

describe('stockpool token create', () => {
  let db: TestDatabase;
  before(async () => {
    db = await createTestDatabase('sqlite');
    assert.equal((await runCli(['migrate'], { database: db.url })).code, 0);
  });
  after(() => db.drop());

  it('prints a new token once, and that token authenticates as the role it was given', async () => {
    const run = await runCli(
      ['token', 'create', '--name', 'warehouse tablet', '--role', 'operator'],
      {
        database: db.url,
      },
    );
    assert.equal(run.code, 0, run.stderr);
    const tokens = run.stdout.match(/sp_[A-Za-z0-9_-]{43}/g) ?? [];
    // The database was empty: the first line of business also printed the admin token.
    assert.equal(tokens.length, 2, run.stdout);
    assert.match(run.stdout, /will not be shown again/);
    const principal = await withPool(db.url, (pool) =>
      authenticateToken(pool.database.db, tokens[1] ?? ''),
    );
    assert.deepEqual(
      principal && {
        name: principal.name,
        role: principal.role,
        tenantId: principal.tenantId,
        isAdmin: principal.isAdmin,
      },
      { name: 'warehouse tablet', role: 'operator', tenantId: 'default', isAdmin: false },
    );
    const admin = await withPool(db.url, (pool) =>
      authenticateToken(pool.database.db, tokens[0] ?? ''),
    );
    assert.equal(admin?.isAdmin, true);
  });

  it('a second token is printed alone, in Chinese when asked', async () => {
    const run = await runCli(
      ['--lang', 'zh-CN', 'token', 'create', '--name', 'viewer', '--role', 'viewer'],
      {
        database: db.url,
      },
    );
    assert.equal(run.code, 0, run.stderr);
    assert.equal((run.stdout.match(/sp_[A-Za-z0-9_-]{43}/g) ?? []).length, 1);
    assert.match(run.stdout, /之后不会再次显示/);
  });

  it('an unknown role, a missing name or an unknown tenant are refused with the right exit code', async () => {
    const role = await runCli(['token', 'create', '--name', 'x', '--role', 'god'], {
      database: db.url,
    });
    assert.equal(role.code, 2);
    assert.match(role.stderr, /Allowed choices are owner, operator, viewer/);
    const name = await runCli(['--lang', 'zh-CN', 'token', 'create', '--role', 'viewer'], {
      database: db.url,
    });
    assert.equal(name.code, 2);
    assert.match(name.stderr, /缺少必需的选项“--name <name>”/);
    const tenant = await runCli(
      ['--tenant', 'nobody', 'token', 'create', '--name', 'x', '--role', 'viewer'],
      {
        database: db.url,
      },
    );
    assert.equal(tenant.code, 3);
    assert.match(tenant.stderr, /Tenant nobody does not exist/);
    assert.doesNotMatch(tenant.stderr + role.stderr + name.stderr, /\n\s+at /);
  });
});
