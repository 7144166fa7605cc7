// A client generated from the served /openapi.json compiles: openapi-typescript writes the types
// into a temporary folder, and `tsc --strict --noEmit` compiles test/api/client/usage.ts against
// them (the CSV, iCalendar and YAML bodies typed as strings, the report as the engine's Report).
// A control file in the same run must fail, so the run is known to read the generated types.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { testApp } from './helpers.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'node_modules', '.bin');
const USAGE = join(ROOT, 'test', 'api', 'client', 'usage.ts');
const dir = mkdtempSync(join(tmpdir(), 'turnussjekk-openapi-client-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(bin: string, args: string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    execFile(
      join(BIN, bin),
      args,
      { cwd: ROOT, timeout: 300_000 /* ends a hang only */, maxBuffer: 16 * 1024 * 1024 },
      (err, stdout, stderr) => {
        if (err && (err.killed || typeof err.code !== 'number'))
          return reject(new Error(`${bin} did not finish: ${err.message}\n${stderr}`));
        resolve({ code: err ? (err.code as number) : 0, output: `${stdout}${stderr}` });
      },
    );
  });
}

// Each line must be an error: a CSV body is not the rota object, the report is not something else.
const CONTROL = `import type { paths } from 'turnussjekk-openapi';
type Csv = paths['/v1/evaluate']['post']['requestBody']['content']['text/csv'];
type Report = paths['/v1/evaluate']['post']['responses'][200]['content']['application/json'];
export const csvAsRota: Csv = { version: 1, workers: [], assignments: [], periods: [] };
export const reportAsText: Report = 'a report';
export const noSuchPath: paths['/v1/nothing'] = {};
`;

describe('a client generated with openapi-typescript', () => {
  it('compiles test/api/client/usage.ts under tsc --strict', async () => {
    const app = await testApp();
    try {
      writeFileSync(join(dir, 'openapi.json'), (await app.inject('/openapi.json')).body);
    } finally {
      await app.close();
    }
    const gen = await run('openapi-typescript', [join(dir, 'openapi.json'), '--output', join(dir, 'openapi.ts')]);
    expect(gen.code, gen.output).toBe(0);

    writeFileSync(join(dir, 'control.ts'), CONTROL);
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          lib: ['ES2023'],
          types: ['node'],
          typeRoots: [join(ROOT, 'node_modules', '@types')],
          allowImportingTsExtensions: true,
          skipLibCheck: true,
          // The module usage.ts imports is the generated file (not the stand-in next to usage.ts).
          paths: { 'turnussjekk-openapi': [join(dir, 'openapi.ts')] },
        },
        files: [USAGE, join(dir, 'control.ts')],
      }),
    );
    const tsc = await run('tsc', ['-p', join(dir, 'tsconfig.json'), '--strict', '--noEmit', '--pretty', 'false']);
    const errors = tsc.output.split('\n').filter((l) => /error TS\d+/.test(l));
    expect(
      errors.filter((l) => !l.includes('control.ts')),
      tsc.output,
    ).toEqual([]);
    // The control's three lines, and nothing else, fail: the types came from the generated file.
    const controlLines = errors.map((l) => /control\.ts\((\d+),/.exec(l)?.[1]).filter(Boolean);
    expect([...new Set(controlLines)].sort(), tsc.output).toEqual(['4', '5', '6']);
  });
});
