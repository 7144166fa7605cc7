// The SARIF log written a batch of results at a time (writeSarif, what the CLI writes) must be
// exactly `JSON.stringify(sarifLog(…), null, 2)`, the log built whole: with no results, fewer than a
// batch, a batch and one more, many batches, several files, and a finding whose rule the book does
// not know (it gets a descriptor of its own).
import { describe, expect, it } from 'vitest';
import { buildLoadRota } from '../../scripts/load-test.ts';
import { evaluate } from '../../src/engine/evaluate.ts';
import { formatSarif, sarifLog, writeSarif } from '../../src/format/sarif.ts';
import type { CheckedFile } from '../../src/format/locations.ts';
import { locateLines } from '../../src/rota/locate.ts';
import { validateRotaDocument } from '../../src/rota/load.ts';
import { defaultRuleBook } from '../../src/rules/load.ts';

const book = defaultRuleBook();

describe('the SARIF log written in batches', () => {
  it('is the log built whole, byte for byte', async () => {
    const doc = buildLoadRota();
    const text = JSON.stringify(doc, null, 2);
    const rota = validateRotaDocument(doc);
    const report = await evaluate(rota, { ruleBook: book });
    const all = report.findings;
    expect(all.length).toBeGreaterThan(200);
    const file = (name: string, n: number, unknownRule = false): CheckedFile => ({
      file: name,
      rota,
      report: {
        ...report,
        findings: all.slice(0, n).map((f, i) => (unknownRule && i === 0 ? { ...f, ruleId: 'local.rule' } : f)),
      },
      lines: locateLines(text, 'json'),
    });
    const cases: CheckedFile[][] = [
      [file('a.json', 0)],
      [file('a.json', 1)],
      [file('a.json', 64)],
      [file('a.json', 65)],
      [file('a.json', all.length)],
      [file('a.json', 3), file('dir/b c.yaml', 130, true)],
      [],
    ];
    for (const files of cases) {
      const whole = JSON.stringify(sarifLog(files, { book, cwd: '/' }), null, 2);
      const chunks: string[] = [];
      writeSarif(files, { book, cwd: '/' }, (t) => chunks.push(t));
      expect(chunks.join('')).toBe(whole);
      expect(formatSarif(files, { book, cwd: '/' })).toBe(whole);
      // In pieces: a batch of results at most in one.
      const results = files.reduce((n, f) => n + f.report.findings.length, 0);
      expect(chunks.length).toBe(3 + Math.ceil(results / 64));
    }
  });
});
