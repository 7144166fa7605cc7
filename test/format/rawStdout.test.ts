// Through the CLI's raw stdout (io.write) every format is written in pieces, and the bytes must be
// what the same run gives collected into one string (io.out): JSON and NDJSON of several files (the
// reports together could pass the longest string V8 makes), SARIF, JUnit, the text with and without
// --details (the reports one after another), one small file's JSON.
import { describe, expect, it } from 'vitest';
import { buildLoadRota } from '../../scripts/load-test.ts';
import { JSON_ROTA, run, tempDir, write, YAML_ROTA } from './fixtures.ts';

describe('formats written in pieces to raw stdout', () => {
  const dir = tempDir();
  const files = [
    write(dir, 'a.yaml', YAML_ROTA),
    write(dir, 'b.json', JSON_ROTA),
    write(dir, 'load.json', JSON.stringify(buildLoadRota())),
  ];
  const cases: Array<[string, string[]]> = [
    ['json', files],
    ['ndjson', files],
    ['sarif', files],
    ['text', files],
    ['text --details', files],
    ['junit', files],
    ['json', files.slice(0, 1)],
    ['ndjson', files.slice(1, 2)],
  ];
  for (const [format, these] of cases) {
    it(`--format ${format}, ${these.length} file(s)`, async () => {
      const pieces: Array<string | Uint8Array> = [];
      const args = ['check', ...these, '--format', ...format.split(' ')];
      const streamed = await run(args, { write: (c) => pieces.push(c) });
      const whole = await run(args);
      expect(streamed.code).toBe(whole.code);
      expect(streamed.err).toBe(whole.err);
      expect(streamed.out).toBe('');
      const text = pieces.map((p) => (typeof p === 'string' ? p : Buffer.from(p).toString('utf8'))).join('');
      expect(text).toBe(whole.out.endsWith('\n') ? whole.out : `${whole.out}\n`);
      if (these.length === 3) expect(pieces.length).toBeGreaterThan(1);
    });
  }
});
