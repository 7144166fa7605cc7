// The SARIF log written a batch of results at a time (writeSarif, what the CLI writes) must be
// exactly `JSON.stringify(sarifLog(…), null, 2)`, the log built whole: with no results, fewer than a
// batch, a batch and one more, many batches, several files, and a finding whose rule the book does
// not know (it gets a descriptor of its own). A large rota's log, written from its parts as they come
// (SarifReportStream, the results through a spill), must be the same bytes.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateRota } from '../../scripts/generate-rota.ts';
import { buildLoadRota } from '../../scripts/load-test.ts';
import { evaluate } from '../../src/engine/evaluate.ts';
import { formatSarif, SarifReportStream, sarifLog, writeSarif } from '../../src/format/sarif.ts';
import type { CheckedFile } from '../../src/format/locations.ts';
import { entryFinder } from '../../src/report/entries.ts';
import { locateLines } from '../../src/rota/locate.ts';
import { validateRotaDocument } from '../../src/rota/load.ts';
import { defaultRuleBook } from '../../src/rules/load.ts';
import { run } from './fixtures.ts';

const book = defaultRuleBook();

/** The load test's turnus as a JSON file's text would have it, its report and its lines. */
async function loadTurnus() {
  const doc = buildLoadRota();
  const rota = validateRotaDocument(doc);
  const report = await evaluate(rota, { ruleBook: book });
  return { rota, report, lines: locateLines(JSON.stringify(doc, null, 2), 'json') };
}

describe('the SARIF log written in batches', () => {
  it('is the log built whole, byte for byte', async () => {
    const { rota, report, lines } = await loadTurnus();
    const all = report.findings;
    expect(all.length).toBeGreaterThan(200);
    const file = (name: string, n: number, unknownRule = false): CheckedFile => ({
      file: name,
      rota,
      report: {
        ...report,
        findings: all.slice(0, n).map((f, i) => (unknownRule && i === 0 ? { ...f, ruleId: 'local.rule' } : f)),
      },
      lines,
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

describe('the SARIF log of a rota evaluated in parts', () => {
  it('is the log of the whole report: parts of findings with their entries, results through a spill', async () => {
    const { rota, report, lines } = await loadTurnus();
    const entryOf = entryFinder(rota);
    for (const n of [0, 1, 64, 65, report.findings.length]) {
      // A rule the book lacks, named first by the second finding of a later part.
      const findings = report.findings.slice(0, n).map((f, i) => (i === 70 ? { ...f, ruleId: 'local.rule' } : f));
      const whole = formatSarif([{ file: 'dir/rota.json', rota, report: { ...report, findings }, lines }], {
        book,
        cwd: '/',
      });
      const spilled: string[] = [];
      const stream = new SarifReportStream('dir/rota.json', { book, cwd: '/' }, lines, (t) => spilled.push(t));
      for (let at = 0; at < findings.length; at += 69) {
        const part = findings.slice(at, at + 69);
        stream.add(part, part.map(entryOf));
      }
      const out: string[] = [];
      stream.end(
        (t) => out.push(t),
        () => out.push(spilled.join('')),
      );
      expect(out.join('')).toBe(whole);
    }
  });

  it('through the CLI: in parts, in this process and in worker processes, the log of the rota evaluated whole', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'turnussjekk-sarif-'));
    const file = join(dir, 'rota.json');
    writeFileSync(file, JSON.stringify(generateRota({ workers: 12, weeks: 10, seed: 7 }), null, 2));
    const args = ['check', file, '--format', 'sarif'];
    const whole = await run(args);
    expect(whole.code).toBe(1);
    const log = JSON.parse(whole.out) as { runs: Array<{ results: Array<{ locations: unknown[] }> }> };
    expect(log.runs[0]!.results.length).toBeGreaterThan(200);
    expect(JSON.stringify(log.runs[0]!.results[0]!.locations)).toMatch(/"startLine":\d+/);
    for (const jobs of ['1', '2']) {
      const parted = await run([...args, '--jobs', jobs], { env: { TURNUSSJEKK_PARALLEL_MIN_PERIODS: '1' } });
      expect(parted.out).toBe(whole.out);
      expect(parted.err).toBe(whole.err);
      expect(parted.code).toBe(whole.code);
    }
  }, 60_000);
});
