import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { jsonSchemas } from '../src/schemas.ts';

describe('published JSON Schemas', () => {
  for (const [name, schema] of Object.entries(jsonSchemas())) {
    it(`schemas/${name} is what the zod schemas generate (run npm run schemas after a change)`, () => {
      const committed = JSON.parse(readFileSync(new URL(`../schemas/${name}`, import.meta.url), 'utf8'));
      expect(committed).toEqual(JSON.parse(JSON.stringify(schema)));
    });
  }

  it('the rota schema rejects unknown fields and names the required ones', () => {
    const rota = jsonSchemas()['rota-v1.schema.json'] as { required: string[]; additionalProperties: boolean };
    expect(rota.required).toEqual(expect.arrayContaining(['version', 'workers', 'assignments', 'periods']));
    expect(rota.additionalProperties).toBe(false);
  });
});
