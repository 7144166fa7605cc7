// The report around the findings: the conversion assessment, the ledger, the summary, the readings
// applied and the variants. One function for evaluate() and the cyclic evaluation alike.
import { assessConversions } from '../conversion/assess.ts';
import { conversionsByKind, countFindings } from '../report/counts.ts';
import { ledger, roundHours } from '../report/ledger.ts';
import type { Finding, Report } from '../report/schema.ts';
import type { Rota } from '../rota/schema.ts';
import type { RuleBook } from '../rules/load.ts';
import type { Timeline } from '../timeline/build.ts';
import { compareVariants } from '../variants/compare.ts';
import type { EvaluateOptions } from './evaluate.ts';

export type Evaluate = (rota: Rota, options?: EvaluateOptions) => Promise<Report>;

export async function finishReport(
  rota: Rota,
  timeline: Timeline,
  book: RuleBook,
  options: EvaluateOptions,
  findings: Finding[],
  profiles: Report['profiles'],
  evaluate: Evaluate,
): Promise<Report> {
  const rows = ledger(timeline);
  const conversions =
    options.conversions === false || !rota.assignments.some((a) => a.contract === 'oppdrag')
      ? []
      : await assessConversions(rota, timeline, book, (r) => evaluate(r, { ...options, span: undefined, ruleBook: book, conversions: false, violationsOnly: true }));
  const usedReadings = new Set(book.files.flatMap((f) => f.checks.map((c) => c.reading)));
  const kindOf = new Map(rota.assignments.map((a) => [a.id, a.kind]));
  const report: Report = {
    version: 1,
    findings,
    conversions,
    ledger: rows,
    summary: {
      workers: rota.workers.length,
      assignments: rota.assignments.length,
      periods: rota.periods.length,
      hours: roundHours(rows.reduce((s, r) => s + r.hours, 0)),
      ...countFindings(findings),
      ...(conversions.length > 0 ? { conversionsByKind: conversionsByKind(conversions, kindOf) } : {}),
    },
    profiles,
    readings: Object.entries(book.readings)
      .filter(([reading]) => usedReadings.has(reading as never))
      .map(([reading, r]) => ({ reading: reading as Finding['reading'], decision: r.decision, description: r.description })),
  };
  if (rota.variants?.length && options.variants !== false) {
    report.variants = await compareVariants(rota, report, (r) => evaluate(r, { ...options, span: undefined, ruleBook: book, variants: false }));
  }
  return report;
}
