// Proves that parallel hold requests over real HTTP never oversell: with 100 units in stock,
// 300 concurrent holds (each sent twice at once, as an impatient client retries) create exactly
// 100 holds on SQLite; on PostgreSQL the same holds through two API processes do the same.
/* eslint-disable @typescript-eslint/no-unsafe-member-access -- these tests read untyped JSON responses */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { after, before, describe, it } from 'node:test';
import { availableDialects } from '../../test/support/databases.ts';
import { openHttpFixture, type HttpFixture } from '../../test/support/http-fixture.ts';

const STOCK = 100;
const ATTEMPTS = 300;

/** Starts test/support/serve-api.ts on the same database and resolves with its URL. */
async function startSecondProcess(
  databaseUrl: string,
): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/serve-api.ts'], {
    env: { ...process.env, DATABASE_URL: databaseUrl },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  for await (const chunk of child.stdout ?? []) {
    output += String(chunk);
    const match = /listening (\S+)/.exec(output);
    if (match?.[1]) return { url: match[1], child };
  }
  throw new Error(`second API process exited before listening: ${output}`);
}

for (const dialect of await availableDialects()) {
  describe(`concurrent holds over HTTP on ${dialect}`, () => {
    let h: HttpFixture;
    let second: { url: string; child: ChildProcess } | undefined;
    before(async () => {
      h = await openHttpFixture(dialect, { poolSize: 20 });
      const r = await h.call('POST', '/v1/receipts', {
        body: { warehouse: 'GZ', lines: [{ sku: 'A', quantity: STOCK }] },
        headers: { 'idempotency-key': 'stock' },
      });
      assert.equal(r.status, 201);
      if (dialect === 'postgres') second = await startSecondProcess(h.f.testDb.url);
    });
    after(async () => {
      if (second) {
        second.child.kill('SIGTERM');
        await once(second.child, 'exit');
      }
      assert.deepEqual(await h.f.invariants(), []);
      await h.close();
    });

    it(`${ATTEMPTS} parallel holds on ${STOCK} units: exactly ${STOCK} succeed, the rest are 409`, async () => {
      const servers = second ? [h.url, second.url] : [h.url];
      const send = (i: number, copy: number) =>
        fetch(`${servers[(i + copy) % servers.length]}/v1/holds`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${h.tokens.operator}`,
            'content-type': 'application/json',
            'idempotency-key': `hold-${i}`,
          },
          body: JSON.stringify({ sku: 'A', warehouse: 'GZ', quantity: 1, orderRef: `O-${i}` }),
        }).then(async (r) => ({
          i,
          status: r.status,
          body: (await r.json()) as { id?: string; error?: { code: string } },
        }));
      const results = await Promise.all(
        Array.from({ length: ATTEMPTS }, (_, i) => [send(i, 0), send(i, 1)]).flat(),
      );
      const succeededKeys = new Set(
        results.filter((r) => r.status === 201 || r.status === 200).map((r) => r.i),
      );
      const holdIds = new Set(results.filter((r) => r.body.id).map((r) => r.body.id));
      assert.equal(succeededKeys.size, STOCK);
      assert.equal(holdIds.size, STOCK, 'a retried key returns the same hold, never a second one');
      const refused = results.filter((r) => r.status === 409);
      assert.ok(refused.every((r) => r.body.error?.code === 'INSUFFICIENT_STOCK'));
      assert.equal(
        refused.length + results.filter((r) => r.body.id).length,
        2 * ATTEMPTS,
        'no other outcome',
      );
      const stock = await h.call('GET', '/v1/stock/A');
      assert.deepEqual(stock.body.warehouses[0], {
        warehouse: 'GZ',
        onHand: STOCK,
        reserved: STOCK,
        available: 0,
        status: 'zero',
        inTransit: 0,
      });
    });

    it('the metrics count what this process placed, replayed and refused', async () => {
      const text = String((await h.call('GET', '/metrics')).body);
      const value = (name: string) =>
        Number(new RegExp(`^${name} (\\d+)`, 'm').exec(text)?.[1] ?? 0);
      const placed = value('stockpool_holds_total\\{result="placed"\\}');
      const replayed = value('stockpool_holds_total\\{result="replayed"\\}');
      const rejected = value('stockpool_holds_total\\{result="rejected"\\}');
      const share = second ? 0.5 : 1;
      assert.equal(placed + replayed + rejected, 2 * ATTEMPTS * share);
      if (!second) {
        assert.equal(placed, STOCK);
        assert.equal(value('stockpool_ledger_movements_total\\{kind="hold"\\}'), STOCK);
      }
      assert.equal(value('stockpool_open_holds\\{status="held"\\}'), STOCK);
      const latencies =
        /^http_request_duration_seconds_count\{method="POST",route="\/v1\/holds",status_code="\d+"\} \d+$/m;
      assert.ok(latencies.test(text), 'request latency is recorded per route pattern');
    });
  });
}
