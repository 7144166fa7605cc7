// Timeline stage: a validated Rota becomes exact instants. Everything that is well-formed but
// wrong (unknown ids, DST-gap times, end before start) is refused here with its path; nothing
// is dropped or merged, every period becomes exactly one WorkInterval.
import { InputError, type InputIssue } from '../rota/errors.ts';
import type { AgreementType, AssignmentKind, Rota } from '../rota/schema.ts';
import { WEEKDAYS } from '../rota/schema.ts';
import { DateTime } from 'luxon';
import { LocalTimeError, localDate, msFromHours, parseInstant, startOfLocalDate } from '../time/instant.ts';
import { weekFrameStart, type FrameAnchor } from '../time/frames.ts';

export interface WorkInterval {
  /** Index of the period in the rota file, for error messages and the ledger. */
  periodIndex: number;
  assignmentId: string;
  workerId: string;
  /** Employer key: assignments with the same employer are one undertaking ('' = the rota's own). */
  undertaking: string;
  kind: AssignmentKind;
  contract: 'oppdrag' | 'arbeidsavtale';
  start: number;
  end: number;
  passiveMs: number;
  shiftPattern?: string;
  regime: 'aml' | 'medlever';
  /** Stand-by outside the workplace: not work for rest and continuity, a share of it normal hours. */
  standby: boolean;
  /** Planned break inside the period, when the rota states one. */
  breakMinutes?: number;
  heavyNightWork: boolean;
}

export interface AgreementInForce {
  index: number;
  type: AgreementType;
  workerId: string | undefined;
  employer: string | undefined;
  /** First instant covered (start of validFrom's local day), or -Infinity. */
  from: number;
  /** First instant no longer covered (start of the day after validTo), or +Infinity. */
  to: number;
  params: Record<string, number | string | boolean>;
}

export interface Timeline {
  rota: Rota;
  zone: string;
  anchor: FrameAnchor;
  intervals: WorkInterval[];
  agreements: AgreementInForce[];
  /** The declared span of the plan (first instant, first instant after it), when the rota gives one. */
  plan?: { from: number; to: number };
  /** A base turnus that repeats: its length and its span. */
  cycle?: { weeks: number; from: number; to: number };
}

/** The longest single period the rota format takes (a month): longer ones are typing errors or need splitting. */
export const MAX_PERIOD_DAYS = 31;
/** The longest span one rota file may cover. */
export const MAX_SPAN_DAYS = 3653;
const MAX_PERIOD_MS = MAX_PERIOD_DAYS * 86_400_000;

function duplicates(ids: string[]): Map<string, number[]> {
  const seen = new Map<string, number[]>();
  ids.forEach((id, i) => seen.set(id, [...(seen.get(id) ?? []), i]));
  return new Map([...seen].filter(([, at]) => at.length > 1));
}

export function buildTimeline(rota: Rota): Timeline {
  const issues: InputIssue[] = [];
  const zone = rota.timezone;

  for (const [id, at] of duplicates(rota.workers.map((w) => w.id))) {
    for (const i of at.slice(1)) issues.push({ path: `workers[${i}].id`, message: `duplicate worker id "${id}" (first at workers[${at[0]}])` });
  }
  for (const [id, at] of duplicates(rota.assignments.map((a) => a.id))) {
    for (const i of at.slice(1)) issues.push({ path: `assignments[${i}].id`, message: `duplicate assignment id "${id}" (first at assignments[${at[0]}])` });
  }
  const workerIds = new Set(rota.workers.map((w) => w.id));
  const assignments = new Map(rota.assignments.map((a) => [a.id, a]));
  rota.assignments.forEach((a, i) => {
    if (!workerIds.has(a.workerId)) issues.push({ path: `assignments[${i}].workerId`, message: `unknown worker "${a.workerId}" (not in workers)` });
  });

  const intervals: WorkInterval[] = [];
  rota.periods.forEach((p, i) => {
    const assignment = assignments.get(p.assignmentId);
    if (!assignment) issues.push({ path: `periods[${i}].assignmentId`, message: `unknown assignment "${p.assignmentId}" (not in assignments)` });
    const start = readInstant(p, 'start', i, zone, issues);
    const end = readInstant(p, 'end', i, zone, issues);
    if (start === undefined || end === undefined) return;
    // Every problem of the row is named, even when its assignment is unknown too.
    if (end <= start) {
      issues.push({ path: `periods[${i}].end`, message: `must be after start (${p.start}); a period cannot end before it begins or last zero time` });
      return;
    }
    if (end - start > MAX_PERIOD_MS) {
      issues.push({ path: `periods[${i}].end`, message: `the period lasts ${Math.round((end - start) / 86_400_000)} days; one period may last at most ${MAX_PERIOD_DAYS} days (split longer stays into periods)` });
      return;
    }
    const passiveMs = msFromHours(p.passiveHours ?? 0);
    if (passiveMs > end - start) {
      issues.push({ path: `periods[${i}].passiveHours`, message: `${p.passiveHours} passive hours is more than the period lasts` });
      return;
    }
    if (p.breakMinutes !== undefined && p.breakMinutes * 60_000 > end - start) {
      issues.push({ path: `periods[${i}].breakMinutes`, message: `${p.breakMinutes} minutes of break is more than the period lasts` });
      return;
    }
    if (!assignment) return;
    intervals.push({
      periodIndex: i,
      assignmentId: assignment.id,
      workerId: assignment.workerId,
      undertaking: assignment.employer ?? '',
      kind: assignment.kind,
      contract: assignment.contract,
      start,
      end,
      passiveMs,
      ...(assignment.shiftPattern ? { shiftPattern: assignment.shiftPattern } : {}),
      regime: assignment.regime ?? 'aml',
      standby: p.standby ?? false,
      heavyNightWork: assignment.heavyNightWork ?? false,
      ...(p.breakMinutes !== undefined ? { breakMinutes: p.breakMinutes } : {}),
    });
  });

  const agreements: AgreementInForce[] = [];
  rota.agreements.forEach((a, i) => {
    if (a.workerId !== undefined && !workerIds.has(a.workerId)) {
      issues.push({ path: `agreements[${i}].workerId`, message: `unknown worker "${a.workerId}" (not in workers)` });
    }
    if (a.validFrom && a.validTo && a.validTo < a.validFrom) {
      issues.push({ path: `agreements[${i}].validTo`, message: `must not be before validFrom (${a.validFrom})` });
    }
    agreements.push({
      index: i,
      type: a.type,
      workerId: a.workerId,
      employer: a.employer,
      from: a.validFrom ? startOfLocalDate(a.validFrom, zone) : -Infinity,
      to: a.validTo ? startOfLocalDate(nextDate(a.validTo), zone) : Infinity,
      params: a.params ?? {},
    });
  });

  // One rota file covers a plan, not a career: a span this long is a typing error or belongs in several files.
  const span = spanOf(intervals);
  if (span) {
    const days = Math.ceil((span.to - span.from) / 86_400_000);
    if (days > MAX_SPAN_DAYS) {
      issues.push({ path: 'periods', message: `the periods span ${days} days; one rota file may span at most ${MAX_SPAN_DAYS} days (about ten years): split it` });
    }
  }
  const [h, m] = (rota.frames?.dayStart ?? '00:00').split(':').map(Number) as [number, number];
  const anchor: FrameAnchor = {
    zone,
    dayStartMinutes: h * 60 + m,
    weekStartWeekday: WEEKDAYS.indexOf(rota.frames?.weekStart ?? 'monday') + 1,
  };
  const { plan, cycle } = planAndCycle(rota, anchor, intervals, issues);
  if (issues.length > 0) throw new InputError(issues);
  return { rota, zone, anchor, intervals, agreements, ...(plan ? { plan } : {}), ...(cycle ? { cycle } : {}) };
}

