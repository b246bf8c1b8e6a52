// Proves `stockpool secrets reseal` end to end through the real CLI, on a SQLite file and on
// PostgreSQL: shops connected while key K1 sealed their credentials, then the key rotated to K2
// (the key file now holds K2, STOCKPOOL_SECRET_KEYS_OLD=K1); the command seals every credential
// under K2, so each opens with K2 alone to what was connected and none is stale; a second run
// re-seals 0; it prints counts (en and zh-CN) and never a secret or a key; a credential no
// configured key opens is named (exit 2) while the others are re-sealed; and a missing or bad key
// is a clear error that creates no key file.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { SecretBox, generateSecretKeyText, parseSecretKey } from '../../src/access/secret-box.ts';
import { openStockPool } from '../../src/main.ts';
import { insertTenant } from '../../src/store/tenants-repo.ts';
import { openShopSecrets } from '../../src/sync/shop-connectors.ts';
import { availableDialects, createTestDatabase, type TestDatabase } from '../support/databases.ts';
import { withPool } from './support/cli-db.ts';
import { runCli } from './support/run-cli.ts';

const K1 = generateSecretKeyText();
const K2 = generateSecretKeyText();
const K3 = generateSecretKeyText();
const SHOPS = 3;

const secretsOf = (n: number) => ({
  appKey: `app-key-${n}`,
  appSecret: `APP-SECRET-${n}-x9`,
  accessToken: `ACCESS-TOKEN-${n}-x9`,
  refreshToken: `REFRESH-TOKEN-${n}-x9`,
});

/** Connects `count` shops through the shop service of a StockPool sealing with `key`. */
async function connectShops(url: string, key: string, from: number, count: number) {
  const pool = await openStockPool({
    databaseUrl: url,
    migrate: false,
    poolSize: 2,
    secretBox: new SecretBox(parseSecretKey(key)),
  });
  try {
    const actor = { tenantId: 'default', name: 'test' };
    for (let n = from; n < from + count; n++) {
      const shop = await pool.sync.shops.connect(actor, {
        platform: 'tiktok-shop',
        name: `Shop ${n}`,
        region: 'GB',
        platformShopId: `7495${n}`,
        apiBaseUrl: 'http://127.0.0.1:9',
        credentials: { ...secretsOf(n), accessTokenExpiresAt: '2026-12-01T00:00:00Z' },
        warehouses: [{ code: 'GZ' }],
      });
      assert.ok(shop.ok, JSON.stringify(shop));
    }
  } finally {
    await pool.close();
  }
}

/** Each shop's stored credentials, by platform shop id. */
function credentialsOf(url: string): Promise<Map<string, { id: string; sealed: string }>> {
  return withPool(url, async ({ database: { db } }) => {
    const rows = await db
      .selectFrom('shops')
      .select(['id', 'platform_shop_id', 'credentials'])
      .execute();
    return new Map(rows.map((r) => [r.platform_shop_id, { id: r.id, sealed: r.credentials }]));
  });
}

