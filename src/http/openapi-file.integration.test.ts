// Proves the committed docs/openapi.json is the document the app serves: regenerate it with
// `npm run openapi` whenever a route or schema changes.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { it } from 'node:test';
import { generateOpenApiDocument } from '../../test/support/openapi-document.ts';

it('docs/openapi.json matches the routes and schemas in the code', async () => {
  const committed: unknown = JSON.parse(
    readFileSync(new URL('../../docs/openapi.json', import.meta.url), 'utf8'),
  );
  assert.deepEqual(committed, JSON.parse(JSON.stringify(await generateOpenApiDocument())));
});
