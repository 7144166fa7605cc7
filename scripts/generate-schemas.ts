// Writes schemas/*.json from the zod schemas. `npm run schemas`; test/schemas.test.ts fails when they are stale.
import { writeFileSync } from 'node:fs';
import { jsonSchemas } from '../src/schemas.ts';

for (const [name, schema] of Object.entries(jsonSchemas())) {
  writeFileSync(new URL(`../schemas/${name}`, import.meta.url), `${JSON.stringify(schema, null, 2)}\n`);
  console.log(`wrote schemas/${name}`);
}
