import { mkdirSync, writeFileSync } from 'node:fs';
import { jsonSchemas } from '../src/json-schema.ts';

const outDir = new URL('../dist/', import.meta.url);
mkdirSync(outDir, { recursive: true });
for (const [name, schema] of Object.entries(jsonSchemas())) {
  const file =
    name === 'Article'
      ? 'article.schema.json'
      : `${name.replace(/[A-Z]/g, (c, i) => (i ? '-' : '') + c.toLowerCase())}.schema.json`;
  writeFileSync(new URL(file, outDir), `${JSON.stringify(schema, null, 2)}\n`);
}
