// Proves scale mode on PostgreSQL: two `stockpool worker` processes share one inbox and one push
// queue (leases, FOR UPDATE SKIP LOCKED) and every order is applied exactly once while every
// shop converges to the pool's figure.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { generateSecretKeyText, parseSecretKey, SecretBox } from '../../src/access/secret-box.ts';
import { availableDialects } from '../support/databases.ts';
import { openSyncRig, waitFor, type ConnectedShop, type SyncRig } from '../support/sync-fixture.ts';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ORDERS = 60;

const dialects = await availableDialects();
describe(
  'two worker processes on PostgreSQL',
  { skip: !dialects.includes('postgres') && 'no PostgreSQL server answers' },
  () => {
    const key = generateSecretKeyText();
    let rig: SyncRig;
    let shops: ConnectedShop[];
    const workers: ChildProcess[] = [];
    const output: string[] = [];

    before(async () => {
      rig = await openSyncRig('postgres', { secretBox: new SecretBox(parseSecretKey(key)) });
      const received = await rig.pool.inventory.receive(rig.actor, {
        idempotencyKey: 'opening',
        warehouse: 'GZ',
        lines: [{ sku: 'A', quantity: 500 }],
      });
      assert.ok(received.ok, 'opening stock recorded');
      shops = [
        await rig.connectShop({
          platform: 'tiktok-shop',
          key: 'w1',
          listings: [{ sellerSku: 'A' }],
        }),
        await rig.connectShop({
          platform: 'tiktok-shop',
          key: 'w2',
          listings: [{ sellerSku: 'A' }],
        }),
        await rig.connectShop({ platform: 'shopee', key: 'w3', listings: [{ sellerSku: 'A' }] }),
      ];
      for (let i = 0; i < 2; i++) {
        const child = spawn(process.execPath, ['bin/stockpool.js', 'worker'], {
          cwd: REPO_ROOT,
          env: {
            ...process.env,
            DATABASE_URL: rig.databaseUrl,
            STOCKPOOL_SECRET_KEY: key,
            LOG_LEVEL: 'warn',
          },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        child.stdout?.on('data', (d: Buffer) => output.push(d.toString()));
        child.stderr?.on('data', (d: Buffer) => output.push(d.toString()));
        workers.push(child);
      }
      await waitFor(
        'both workers to start',
        () => output.join('').split('Sync worker running').length > 2,
        30_000,
      );
    });

    after(async () => {
      for (const w of workers) {
        w.kill('SIGTERM');
        await once(w, 'close');
      }
      await rig.close();
    });

    test('the workers push the opening stock to every shop', async () => {
      await waitFor(
        'every shop to show 500',
        () => shops.every((s) => s.shown('A') === 500),
        30_000,
      );
    });

    test(`${ORDERS} orders across three shops are each held exactly once, and every shop converges`, async () => {
      let placed = 0;
      for (let i = 0; i < ORDERS; i++) {
        const shop = shops[i % shops.length]!;
        const result = shop.emulator.placeOrder({
          platformShopId: shop.platformShopId,
          lines: [{ ...shop.ref('A'), quantity: 1 }],
        });
        if (result.ok) placed += 1;
      }
      assert.equal(placed, ORDERS, 'every order accepted by its platform');
      const count = async (table: 'holds' | 'inbox', pendingOnly: boolean) => {
        let q = rig.pool.database.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'));
        if (pendingOnly) q = q.where('status', '=', 'pending');
        return Number((await q.executeTakeFirstOrThrow()).n);
      };
      // The platforms lower their own figures as buyers order, so every shop may show the final
      // figure before StockPool has read every order: wait for the inbox to be empty too.
      await waitFor(
        `every order read and every shop showing ${500 - ORDERS}`,
        async () =>
          (await count('inbox', true)) === 0 &&
          (await count('holds', false)) >= ORDERS &&
          shops.every((s) => s.shown('A') === 500 - ORDERS),
        60_000,
      );
      assert.equal(await count('holds', false), ORDERS, 'one hold per order line, none twice');
      assert.equal(await count('inbox', true), 0, 'every event processed');
      assert.deepEqual(await rig.invariants(), []);
    });
  },
);