/**
 * The declared plan and base-turnus cycle (docs/legal/17-plan-span-and-cycle.md) as instants. A
 * cycle starts on plan.from, else on frames.referenceDate, else at the week frame of the first
 * period, and lasts its weeks on the wall clock. Every period must start inside them.
 */
function planAndCycle(rota: Rota, anchor: FrameAnchor, intervals: WorkInterval[], issues: InputIssue[]): Pick<Timeline, 'plan' | 'cycle'> {
  const zone = anchor.zone;
  let plan: Timeline['plan'];
  if (rota.plan) {
    if (rota.plan.to < rota.plan.from) issues.push({ path: 'plan.to', message: `must not be before plan.from (${rota.plan.from})` });
    else plan = { from: startOfLocalDate(rota.plan.from, zone), to: startOfLocalDate(nextDate(rota.plan.to), zone) };
  }
  let cycle: Timeline['cycle'];
  if (rota.cycle) {
    const first = spanOf(intervals)?.from;
    const from = rota.plan ? startOfLocalDate(rota.plan.from, zone) : rota.frames?.referenceDate ? startOfLocalDate(rota.frames.referenceDate, zone) : first !== undefined ? weekFrameStart(first, anchor) : undefined;
    if (from !== undefined) {
      const to = DateTime.fromMillis(from, { zone }).plus({ weeks: rota.cycle.weeks }).toMillis();
      cycle = { weeks: rota.cycle.weeks, from, to };
      if (plan && plan.to !== to) {
        issues.push({ path: 'plan.to', message: `a cycle of ${rota.cycle.weeks} weeks from plan.from (${rota.plan!.from}) ends on ${localDate(to - 1, zone)}: plan.to must be that day, or leave plan out` });
      }
    }
  }
  const bounds = cycle ?? plan;
  if (bounds) {
    const what = cycle ? `the ${cycle.weeks}-week cycle` : 'the plan';
    for (const iv of intervals) {
      if (iv.start < bounds.from || iv.start >= bounds.to) {
        issues.push({ path: `periods[${iv.periodIndex}].start`, message: `lies outside ${what} (${localDate(bounds.from, zone)} to ${localDate(bounds.to - 1, zone)})` });
      }
    }
  }
  return { ...(plan ? { plan } : {}), ...(cycle ? { cycle } : {}) };
}

/** The first instant worked to the last, over every interval; undefined when there are none. */
export function spanOf(intervals: WorkInterval[]): { from: number; to: number } | undefined {
  let from = Infinity;
  let to = -Infinity;
  for (const iv of intervals) {
    if (iv.start < from) from = iv.start;
    if (iv.end > to) to = iv.end;
  }
  return from <= to ? { from, to } : undefined;
}

/** A period's start or end as an instant; a wall-clock text that names none is an issue of its row. */
function readInstant(p: Rota['periods'][number], field: 'start' | 'end', row: number, zone: string, issues: InputIssue[]): number | undefined {
  try {
    return parseInstant(p[field], zone);
  } catch (err) {
    if (err instanceof LocalTimeError) {
      issues.push({ path: `periods[${row}].${field}`, message: err.message });
      return undefined;
    }
    throw err;
  }
}

function nextDate(isoDate: string): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
