// Proves the published OpenAPI 3 document describes every route the app serves, with request
// schemas, bearer security on all but health, and the shared error body; and that the
// interactive docs page is served at /docs without a token.
/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-argument -- these tests read untyped JSON responses and assert on their shape */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openHttpFixture, type HttpFixture } from '../../test/support/http-fixture.ts';

describe('OpenAPI document and docs page', () => {
  let h: HttpFixture;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- an OpenAPI document is free-form JSON
  let spec: any;
  before(async () => {
    h = await openHttpFixture('sqlite');
    const r = await h.call('GET', '/openapi.json', { token: null });
    assert.equal(r.status, 200);
    spec = r.body;
  });
  after(async () => {
    await h.close();
  });

  it('is OpenAPI 3 and lists every API route with its method', () => {
    assert.match(spec.openapi, /^3\./);
    const routes = h.app.apiRoutes.filter(
      (r) => !r.url.startsWith('/docs') && r.url !== '/openapi.json' && r.method !== 'HEAD',
    );
    for (const route of routes) {
      const path = route.url.replace(/:([a-z]+)/g, '{$1}');
      assert.ok(
        spec.paths[path]?.[route.method.toLowerCase()],
        `${route.method} ${path} is documented`,
      );
    }
  });

  it('requires a bearer token everywhere except health', () => {
    assert.deepEqual(spec.components.securitySchemes.bearerAuth, {
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'sp_…',
    });
    assert.deepEqual(spec.security, [{ bearerAuth: [] }]);
    assert.deepEqual(spec.paths['/healthz'].get.security, []);
  });

  it('documents request bodies, the Idempotency-Key header and error responses', () => {
    const hold = spec.paths['/v1/holds'].post;
    const body = hold.requestBody.content['application/json'].schema;
    assert.deepEqual([...body.required].sort(), ['orderRef', 'quantity', 'sku', 'warehouse']);
    assert.equal(body.additionalProperties, false);
    assert.ok(
      hold.parameters.some(
        (p: { in: string; name: string }) => p.in === 'header' && p.name === 'idempotency-key',
      ),
    );
    const conflict = hold.responses['409'].content['application/json'].schema;
    const errorSchema = conflict.$ref
      ? spec.components.schemas[conflict.$ref.split('/').at(-1)]
      : conflict;
    assert.ok(errorSchema.properties.error, 'error responses carry {error:{code,message,details}}');
  });

  it('serves the interactive page without a token', async () => {
    const page = await fetch(`${h.url}/docs/`, { redirect: 'follow' });
    assert.equal(page.status, 200);
    assert.match(await page.text(), /swagger/i);
  });
});
