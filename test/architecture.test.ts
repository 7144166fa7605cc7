// Imports flow one way (docs/architecture.md, "Import direction"): the rule book does not reach
// into the engine, the engine does not reach into the formatters, nothing in src/ reaches into the
// HTTP service, and the facts have no cycle among them. Read from every relative import, static or
// dynamic, type-only included.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(ts|mjs)$/.test(e.name))
    .map((e) => relative(root, join(e.parentPath, e.name)));
}

const graph = new Map<string, string[]>(
  [...sources('src'), ...sources('api')].map((file) => {
    const text = readFileSync(join(root, file), 'utf8');
    const deps = [...text.matchAll(/(?:from|import)\s*\(?\s*['"](\.[^'"]+)['"]/g)].map((m) =>
      relative(root, resolve(dirname(join(root, file)), m[1]!)),
    );
    return [file, deps];
  }),
);

const crossing = (from: string, to: string) =>
  [...graph].flatMap(([file, deps]) =>
    file.startsWith(from) ? deps.filter((d) => d.startsWith(to)).map((d) => `${file} -> ${d}`) : [],
  );

describe('import direction', () => {
  it('reads the imports of the whole tree', () => {
    expect(graph.size).toBeGreaterThan(100);
    expect(graph.get('src/engine/pipeline.ts')).toContain('src/timeline/build.ts');
  });
  it.each([
    ['src/rules/', 'src/engine/'],
    ['src/engine/', 'src/format/'],
    ['src/', 'api/'],
  ])('nothing in %s imports %s', (from, to) => {
    expect(crossing(from, to)).toEqual([]);
  });
  it('no cycle among the facts', () => {
    const facts = [...graph.keys()].filter((f) => f.startsWith('src/facts/'));
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (file: string, path: string[]) => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') {
        cycles.push([...path.slice(path.indexOf(file)), file].join(' -> '));
        return;
      }
      state.set(file, 'open');
      for (const dep of graph.get(file) ?? []) if (dep.startsWith('src/facts/')) visit(dep, [...path, file]);
      state.set(file, 'done');
    };
    for (const f of facts) visit(f, []);
    expect(cycles).toEqual([]);
  });
});