for (const dialect of await availableDialects()) {
  describe(`stockpool secrets reseal on ${dialect}`, () => {
    let db: TestDatabase;
    let dir: string;
    let keyFile: string;
    // Runs that show nothing about the engine (nothing to do yet; the key is read before the
    // database is opened) are made once, on SQLite: each run is a process start.
    const onSqliteOnly = { skip: dialect !== 'sqlite' };
    const reseal = (env: Record<string, string>, ...global: string[]) =>
      runCli([...global, 'secrets', 'reseal'], { database: db.url, env });

    before(async () => {
      db = await createTestDatabase(dialect);
      dir = mkdtempSync(join(tmpdir(), 'stockpool-secrets-'));
      keyFile = join(dir, 'secret.key');
      writeFileSync(keyFile, `${K1}\n`, { mode: 0o600 });
      const pool = await openStockPool({ databaseUrl: db.url, poolSize: 2 }); // migrates
      try {
        await insertTenant(pool.database.db, { id: 'default', name: 'Default', nowMs: 1 });
        await pool.catalog.createWarehouse('default', {
          code: 'GZ',
          name: 'Guangzhou',
          kind: 'domestic',
          country: 'CN',
        });
      } finally {
        await pool.close();
      }
      await connectShops(db.url, K1, 1, SHOPS);
    });
    after(async () => {
      await db.drop();
      rmSync(dir, { recursive: true, force: true });
    });

    it('before a rotation there is nothing to re-seal', onSqliteOnly, async () => {
      const run = await reseal({ STOCKPOOL_SECRET_KEY_FILE: keyFile });
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, /shops\.credentials: 3 sealed value\(s\): 0 re-sealed, 3 already/);
      assert.match(run.stdout, /Re-sealed 0 value\(s\)/);
    });

    it('after a rotation, seals every credential under the new key; a second run re-seals 0', async () => {
      writeFileSync(keyFile, `${K2}\n`);
      const newOnly = new SecretBox(parseSecretKey(K2));
      const before = await credentialsOf(db.url);
      for (const { sealed } of before.values())
        assert.throws(() => newOnly.open(sealed), /no key/, 'sealed under K1 before');

      const env = { STOCKPOOL_SECRET_KEY_FILE: keyFile, STOCKPOOL_SECRET_KEYS_OLD: K1 };
      const run = await reseal(env);
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, /shops\.credentials: 3 sealed value\(s\): 3 re-sealed, 0 already/);
      assert.match(
        run.stdout,
        new RegExp(`Re-sealed 3 value\\(s\\) .*id ${parseSecretKey(K2).id}`),
      );
      assert.match(run.stdout, /STOCKPOOL_SECRET_KEYS_OLD can be removed/);

      const rotated = new SecretBox(parseSecretKey(K2), [parseSecretKey(K1)]);
      const after = await credentialsOf(db.url);
      for (let n = 1; n <= SHOPS; n++) {
        const sealed = after.get(`7495${n}`)?.sealed ?? '';
        assert.deepEqual(openShopSecrets(newOnly, sealed), secretsOf(n));
        assert.equal(rotated.isStale(sealed), false);
      }

      const again = await reseal(env, '--lang', 'zh-CN');
      assert.equal(again.code, 0, again.stderr);
      assert.match(again.stdout, /共 3 个加密值：重新加密 0 个，3 个已使用当前密钥/);
      assert.match(again.stdout, /重新加密 0 个值/);
      assert.deepEqual(await credentialsOf(db.url), after, 'the second run changed nothing');

      const printed = [run, again].map((r) => r.stdout + r.stderr).join('\n');
      for (const secret of [K1, K2, 'APP-SECRET', 'ACCESS-TOKEN', 'REFRESH-TOKEN'])
        assert.ok(!printed.includes(secret), `never prints ${secret.slice(0, 12)}…`);
    });

    it('names a credential no configured key opens (exit 2) and re-seals the others', async () => {
      await connectShops(db.url, K3, 10, 1); // sealed under a key this install no longer has
      await connectShops(db.url, K1, 11, 1);
      const lost = (await credentialsOf(db.url)).get('749510')?.id ?? '';
      const env = { STOCKPOOL_SECRET_KEY: K2, STOCKPOOL_SECRET_KEYS_OLD: `${K1}, ` };
      const run = await reseal(env);
      assert.equal(run.code, 2, run.stdout + run.stderr);
      assert.match(run.stdout, /5 sealed value\(s\): 1 re-sealed, 3 already/);
      assert.match(
        run.stderr,
        new RegExp(`1 sealed value\\(s\\) could not be opened .*shops\\.credentials ${lost}`),
      );
      assert.doesNotMatch(run.stderr, /\n\s+at /, 'no stack trace');

      const fixed = await reseal({ ...env, STOCKPOOL_SECRET_KEYS_OLD: `${K1},${K3}` });
      assert.equal(fixed.code, 0, fixed.stderr);
      assert.match(fixed.stdout, /5 sealed value\(s\): 1 re-sealed, 4 already/);
      const sealed = (await credentialsOf(db.url)).get('749510')?.sealed ?? '';
      assert.deepEqual(openShopSecrets(new SecretBox(parseSecretKey(K2)), sealed), secretsOf(10));
    });

    it(
      'a missing or malformed key is a clear usage error and creates no key file',
      onSqliteOnly,
      async () => {
        const nowhere = join(dir, 'none', 'secret.key');
        const missing = await reseal({ STOCKPOOL_SECRET_KEY_FILE: nowhere });
        assert.equal(missing.code, 2);
        assert.match(
          missing.stderr,
          /There is no secret key: .*no key file at .*none\/secret\.key/,
        );
        assert.equal(existsSync(nowhere), false);
        const bad = await reseal({ STOCKPOOL_SECRET_KEY: 'short' }, '--lang', 'zh-CN');
        assert.equal(bad.code, 2);
        assert.match(bad.stderr, /不是 32 字节的密钥/);
        const badOld = await reseal({
          STOCKPOOL_SECRET_KEY: K2,
          STOCKPOOL_SECRET_KEYS_OLD: 'nope',
        });
        assert.equal(badOld.code, 2);
        assert.match(badOld.stderr, /STOCKPOOL_SECRET_KEYS_OLD.*not a 32-byte key/);
        assert.doesNotMatch(bad.stderr + badOld.stderr, /\n\s+at /);
      },
    );
  });
}
