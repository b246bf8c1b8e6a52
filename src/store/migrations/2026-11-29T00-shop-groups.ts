/**
 * Shop groups: a named set of a tenant's shops with its own allocation policy (the SKU's policy
 * splits the pool among ungrouped shops and groups, each group's policy among its members; see
 * domain/allocation/grouped-shares.ts).
 *
 * Membership is a table of its own rather than a nullable shops.group_id: its primary key on
 * shop_id makes "a shop is in at most one group" structural, a group's members are read without
 * touching the shops row (written on every webhook and poll), and the shops table and its
 * repository stay as they are.
 */
import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect-name.ts';
import { addAutoId } from './column-helpers.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations see the schema as it was then
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  await addAutoId(db.schema.createTable('shop_groups'), dialect)
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('policy_json', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('shop_groups_tenant_name', ['tenant_id', 'name'])
    .execute();

  await db.schema
    .createTable('shop_group_members')
    .addColumn('shop_id', 'text', (c) => c.primaryKey().references('shops.id'))
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('group_id', 'bigint', (c) => c.notNull().references('shop_groups.id'))
    .addColumn('added_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('shop_group_members_group')
    .on('shop_group_members')
    .columns(['tenant_id', 'group_id'])
    .execute();
}
