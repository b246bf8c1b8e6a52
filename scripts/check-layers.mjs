#!/usr/bin/env node
// Enforces the house rule that dependencies point inward (ARCHITECTURE.md):
//   domain imports nothing outside domain (and no node:*); ports import only domain;
//   store and inventory never import http or cli; nothing but main.ts and store/database.ts
//   imports a concrete engine from store/dialects/.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const src = join(root, 'src');

function files(dir) {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

const layerOf = (file) => relative(src, file).split('/')[0];
const rules = {
  domain: (target, spec) =>
    spec.startsWith('node:') || (target !== null && layerOf(target) !== 'domain'),
  ports: (target) => target !== null && !['domain', 'ports'].includes(layerOf(target)),
  store: (target) =>
    target !== null && ['http', 'cli', 'inventory', 'catalog', 'access'].includes(layerOf(target)),
  inventory: (target) => target !== null && ['http', 'cli'].includes(layerOf(target)),
  catalog: (target) => target !== null && ['http', 'cli', 'inventory'].includes(layerOf(target)),
};
const dialectImporters = new Set(['main.ts', 'store/database.ts']);

const problems = [];
for (const file of files(src)) {
  const rel = relative(src, file);
  const text = readFileSync(file, 'utf8');
  for (const m of text.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]/gm)) {
    const spec = m[1];
    const target = spec.startsWith('.') ? resolve(dirname(file), spec) : null;
    const rule = rules[layerOf(file)];
    if (rule && rule(target, spec) && !rel.endsWith('.test.ts'))
      problems.push(`${rel} imports ${spec}`);
    if (
      target &&
      relative(src, target).startsWith('store/dialects/') &&
      !dialectImporters.has(rel) &&
      !rel.startsWith('store/dialects/')
    ) {
      problems.push(
        `${rel} imports a concrete engine (${spec}); only main.ts and store/database.ts may`,
      );
    }
  }
}
if (problems.length) {
  console.error(`layer check failed:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`layer check ok (${files(src).length} files)`);
