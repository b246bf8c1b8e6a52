// Proves, on SQLite and PostgreSQL, that a shop group's unique name holds under racing writes
// without an error escaping: renames (and creates) racing to one name through the service give
// exactly one winner and SHOP_GROUP_EXISTS to the rest, the losers unchanged; a rename that meets
// the unique constraint (the check before it passed, another writer took the name since) is the
// outcome 'name-taken', not a thrown error; and isUniqueViolation recognizes exactly that
// constraint's violation on each engine, no other constraint's and no other error.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { availableDialects } from '../../test/support/databases.ts';
import { openFixture, type Fixture } from '../../test/support/stockpool-fixture.ts';
import { insertShopGroup, listShopGroups, updateShopGroup } from './shop-groups-repo.ts';
import { insertTenant } from './tenants-repo.ts';
import { isUniqueViolation } from './unique-violation.ts';

const GROUP_NAME = {
  name: 'shop_groups_tenant_name',
  table: 'shop_groups',
  columns: ['tenant_id', 'name'],
} as const;

for (const dialect of await availableDialects()) {
  describe(`shop group names under racing writes on ${dialect}`, () => {
    let f: Fixture;
    const tenantId = 'acme';
    const shared = { mode: 'shared' } as const;
    const insert = async (name: string) => {
      const id = await insertShopGroup(f.pool.database.db, {
        tenantId,
        name,
        policy: shared,
        nowMs: 1,
      });
      assert.ok(id !== null);
      return id;
    };
    const names = async () =>
      new Map((await listShopGroups(f.pool.database.db, tenantId)).map((g) => [g.id, g.name]));

    before(async () => {
      f = await openFixture(dialect);
    });
    after(() => f.close());

    it('a rename onto a name another group holds is name-taken, and changes nothing', async () => {
      const a = await insert('Alpha');
      const b = await insert('Beta');
      const outcome = await updateShopGroup(f.pool.database.db, {
        tenantId,
        groupId: b,
        name: 'Alpha',
        policy: { mode: 'partitioned' },
        nowMs: 2,
      });
      assert.equal(outcome, 'name-taken');
      const [beta] = await listShopGroups(f.pool.database.db, tenantId, b);
      assert.deepEqual([beta?.name, beta?.policy, beta?.updatedAtMs], ['Beta', shared, 1]);
      assert.equal(
        await updateShopGroup(f.pool.database.db, {
          tenantId,
          groupId: a,
          name: 'Gamma',
          nowMs: 3,
        }),
        'updated',
      );
    });

    it('renames racing to one name through the service: one wins, the rest SHOP_GROUP_EXISTS', async () => {
      const groups = f.pool.sync.policies.groups;
      const actor = { tenantId, name: 'tester' };
      const ids = await Promise.all([1, 2, 3, 4, 5, 6].map((i) => insert(`Racer ${i}`)));
      for (let round = 0; round < 5; round++) {
        const before = await names();
        const name = `Winner ${round}`;
        const outcomes = await Promise.all([
          ...ids.map((id) => groups.update(actor, id, { name })),
          ...(round % 2 === 0 ? [groups.create(actor, { name, policy: shared })] : []),
        ]);
        const won = outcomes.filter((o) => o.ok);
        assert.equal(won.length, 1, `round ${round}: ${JSON.stringify(outcomes)}`);
        for (const o of outcomes.filter((x) => !x.ok))
          assert.deepEqual(o.ok ? null : o.error, {
            code: 'SHOP_GROUP_EXISTS',
            details: { name },
          });
        const now = await names();
        assert.equal([...now.values()].filter((n) => n === name).length, 1);
        const winner = won[0]?.ok ? won[0].value.id : -1;
        for (const id of ids) if (id !== winner) assert.equal(now.get(id), before.get(id));
        if (!ids.includes(winner)) assert.ok((await groups.delete(actor, winner)).ok);
        else assert.ok((await groups.update(actor, winner, { name: `Racer r${round}` })).ok);
      }
    });

    it('isUniqueViolation names the group-name constraint only', async () => {
      const db = f.pool.database.db;
      await insert('Delta');
      const duplicate = await db
        .insertInto('shop_groups')
        .values({
          tenant_id: tenantId,
          name: 'Delta',
          policy_json: '{}',
          created_at: 1,
          updated_at: 1,
        })
        .execute()
        .then(
          () => null,
          (error: unknown) => error,
        );
      assert.ok(duplicate !== null, 'the engine refused the duplicate name');
      assert.equal(isUniqueViolation(duplicate, GROUP_NAME), true);
      assert.equal(isUniqueViolation(new Error('wrapped', { cause: duplicate }), GROUP_NAME), true);
      assert.equal(
        isUniqueViolation(duplicate, { ...GROUP_NAME, name: 'other_constraint', columns: ['x'] }),
        false,
      );
      // Another unique constraint (a tenant's primary key) is not the group name's.
      const otherKey = await insertTenant(db, { id: tenantId, name: 'Again', nowMs: 1 }).then(
        () => null,
        (error: unknown) => error,
      );
      assert.ok(otherKey !== null);
      assert.equal(isUniqueViolation(otherKey, GROUP_NAME), false);
      for (const other of [new Error('boom'), null, undefined, 'text', { code: '23505' }])
        assert.equal(isUniqueViolation(other, GROUP_NAME), false);
    });
  });
}
