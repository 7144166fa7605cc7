// A large rota's text is written from its parts as they come (TextReportStream), never from the
// whole report. Whatever order the parts come in, whichever of them hold no findings, the text must
// be the one the whole report gives (writeText); and the CLI's text of a rota taken in parts must be
// the text of the same rota evaluated whole, whether a part's text was made in a worker process
// (partText, TextReportStream.addText) or here from its findings.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildLoadRota } from '../../scripts/load-test.ts';
import { evaluateParts } from '../../src/engine/parallel.ts';
import { mergeReports, ReportAssembler } from '../../src/engine/partition.ts';
import { partText, type TextOptions, TextReportStream, workersOf, writeText } from '../../src/format/text.ts';
import { countFindings } from '../../src/report/counts.ts';
import type { Report } from '../../src/report/schema.ts';
import { validateRotaDocument } from '../../src/rota/load.ts';
import type { Rota } from '../../src/rota/schema.ts';
import { defaultRuleBook } from '../../src/rules/load.ts';
import { run, tempDir, write } from './fixtures.ts';

const agreements = defaultRuleBook().agreements;
const OPTIONS: TextOptions[] = [
  { lang: 'nb', agreements },
  { lang: 'en', agreements, details: true, withInfo: true },
];

/** Workers with one short day each, so no finding: `ids` in this order of workers and assignments. */
function cleanWorkers(ids: string[]) {
  return {
    workers: ids.map((id) => ({ id })),
    assignments: ids.map((id) => ({ id: `${id}-1`, workerId: id, kind: 'employment', contract: 'arbeidsavtale' })),
    periods: ids.map((id) => ({ assignmentId: `${id}-1`, start: '2026-03-02T08:00', end: '2026-03-02T15:30' })),
  };
}

async function partsOf(rota: Rota, workersPerPart: number) {
  const parts = [];
  for await (const p of evaluateParts(rota, {}, { jobs: 1, workersPerPart })) parts.push(p);
  return parts;
}

/**
 * The text of the parts given in `order` (indexes), the whole report's tail taken in part order; the
 * parts for which `made` says so come as text made where they were evaluated (partText), the others
 * with their findings.
 */
function streamed(
  rota: Rota,
  reports: Report[],
  order: number[],
  opts: TextOptions,
  made: (i: number) => boolean = () => false,
): string {
  const pieces: string[] = [];
  const assembler = new ReportAssembler(rota);
  for (const r of reports) assembler.addCounted(r, countFindings(r.findings));
  const stream = new TextReportStream(workersOf(rota.assignments), opts, (t) => pieces.push(t));
  for (const i of order) {
    if (made(i)) stream.addText(partText(reports[i]!, opts));
    else stream.add(reports[i]!);
  }
  stream.end(assembler.finish());
  return pieces.join('');
}

const whole = (report: Report, opts: TextOptions) => {
  const pieces: string[] = [];
  writeText(report, opts, (t) => pieces.push(t));
  return pieces.join('');
};

describe('the text of a report in parts', () => {
  it('is the whole report’s text, whatever order the parts come in', async () => {
    // Six workers without findings first: the first two parts have none, and are held.
    const load = validateRotaDocument(buildLoadRota());
    const clean = cleanWorkers(['q1', 'q2', 'q3', 'q4', 'q5', 'q6']);
    const rota = validateRotaDocument({
      ...load,
      workers: [...clean.workers, ...load.workers],
      assignments: [...clean.assignments, ...load.assignments],
      periods: [...clean.periods, ...load.periods],
    });
    const parts = await partsOf(rota, 3);
    const reports = parts.map((p) => p.report);
    // Parts without findings are held until one with findings comes: make sure there are both.
    expect(reports.some((r) => r.findings.length === 0)).toBe(true);
    expect(reports.some((r) => r.findings.length > 0)).toBe(true);
    const report = mergeReports(rota, parts);
    for (const opts of OPTIONS) {
      const expected = whole(report, opts);
      const inOrder = reports.map((_, i) => i);
      expect(streamed(rota, reports, inOrder, opts)).toBe(expected);
      expect(streamed(rota, reports, inOrder, opts, () => true)).toBe(expected);
      fc.assert(
        fc.property(
          fc.shuffledSubarray(inOrder, { minLength: inOrder.length }),
          fc.array(fc.boolean(), { minLength: inOrder.length, maxLength: inOrder.length }),
          (order, made) => {
            expect(streamed(rota, reports, order, opts, (i) => made[i]!)).toBe(expected);
          },
        ),
        { numRuns: 25 },
      );
    }
  });

  it('opens with "no findings" when no part has any, and gives every worker', async () => {
    // Workers a, b, c; their assignments c, a, b.
    const clean = cleanWorkers(['c', 'a', 'b']);
    const rota = validateRotaDocument({
      version: 1,
      timezone: 'Europe/Oslo',
      ...clean,
      workers: [{ id: 'a' }, { id: 'b' }, { id: 'c' }],
    });
    const parts = await partsOf(rota, 1);
    const report = mergeReports(rota, parts);
    expect(report.findings).toEqual([]);
    for (const opts of OPTIONS) {
      const text = streamed(
        rota,
        parts.map((p) => p.report),
        [2, 0, 1],
        opts,
      );
      expect(text).toBe(whole(report, opts));
      expect(text.split('\n')[0]).toMatch(/Ingen funn|No findings/);
      // The text's order is the assignments' (c, a, b), not the workers' or the parts'.
      const named = text.split('\n').filter((l) => /^(Arbeidstaker|Worker) /.test(l));
      expect(named.map((l) => l.split(/[ :]/)[1])).toEqual(['c', 'a', 'b']);
    }
  });

  it('says so when a worker’s part never came, rather than leave the worker out', async () => {
    const rota = validateRotaDocument(buildLoadRota());
    const reports = (await partsOf(rota, 10)).map((p) => p.report);
    expect(() => streamed(rota, reports, [0, 2, 3, 4], OPTIONS[0]!)).toThrow(/never came/);
  });

  it('through the CLI: a rota taken in parts gives the text of the rota evaluated whole', async () => {
    const dir = tempDir();
    const rota = buildLoadRota() as { assignments: unknown[] };
    // Assignments in reverse: the text's order of workers is not the parts' order.
    const reversed = { ...rota, assignments: [...rota.assignments].reverse() };
    for (const [name, r] of [
      ['load.json', rota],
      ['reversed.json', reversed],
    ] as const) {
      const file = write(dir, name, JSON.stringify(r));
      for (const extra of [[], ['--details', '--lang', 'en'], ['--fail-on', 'info']]) {
        const args = ['check', file, ...extra];
        const asWhole = await run(args, { env: { TURNUSSJEKK_PARALLEL_MIN_PERIODS: '100000000' } });
        // In this process (the parts' findings come back), and in worker processes (their text does).
        for (const jobs of ['1', '2']) {
          const inParts = await run([...args, '--jobs', jobs], { env: { TURNUSSJEKK_PARALLEL_MIN_PERIODS: '1' } });
          expect(inParts).toEqual(asWhole);
          expect(inParts.code).toBe(1);
        }
      }
    }
  });
});
