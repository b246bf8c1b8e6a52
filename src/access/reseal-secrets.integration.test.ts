// Proves resealStaleSecrets on SQLite and PostgreSQL: after a key rotation every value sealed
// under an older key is sealed under the current key, page by page, opening to the same clear
// value with the new key alone, and nothing else about the row changes; values already under the
// current key are left alone; a second run re-seals 0; a value no configured key opens is named
// and left as it is; and a value rewritten while it is being re-sealed (a token refresh) is never
// overwritten: the newer value is kept, and re-sealed in its turn if it is stale.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Kysely } from 'kysely';
import { availableDialects } from '../../test/support/databases.ts';
import { openFixture, START_MS, type Fixture } from '../../test/support/stockpool-fixture.ts';
import type { DB } from '../store/schema.ts';
import { SEALED_COLUMNS, type SealedColumn } from '../store/sealed-values-repo.ts';
import { insertShop } from '../store/shops-repo.ts';
import { resealStaleSecrets } from './reseal-secrets.ts';
import { SecretBox, generateSecretKeyText, parseSecretKey } from './secret-box.ts';

const K1 = parseSecretKey(generateSecretKeyText());
const K2 = parseSecretKey(generateSecretKeyText());
const K3 = parseSecretKey(generateSecretKeyText());
const oldBox = new SecretBox(K1);
const rotated = new SecretBox(K2, [K1]);
const newOnly = new SecretBox(K2);
const [shopCredentials] = SEALED_COLUMNS as [SealedColumn];

const secretOf = (n: number) => JSON.stringify({ appSecret: `app-secret-${n}`, token: `tok-${n}` });

