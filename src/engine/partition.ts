// A large rota in parts: every rule judges one worker at a time, so a rota can be split by worker,
// each part evaluated on its own (in another process, or one after another) and the reports put
// back together.
// What ties the parts together is the plan itself: the whole rota's span fixes the day and week
// frames, the reference week of multi-week blocks and the Sunday calendar, so each part is
// evaluated with the whole plan's span (EvaluateOptions.span) and gives the whole rota's findings
// for its workers. Indexes that findings carry (periods, agreements) are mapped back on merge.
import type { Finding, Report } from '../report/schema.ts';
import { conversionsByKind, countFindings } from '../report/counts.ts';
import { roundHours } from '../report/ledger.ts';
import { shiftedIncident } from '../report/incidents.ts';
import type { Rota } from '../rota/schema.ts';
import { spanOf, type Timeline } from '../timeline/build.ts';

export interface RotaPart {
  rota: Rota;
  /** Index in the whole rota of each of the part's periods. */
  periodIndex: number[];
  /** Index in the whole rota of each of the part's agreements. */
  agreementIndex: number[];
}

/**
 * The plan's span: the first instant worked to the last, over every worker, widened to the span the
 * rota declares (its plan, or its cycle), so averages run over the weeks without work too.
 */
export function planSpan(timeline: Timeline): { from: number; to: number } | undefined {
  return planSpanOf(spanOf(timeline.intervals), timeline.cycle ?? timeline.plan);
}

/** planSpan from its parts: the span worked (first instant to last) and the span declared, if any. */
export function planSpanOf(
  worked: { from: number; to: number } | undefined,
  declared: { from: number; to: number } | undefined,
): { from: number; to: number } | undefined {
  if (!worked) return undefined;
  return declared ? { from: Math.min(worked.from, declared.from), to: Math.max(worked.to, declared.to) } : worked;
}

/**
 * Consecutive runs of about `workersPerPart` workers, in the rota's order (so the parts' findings,
 * each sorted by worker first, concatenate into the whole rota's order). Expects a validated rota.
 */
export function partitionRota(rota: Rota, workersPerPart: number): RotaPart[] {
  const size = Math.max(1, Math.floor(workersPerPart));
  const partOfWorker = new Map<string, number>();
  rota.workers.forEach((w, i) => {
    partOfWorker.set(w.id, Math.floor(i / size));
  });
  return partsOf(rota, partOfWorker, Math.ceil(rota.workers.length / size));
}

/**
 * The parts partitionRota(rota, 1) gives these workers, and no others, in the rota's order: a save
 * (api/rotaStates.ts) that keeps every other worker's place in the lists makes only its own parts.
 */
export function partsOfWorkers(rota: Rota, workerIds: ReadonlySet<string>): RotaPart[] {
  const partOfWorker = new Map<string, number>();
  for (const w of rota.workers) if (workerIds.has(w.id)) partOfWorker.set(w.id, partOfWorker.size);
  return partsOf(rota, partOfWorker, partOfWorker.size);
}

/** The rota's items sorted into `count` parts by their worker's part; items of workers in none are left out. */
function partsOf(rota: Rota, partOfWorker: ReadonlyMap<string, number>, count: number): RotaPart[] {
  if (rota.variants?.length || rota.cycle) throw new Error('a rota with variants or a cycle is evaluated whole');
  const parts = Array.from({ length: count }, () => ({
    workers: [] as Rota['workers'],
    assignments: [] as Rota['assignments'],
    periods: [] as Rota['periods'],
    agreements: [] as Rota['agreements'],
    periodIndex: [] as number[],
    agreementIndex: [] as number[],
  }));
  for (const w of rota.workers) {
    const k = partOfWorker.get(w.id);
    if (k !== undefined) parts[k]!.workers.push(w);
  }
  const partOfAssignment = new Map<string, number>();
  for (const a of rota.assignments) {
    const k = partOfWorker.get(a.workerId);
    if (k === undefined) continue;
    partOfAssignment.set(a.id, k);
    parts[k]!.assignments.push(a);
  }
  rota.periods.forEach((p, i) => {
    const k = partOfAssignment.get(p.assignmentId);
    if (k === undefined) return;
    const part = parts[k]!;
    part.periods.push(p);
    part.periodIndex.push(i);
  });
  rota.agreements.forEach((a, i) => {
    // An agreement for everyone (no worker) belongs in every part.
    let targets = parts;
    if (a.workerId !== undefined) {
      const k = partOfWorker.get(a.workerId);
      if (k === undefined) return;
      targets = [parts[k]!];
    }
    for (const part of targets) {
      part.agreements.push(a);
      part.agreementIndex.push(i);
    }
  });
  const { variants: _none, ...common } = rota;
  return parts.map(({ workers, assignments, periods, agreements, periodIndex, agreementIndex }) => ({
    rota: { ...common, workers, assignments, periods, agreements },
    periodIndex,
    agreementIndex,
  }));
}

const INDEX_DETAILS = {
  periodIndex: 'periodIndex',
  otherPeriodIndex: 'periodIndex',
  agreementIndex: 'agreementIndex',
} as const;

