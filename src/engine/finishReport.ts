// The report around the findings: the conversion assessment, the ledger, the summary, the readings
// applied and the variants. One function for evaluate() and the cyclic evaluation alike.
import { assessConversions } from '../conversion/assess.ts';
import { conversionsByKind, countFinding, countFindings, type FindingCounts } from '../report/counts.ts';
import { ledger, roundHours } from '../report/ledger.ts';
import { incidentsOf, shiftedIncident } from '../report/incidents.ts';
import type { Finding, Headroom, Incident, Report } from '../report/schema.ts';
import { compileSeries, valueAt } from '../rules/limits.ts';
import type { Rota } from '../rota/schema.ts';
import type { RuleBook } from '../rules/load.ts';
import type { Timeline, WorkInterval } from '../timeline/build.ts';
import { compareVariants } from '../variants/compare.ts';
import type { EvaluateOptions } from './evaluate.ts';
import { partRuns } from './partRuns.ts';

export type Evaluate = (rota: Rota, options?: EvaluateOptions) => Promise<Report>;

/**
 * What the report keeps of findings rendered worker by worker as they were found (rendered.ts), in
 * their place: each worker's incidents (their findings indexed from the report's first) and the
 * counts by severity, in all and per worker.
 */
export class RenderedWorkers {
  readonly incidents: Incident[] = [];
  readonly counts: FindingCounts = { violations: 0, warnings: 0, info: 0 };
  /** Each worker's counts, for the workers with findings. */
  readonly byWorker: Severities = new Map();
  private readonly restMs: number;
  private findingsBefore = 0;

  constructor(
    private readonly timeline: Timeline,
    book: RuleBook,
  ) {
    this.restMs = episodeRestMs(book, timeline);
  }

  /** A worker's findings, with their work (the timeline's intervals of the worker, in its order). */
  add(workerId: string, work: WorkInterval[], findings: Finding[]): void {
    if (findings.length === 0) return;
    const own = findings.map((f, index) => ({ f, index }));
    const offset = this.findingsBefore;
    for (const i of incidentsOf(
      { workerId, work, findings: own, restMs: this.restMs, zone: this.timeline.zone },
      findings,
    ))
      this.incidents.push(shiftedIncident(i, offset));
    const counts = countFindings(findings);
    this.byWorker.set(workerId, counts);
    this.counts.violations += counts.violations;
    this.counts.warnings += counts.warnings;
    this.counts.info += counts.info;
    this.findingsBefore += findings.length;
  }
}

export async function finishReport(
  rota: Rota,
  timeline: Timeline,
  book: RuleBook,
  options: EvaluateOptions,
  findings: Finding[],
  profiles: Report['profiles'],
  evaluate: Evaluate,
  headroom: Headroom[],
  /** The findings were rendered as they were found: `findings` is empty, and these stand for them. */
  rendered?: RenderedWorkers,
): Promise<Report> {
  // A conversion tier's run: the assessment reads its violations and nothing else, so nothing is
  // assembled around them (incidents, ledger and summary would cost a tenth of the assessment).
  if (options.violationsOnly) return findingsOnly(findings, profiles);
  const rows = ledger(timeline);
  const incidents = rendered?.incidents ?? incidentsOfReport(rota, timeline, book, findings);
  const conversions =
    options.conversions === false || !rota.assignments.some((a) => a.contract === 'oppdrag')
      ? []
      : await assessConversions(rota, timeline, book, partRuns(evaluate, { ...options, ruleBook: book }));
  const usedReadings = new Set(book.files.flatMap((f) => f.checks.map((c) => c.reading)));
  const kindOf = new Map(rota.assignments.map((a) => [a.id, a.kind]));
  const report: Report = {
    version: 1,
    findings,
    incidents,
    headroom,
    conversions,
    ledger: rows,
    summary: {
      workers: rota.workers.length,
      assignments: rota.assignments.length,
      periods: rota.periods.length,
      hours: roundHours(rows.reduce((s, r) => s + r.hours, 0)),
      ...(rendered?.counts ?? countFindings(findings)),
      perWorker: perWorker(rota, rows, rendered?.byWorker ?? severities(findings), incidents),
      ...(conversions.length > 0 ? { conversionsByKind: conversionsByKind(conversions, kindOf) } : {}),
    },
    profiles,
    readings: Object.entries(book.readings)
      .filter(([reading]) => usedReadings.has(reading as never))
      .map(([reading, r]) => ({
        reading: reading as Finding['reading'],
        decision: r.decision,
        description: r.description,
      })),
  };
  if (rota.variants?.length && options.variants !== false) {
    report.variants = await compareVariants(rota, report, (r) =>
      evaluate(r, { ...options, span: undefined, ruleBook: book, variants: false }),
    );
  }
  return report;
}