for (const dialect of await availableDialects()) {
  describe(`re-sealing stale secrets on ${dialect}`, () => {
    let f: Fixture;
    let db: Kysely<DB>;
    let n = 0;
    const connect = async (sealed: string) => {
      const id = `shp_${String(++n).padStart(4, '0')}`;
      await insertShop(db, {
        id,
        tenantId: 'acme',
        platform: 'tiktok-shop',
        name: `Shop ${n}`,
        region: 'GB',
        platformShopId: `pid-${n}`,
        shopCipher: null,
        apiBaseUrl: null,
        credentialsSealed: sealed,
        accessTokenExpiresAtMs: START_MS,
        refreshTokenExpiresAtMs: null,
        status: 'active',
        settingsJson: '{}',
        createdAtMs: START_MS,
        updatedAtMs: START_MS,
      });
      return id;
    };
    /**
     * Where a concurrent writer writes: on PostgreSQL another connection (it commits before our
     * UPDATE reads the row); on SQLite, with one connection and one writer, a write that came
     * first is one our transaction sees, so it is written through it.
     */
    const writerBeside = (trx: Kysely<DB>) => (dialect === 'sqlite' ? trx : db);
    const stored = async () =>
      new Map(
        (await db.selectFrom('shops').select(['id', 'credentials', 'updated_at']).execute()).map(
          (r) => [r.id, { sealed: r.credentials, updatedAt: Number(r.updated_at) }],
        ),
      );

    before(async () => {
      f = await openFixture(dialect);
      db = f.pool.database.db;
    });
    after(() => f.close());

    it('re-seals every stale value page by page, leaves current ones, and a second run re-seals 0', async () => {
      const clear = new Map<string, string>();
      for (let i = 0; i < 17; i++) {
        const text = secretOf(i);
        // Every third shop was connected after the rotation: already under the new key.
        const id = await connect(i % 3 === 0 ? rotated.seal(text) : oldBox.seal(text));
        clear.set(id, text);
      }
      const before = await stored();
      const report = await resealStaleSecrets(db, rotated, { pageSize: 5 });
      assert.deepEqual(report, {
        keyId: K2.id,
        columns: [
          {
            column: 'shops.credentials',
            total: 17,
            resealed: 11,
            current: 6,
            unopenable: [],
            changing: [],
          },
        ],
      });
      const after = await stored();
      for (const [id, text] of clear) {
        const now = after.get(id);
        assert.ok(now);
        assert.equal(newOnly.open(now.sealed), text, 'opens with the new key alone');
        assert.equal(rotated.isStale(now.sealed), false);
        assert.equal(now.updatedAt, before.get(id)?.updatedAt, 'the shop itself did not change');
        if (!rotated.isStale(before.get(id)?.sealed ?? ''))
          assert.equal(now.sealed, before.get(id)?.sealed, 'a current value is not rewritten');
      }
      const again = await resealStaleSecrets(db, rotated, { pageSize: 5 });
      assert.deepEqual(again.columns[0], { ...report.columns[0], resealed: 0, current: 17 });
      assert.deepEqual(await stored(), after);
    });

    it('names a value no configured key opens and leaves it as it is; the others are re-sealed', async () => {
      const lost = await connect(new SecretBox(K3).seal(secretOf(100)));
      const garbage = await connect('not a sealed value');
      const stale = await connect(oldBox.seal(secretOf(101)));
      const before = await stored();
      const report = await resealStaleSecrets(db, rotated);
      assert.deepEqual(report.columns[0]?.unopenable, [lost, garbage]);
      assert.equal(report.columns[0]?.resealed, 1);
      const after = await stored();
      assert.equal(after.get(lost)?.sealed, before.get(lost)?.sealed);
      assert.equal(after.get(garbage)?.sealed, 'not a sealed value');
      assert.equal(newOnly.open(after.get(stale)?.sealed ?? ''), secretOf(101));
      // With the lost key configured too, it is re-sealed as well.
      const withK3 = await resealStaleSecrets(db, new SecretBox(K2, [K1, K3]));
      assert.deepEqual(withK3.columns[0]?.unopenable, [garbage]);
      assert.equal(withK3.columns[0]?.resealed, 1);
      assert.equal(newOnly.open((await stored()).get(lost)?.sealed ?? ''), secretOf(100));
      await db.deleteFrom('shops').where('id', '=', garbage).execute();
    });

    it('never overwrites a value written while it is re-sealed, and re-seals that one if stale', async () => {
      const raced = await connect(oldBox.seal(secretOf(200)));
      const calm = await connect(oldBox.seal(secretOf(201)));
      // A worker still sealing under the old key refreshes the tokens just before our write.
      let refreshed = false;
      const racing: SealedColumn = {
        ...shopCredentials,
        async replace(trx, q) {
          if (q.rowId === raced && !refreshed) {
            refreshed = true;
            await writerBeside(trx)
              .updateTable('shops')
              .set({ credentials: oldBox.seal(secretOf(299)) })
              .where('id', '=', raced)
              .execute();
          }
          return shopCredentials.replace(trx, q);
        },
      };
      const report = await resealStaleSecrets(db, rotated, { columns: [racing] });
      assert.equal(refreshed, true);
      assert.deepEqual(report.columns[0]?.changing, []);
      const after = await stored();
      assert.equal(newOnly.open(after.get(raced)?.sealed ?? ''), secretOf(299), 'the refresh won');
      assert.equal(newOnly.open(after.get(calm)?.sealed ?? ''), secretOf(201));
    });

    it('reports a value that keeps changing under it as changing, not as re-sealed', async () => {
      const busy = await connect(oldBox.seal(secretOf(300)));
      const restless: SealedColumn = {
        ...shopCredentials,
        async replace(trx, q) {
          if (q.rowId === busy)
            await writerBeside(trx)
              .updateTable('shops')
              .set({ credentials: oldBox.seal(secretOf(301)) })
              .where('id', '=', busy)
              .execute();
          return shopCredentials.replace(trx, q);
        },
      };
      const report = await resealStaleSecrets(db, rotated, { columns: [restless] });
      assert.deepEqual(report.columns[0]?.changing, [busy]);
      assert.equal(rotated.open((await stored()).get(busy)?.sealed ?? ''), secretOf(301));
      // Once it is quiet, the plain command re-seals it.
      const quiet = await resealStaleSecrets(db, rotated);
      assert.equal(quiet.columns[0]?.resealed, 1);
      assert.deepEqual(quiet.columns[0]?.changing, []);
    });
  });
}
