// Writes the OpenAPI document the app serves to docs/openapi.json, so the spec is reviewable in
// the repository. `npm run openapi`; a test fails when the committed file is out of date.
import { writeFileSync } from 'node:fs';
import { generateOpenApiDocument } from '../test/support/openapi-document.ts';

const document = await generateOpenApiDocument();
writeFileSync(
  new URL('../docs/openapi.json', import.meta.url),
  `${JSON.stringify(document, null, 2)}\n`,
);
console.log('wrote docs/openapi.json');
