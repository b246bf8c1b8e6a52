// Proves that bad input never produces a 500 or a write: oversized, mistyped, deeply nested,
// badly encoded, prototype-polluting and out-of-range requests are refused with a 4xx and an
// error code, and 1,500 generated junk requests to the write routes leave every table's row count
// as it was while the server stays up. FC_SEED=<n> replays another generated sequence.
/* eslint-disable @typescript-eslint/no-unsafe-member-access -- these tests read untyped JSON responses */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { availableDialects } from '../../test/support/databases.ts';
import { openHttpFixture, type HttpFixture } from '../../test/support/http-fixture.ts';

const BODY_LIMIT = 16 * 1024;
const TABLES = [
  'skus',
  'warehouses',
  'stock_levels',
  'movements',
  'holds',
  'operations',
  'transfers',
  'users',
  'tenants',
] as const;
const REFUSALS = new Set([400, 401, 403, 404, 409, 413, 415]);

for (const dialect of await availableDialects()) {
  describe(`hostile input over HTTP on ${dialect}`, () => {
    let h: HttpFixture;
    let rowsBefore: number[];
    before(async () => {
      h = await openHttpFixture(dialect, { bodyLimitBytes: BODY_LIMIT });
      rowsBefore = await countRows();
    });
    after(async () => {
      assert.deepEqual(await countRows(), rowsBefore, 'no request in this suite may write');
      assert.equal((await h.call('GET', '/healthz', { token: null })).status, 200);
      assert.deepEqual(await h.f.invariants(), []);
      await h.close();
    });

    async function countRows(): Promise<number[]> {
      const db = h.f.pool.database.db;
      return Promise.all(
        TABLES.map(async (t) =>
          Number(
            (
              await db
                .selectFrom(t)
                .select((eb) => eb.fn.countAll<number>().as('n'))
                .executeTakeFirstOrThrow()
            ).n,
          ),
        ),
      );
    }

    const raw = (
      path: string,
      rawBody: string | Uint8Array,
      headers: Record<string, string> = {},
    ) =>
      h.call('POST', path, {
        rawBody,
        headers: { 'content-type': 'application/json', 'idempotency-key': 'k1', ...headers },
      });

    function assertRefused(
      r: { status: number; body: { error?: { code?: unknown } } },
      status: number,
      code: string,
    ) {
      assert.equal(r.status, status, JSON.stringify(r.body));
      assert.equal(r.body.error?.code, code);
    }

    it('a body over the limit is 413 PAYLOAD_TOO_LARGE', async () => {
      const lines = Array.from({ length: 600 }, (_, i) => ({ sku: `SKU-${i}`, quantity: 1 }));
      assertRefused(
        await raw('/v1/receipts', JSON.stringify({ warehouse: 'GZ', lines })),
        413,
        'PAYLOAD_TOO_LARGE',
      );
    });

    it('bodies that are not JSON are 415 UNSUPPORTED_MEDIA_TYPE', async () => {
      for (const type of [
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        'application/xml',
      ])
        assertRefused(
          await raw('/v1/skus', 'code=A&name=B', { 'content-type': type }),
          415,
          'UNSUPPORTED_MEDIA_TYPE',
        );
    });

    it('broken, empty, deeply nested, badly encoded and prototype-polluting JSON is 400', async () => {
      const cases: [string | Uint8Array, string][] = [
        ['{"code":"A",', 'invalid_json'],
        ['   ', 'empty_body'],
        [`${'['.repeat(5000)}${']'.repeat(5000)}`, 'too_deep'],
        [
          new Uint8Array([
            0x7b, 0x22, 0x63, 0x6f, 0x64, 0x65, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d,
          ]),
          'invalid_utf8',
        ],
        ['{"__proto__":{"admin":true},"code":"Z","name":"z"}', 'invalid_json'],
        ['{"constructor":{"prototype":{"admin":true}},"code":"Z","name":"z"}', 'invalid_json'],
      ];
      for (const [body, reason] of cases) {
        const r = await raw('/v1/skus', body);
        assertRefused(r, 400, 'VALIDATION_FAILED');
        assert.equal(r.body.error.details.reason, reason);
      }
    });

    it('out-of-range, mistyped and unexpected fields are 400 with the field named', async () => {
      const hold = { sku: 'A', warehouse: 'GZ', orderRef: 'O-1' };
      const cases: [unknown, string][] = [
        [{ ...hold, quantity: -1 }, 'quantity'],
        [{ ...hold, quantity: 0 }, 'quantity'],
        [{ ...hold, quantity: 1.5 }, 'quantity'],
        [{ ...hold, quantity: 1e12 }, 'quantity'],
        [{ ...hold, quantity: '3' }, 'quantity'],
        [{ ...hold, quantity: 1, sku: 'A\u0000B' }, 'sku'],
        [{ ...hold, quantity: 1, sku: 'x'.repeat(65) }, 'sku'],
        [{ ...hold, quantity: 1, sku: ' A' }, 'sku'],
        [{ ...hold, quantity: 1, admin: true }, ''],
        [[hold], ''],
        [null, ''],
      ];
      for (const [body, path] of cases) {
        const r = await raw('/v1/holds', JSON.stringify(body));
        assertRefused(r, 400, 'VALIDATION_FAILED');
        assert.equal(r.body.error.details.issues[0].path, path, JSON.stringify(body));
      }
    });

    it('idempotency keys, query parameters and paths are checked too', async () => {
      const body = JSON.stringify({ sku: 'A', warehouse: 'GZ', quantity: 1, orderRef: 'O' });
      assertRefused(
        await raw('/v1/holds', body, { 'idempotency-key': 'hld_1:ship' }),
        400,
        'VALIDATION_FAILED',
      );
      assertRefused(
        await raw('/v1/holds', body, { 'idempotency-key': 'k'.repeat(129) }),
        400,
        'VALIDATION_FAILED',
      );
      for (const q of [
        'limit=abc',
        'limit=-1',
        'sort=drop',
        'status=empty',
        'offset=1e99',
        'order=sideways',
      ])
        assertRefused(await h.call('GET', `/v1/stock?${q}`), 400, 'VALIDATION_FAILED');
      assertRefused(await h.call('GET', '/v1/movements?cursor=1;drop'), 400, 'VALIDATION_FAILED');
      assertRefused(await h.call('GET', '/v1/movements?from=yesterday'), 400, 'VALIDATION_FAILED');
      const badEscape = await h.call('GET', '/v1/skus/%E0%A4%A');
      assert.ok(REFUSALS.has(badEscape.status), String(badEscape.status));
      assertRefused(await h.call('GET', `/v1/skus/${'x'.repeat(300)}`), 404, 'NOT_FOUND');
    });

    it('generated junk sent to every write route is refused with a code and writes nothing', async () => {
      const writes = h.app.apiRoutes.filter(
        (r) => !r.public && r.method !== 'GET' && r.method !== 'HEAD',
      );
      const junkBody = fc.oneof(
        fc.jsonValue({ maxDepth: 6 }).map((v) => JSON.stringify(v)),
        fc.string({ unit: 'binary', maxLength: 300 }),
        fc
          .record({
            sku: fc.string(),
            warehouse: fc.string(),
            quantity: fc.double(),
            lines: fc.array(fc.jsonValue({ maxDepth: 3 })),
          })
          .map((v) => JSON.stringify(v)),
      );
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...writes),
          junkBody,
          fc.constantFrom('application/json', 'text/plain', ''),
          async (route, body, type) => {
            const headers: Record<string, string> = { 'idempotency-key': 'fuzz' };
            if (type) headers['content-type'] = type;
            const r = await h.call(route.method, route.url.replace(/:[a-z]+/g, 'hld_x'), {
              rawBody: body,
              headers,
            });
            // Junk is refused with a code; the rare generated body that is valid (PATCH {} is) succeeds.
            if (r.status === 200) return;
            assert.ok(
              REFUSALS.has(r.status),
              `${route.method} ${route.url} → ${r.status} ${JSON.stringify(r.body)}`,
            );
            assert.equal(typeof r.body.error.code, 'string');
          },
        ),
        { numRuns: 1500, seed: Number(process.env.FC_SEED ?? 20261127) },
      );
    });
  });
}