/** The report of a violations-only run: its findings and profiles, everything else empty. */
function findingsOnly(findings: Finding[], profiles: Report['profiles']): Report {
  const counts = countFindings(findings);
  return {
    version: 1,
    findings,
    incidents: [],
    headroom: [],
    conversions: [],
    ledger: [],
    summary: { workers: 0, assignments: 0, periods: 0, hours: 0, ...counts, perWorker: [] },
    profiles,
    readings: [],
  };
}

/** Each worker's findings grouped by root cause (report/incidents.ts), workers in the rota's order. */
export function incidentsOfReport(rota: Rota, timeline: Timeline, book: RuleBook, findings: Finding[]): Incident[] {
  const byWorker = new Map<string, Array<{ f: Finding; index: number }>>();
  findings.forEach((f, index) => {
    const list = byWorker.get(f.workerId);
    if (list) list.push({ f, index });
    else byWorker.set(f.workerId, [{ f, index }]);
  });
  const work = new Map<string, Array<{ start: number; end: number }>>();
  for (const iv of timeline.intervals) {
    const list = work.get(iv.workerId);
    if (list) list.push(iv);
    else work.set(iv.workerId, [iv]);
  }
  const restMs = episodeRestMs(book, timeline);
  const out: Incident[] = [];
  for (const w of rota.workers) {
    const own = byWorker.get(w.id);
    if (own)
      for (const i of incidentsOf(
        { workerId: w.id, work: work.get(w.id) ?? [], findings: own, restMs, zone: timeline.zone },
        findings,
      ))
        out.push(i);
  }
  return out;
}

/** Episodes join at the statute's daily rest (the rule book's), read where the plan starts. */
function episodeRestMs(book: RuleBook, timeline: Timeline): number {
  const restFile = book.files.find((f) => f.restMinimum);
  const rest = restFile
    ? compileSeries(restFile.parameters[restFile.restMinimum!.parameter]!, timeline.zone)
    : undefined;
  const first = timeline.intervals.reduce((m, iv) => Math.min(m, iv.start), Infinity);
  return ((rest && Number.isFinite(first) ? valueAt(rest, first) : undefined) ?? 0) * 3_600_000;
}

type Severities = Map<string, FindingCounts>;

/** Each worker's findings counted, for the workers with findings. */
function severities(findings: Finding[]): Severities {
  const of: Severities = new Map();
  for (const f of findings) {
    let counts = of.get(f.workerId);
    if (!counts) of.set(f.workerId, (counts = { violations: 0, warnings: 0, info: 0 }));
    countFinding(counts, f);
  }
  return of;
}

/** summary.perWorker: hours as in the ledger, findings by severity and incidents, in the rota's worker order. */
function perWorker(
  rota: Rota,
  rows: Report['ledger'],
  counted: Severities,
  incidents: Incident[],
): Report['summary']['perWorker'] {
  const of = new Map(
    rota.workers.map((w) => [w.id, { workerId: w.id, hours: 0, violations: 0, warnings: 0, incidents: 0 }]),
  );
  for (const r of rows) of.get(r.workerId)!.hours += r.hours;
  for (const [workerId, c] of counted) {
    const w = of.get(workerId)!;
    w.violations += c.violations;
    w.warnings += c.warnings;
  }
  for (const i of incidents) of.get(i.workerId)!.incidents++;
  return [...of.values()].map((w) => ({ ...w, hours: roundHours(w.hours) }));
}