/** A part's finding with the whole rota's period and agreement indexes in its details. */
export function mapFinding(f: Finding, part: Pick<RotaPart, 'periodIndex' | 'agreementIndex'>): Finding {
  const details = f.details;
  if (!details || !Object.keys(INDEX_DETAILS).some((k) => k in details)) return f;
  const mapped: Record<string, unknown> = { ...details };
  for (const [key, table] of Object.entries(INDEX_DETAILS)) {
    const v = details[key];
    if (typeof v === 'number' && v >= 0) mapped[key] = part[table][v];
  }
  return { ...f, details: mapped as Finding['details'] };
}

/**
 * What a report holds besides findings, put together from the parts in the whole rota's order:
 * conversions and ledger rows in assignment order, profiles in worker order (parts are consecutive).
 */
export class ReportAssembler {
  private readonly incidents: Report['incidents'] = [];
  private readonly headroom: Report['headroom'] = [];
  private readonly perWorker: Report['summary']['perWorker'] = [];
  /** Findings of the parts added so far: where the next part's findings start in the whole report. */
  private findingsBefore = 0;
  private readonly conversions: Report['conversions'] = [];
  private readonly ledger: Report['ledger'] = [];
  private readonly profiles: Report['profiles'] = [];
  private readings: Report['readings'] = [];
  readonly counts = { violations: 0, warnings: 0, info: 0 };
  /** Counted now: the rota's periods may be let go while its parts are evaluated (ParallelOptions.release). */
  private readonly periods: number;

  /**
   * `totalsOnly`: only what the summary's totals and the readings need (counts, ledger, conversions),
   * for an answer that takes its per-worker lists from another assembler (a report of what changed).
   * `listsTo`: each part's incidents (with the whole report's finding indexes), headroom and
   * profiles are handed to it as the part is added instead of being kept (finish() gives them
   * empty): a caller that writes them as they come (format/jsonStream.ts, TailLists).
   */
  constructor(
    private readonly rota: Rota,
    private readonly totalsOnly = false,
    private readonly listsTo?: (lists: Pick<Report, 'incidents' | 'headroom' | 'profiles'>) => void,
  ) {
    this.periods = rota.periods.length;
  }

  /** Adds a part's report (parts in order); returns its findings with the whole rota's indexes. */
  add(report: Report, part: Pick<RotaPart, 'periodIndex' | 'agreementIndex'>): Finding[] {
    const findings = report.findings.map((f) => mapFinding(f, part));
    this.addCounted(report, countFindings(findings));
    return findings;
  }

  /** Adds a part whose findings were rendered where it was evaluated: their counts stand for them. */
  addCounted(report: Report, counts: { violations: number; warnings: number; info: number }): void {
    this.counts.violations += counts.violations;
    this.counts.warnings += counts.warnings;
    this.counts.info += counts.info;
    for (const c of report.conversions) this.conversions.push(c);
    for (const row of report.ledger) this.ledger.push(row);
    if (this.readings.length === 0) this.readings = report.readings;
    if (this.totalsOnly) return;
    // A part's incidents index its own findings: in the whole report they follow the parts before.
    const offset = this.findingsBefore;
    this.findingsBefore += counts.violations + counts.warnings + counts.info;
    for (const w of report.summary.perWorker) this.perWorker.push(w);
    if (this.listsTo) {
      const { headroom, profiles } = report;
      this.listsTo({ incidents: report.incidents.map((i) => shiftedIncident(i, offset)), headroom, profiles });
      return;
    }
    for (const i of report.incidents) this.incidents.push(shiftedIncident(i, offset));
    for (const h of report.headroom) this.headroom.push(h);
    for (const p of report.profiles) this.profiles.push(p);
  }

  /** Everything after the findings, in the order and form evaluate() gives for the whole rota. */
  finish(): Omit<Report, 'findings' | 'variants'> {
    const order = new Map(this.rota.assignments.map((a, i) => [a.id, i]));
    const byAssignment = <T extends { assignmentId: string }>(list: T[]) =>
      list.sort((a, b) => order.get(a.assignmentId)! - order.get(b.assignmentId)!);
    const conversions = byAssignment(this.conversions);
    const ledger = byAssignment(this.ledger);
    return {
      version: 1,
      incidents: this.incidents,
      headroom: this.headroom,
      conversions,
      ledger,
      summary: {
        workers: this.rota.workers.length,
        assignments: this.rota.assignments.length,
        periods: this.periods,
        hours: roundHours(ledger.reduce((s, r) => s + r.hours, 0)),
        ...this.counts,
        perWorker: this.perWorker,
        ...(conversions.length > 0
          ? {
              conversionsByKind: conversionsByKind(
                conversions,
                new Map(this.rota.assignments.map((a) => [a.id, a.kind])),
              ),
            }
          : {}),
      },
      profiles: this.profiles,
      readings: this.readings,
    };
  }
}

/** The whole rota's report from its parts' reports (in part order), as evaluate() would give it. */
export function mergeReports(
  rota: Rota,
  parts: Array<{ report: Report; part: Pick<RotaPart, 'periodIndex' | 'agreementIndex'> }>,
): Report {
  const assembler = new ReportAssembler(rota);
  const findings: Finding[] = [];
  for (const { report, part } of parts) for (const f of assembler.add(report, part)) findings.push(f);
  const { version, ...tail } = assembler.finish();
  // Keys in the report schema's order: findings after the version.
  return { version, findings, ...tail };
}
