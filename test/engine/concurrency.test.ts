import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/engine/evaluate.ts';
import { loadRotaFile } from '../../src/rota/load.ts';

describe('evaluate() is safe to run concurrently', () => {
  it('interleaved evaluations of different rotas give the same reports as one at a time', async () => {
    const names = ['weekend-respite-48h', 'friday-to-monday-respite', 'nurse-turnus-24h-long-shift'];
    const rotas = await Promise.all(names.map((n) => loadRotaFile(`scenarios/${n}.yaml`)));
    const expected = names.map((n) => JSON.parse(readFileSync(`scenarios/${n}.expected.json`, 'utf8')));
    const runs = await Promise.all(Array.from({ length: 12 }, (_, i) => evaluate(rotas[i % 3]!)));
    runs.forEach((report, i) => {
      expect(report).toEqual(expected[i % 3]);
    });
  });
});
