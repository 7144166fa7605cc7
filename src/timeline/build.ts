// Timeline stage: a validated Rota becomes exact instants. Everything that is well-formed but
// wrong (unknown ids, DST-gap times, end before start) is refused here with its path; nothing
// is dropped or merged, every period becomes exactly one WorkInterval. The same checks run on the
// parts of an invalid document that did validate (timelineIssues), so that the loader names every
// problem of a file in one pass rather than schema errors first and these after.
import { InputError, type InputIssue } from '../rota/errors.ts';
import { placeIssues } from '../rota/locate.ts';
import type { AgreementType, Assignment, AssignmentKind, Rota } from '../rota/schema.ts';
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

/**
 * The agreements as instants, each checked against the workers (undefined: not known, not judged).
 * Without a time zone they are checked, not placed.
 */
function agreementsOf(
  list: RotaParts['agreements'],
  zone: string | undefined,
  workerIds: Set<string> | undefined,
  issues: InputIssue[],
): AgreementInForce[] {
  const agreements: AgreementInForce[] = [];
  list?.forEach((a, i) => {
    if (!a) return;
    if (a.workerId !== undefined && workerIds && !workerIds.has(a.workerId)) {
      issues.push({ path: `agreements[${i}].workerId`, message: `unknown worker "${a.workerId}" (not in workers)` });
    }
    if (a.validFrom && a.validTo && a.validTo < a.validFrom) {
      issues.push({ path: `agreements[${i}].validTo`, message: `must not be before validFrom (${a.validFrom})` });
    }
    if (zone === undefined || a.type === undefined) return;
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
  return agreements;
}

/**
 * The timeline of a rota that differs from an earlier one's only in its agreements (the conversion's
 * runs of one worker's part, engine/reuse.ts): the earlier one's periods, plan and cycle, these
 * agreements, checked as buildTimeline checks them.
 */
export function withAgreementsOf(rota: Rota, earlier: Timeline): Timeline {
  const issues: InputIssue[] = [];
  const agreements = agreementsOf(rota.agreements, earlier.zone, new Set(rota.workers.map((w) => w.id)), issues);
  if (issues.length > 0) throw new InputError(placeIssues(issues, rota));
  return { ...earlier, rota, agreements };
}

/** Positions in `ids` of every id given more than once, in the order first seen. */
function duplicates(ids: readonly string[]): Map<string, number[]> {
  const seen = new Map<string, number[]>();
  ids.forEach((id, i) => {
    const at = seen.get(id);
    if (at) at.push(i);
    else seen.set(id, [i]);
  });
  return new Map([...seen].filter(([, at]) => at.length > 1));
}

/** Every field optional: an entry of a list whose own fields did not all validate keeps those that did. */
export type Loose<T> = { [K in keyof T]?: T[K] };

/**
 * What the timeline's checks read. A validated Rota is one; so is the part of an invalid document
 * that did validate (src/rota/salvage.ts), where a list entry may lack its bad fields or be missing
 * (undefined) altogether, a list may be missing, and `timezone` is undefined when it is no time zone.
 */
export interface RotaParts {
  timezone?: string;
  frames?: Rota['frames'];
  plan?: Rota['plan'];
  cycle?: Rota['cycle'];
  workers?: ReadonlyArray<Loose<Rota['workers'][number]> | undefined>;
  assignments?: ReadonlyArray<Loose<Assignment> | undefined>;
  periods?: ReadonlyArray<Loose<Rota['periods'][number]> | undefined>;
  agreements?: ReadonlyArray<Loose<Rota['agreements'][number]> | undefined>;
}

export function buildTimeline(rota: Rota): Timeline {
  const issues: InputIssue[] = [];
  const timeline = check(rota, issues, true);
  if (issues.length > 0) throw new InputError(placeIssues(issues, rota));
  return { rota, ...timeline };
}

/**
 * The timeline's checks on the parts of a document that validated, so that a document with schema
 * errors is told its cross-reference, wall-time and plan errors in the same pass. A check that
 * needs a part that did not validate is left out rather than guessed: references into a list with
 * an entry whose id is bad, wall times in a time zone that is none (only what does not depend on
 * the zone is checked), and the plan and cycle when `boundsKnown` is false (frames, plan or cycle
 * themselves invalid).
 */
export function timelineIssues(parts: RotaParts, boundsKnown = true): InputIssue[] {
  const issues: InputIssue[] = [];
  check(parts, issues, boundsKnown);
  return issues;
}

/** The ids of a list, naming each duplicate; undefined when some entry has no valid id, so a reference cannot be judged. */
function knownIds(
  list: ReadonlyArray<{ id?: string } | undefined> | undefined,
  name: 'workers' | 'assignments',
  issues: InputIssue[],
): Set<string> | undefined {
  if (!list) return undefined;
  const what = name === 'workers' ? 'worker' : 'assignment';
  const ids: string[] = [];
  const at: number[] = [];
  list.forEach((entry, i) => {
    if (entry?.id === undefined) return;
    ids.push(entry.id);
    at.push(i);
  });
  for (const [id, seen] of duplicates(ids)) {
    for (const k of seen.slice(1))
      issues.push({
        path: `${name}[${at[k]}].id`,
        message: `duplicate ${what} id "${id}" (first at ${name}[${at[seen[0]!]}])`,
      });
  }
  return ids.length === list.length ? new Set(ids) : undefined;
}

/** An assignment with every field an interval needs (always, once the document validated). */
function isWhole(a: Loose<Assignment> | undefined): a is Assignment {
  return (
    a !== undefined &&
    a.id !== undefined &&
    a.workerId !== undefined &&
    a.kind !== undefined &&
    a.contract !== undefined
  );
}

const HAS_OFFSET = /(?:Z|[+-]\d{2}:\d{2})$/;

function check(rota: RotaParts, issues: InputIssue[], boundsKnown: boolean): Omit<Timeline, 'rota'> {
  const zoneKnown = rota.timezone !== undefined;
  // A time zone that is none: wall times are still read (as UTC) for what does not depend on it.
  const zone = rota.timezone ?? 'UTC';

  const workerIds = knownIds(rota.workers, 'workers', issues);
  const assignmentIds = knownIds(rota.assignments, 'assignments', issues);
  const assignments = new Map<string, Loose<Assignment>>();
  rota.assignments?.forEach((a) => {
    if (a?.id !== undefined) assignments.set(a.id, a);
  });
  rota.assignments?.forEach((a, i) => {
    if (a?.workerId !== undefined && workerIds && !workerIds.has(a.workerId)) {
      issues.push({ path: `assignments[${i}].workerId`, message: `unknown worker "${a.workerId}" (not in workers)` });
    }
  });

  const intervals: WorkInterval[] = [];
  // Periods that cannot become intervals (a problem of their own, or an assignment unknown or
  // invalid) still take part in the checks across periods (span, plan) with what can be read of
  // them; never returned, as there is an issue already.
  const unplaced: Array<{ periodIndex: number; start: number; end: number }> = [];
  // A period with a problem of its own still has its start judged against the plan.
  const startOnly = (periodIndex: number, start: number) => {
    unplaced.push({ periodIndex, start, end: start });
  };
  rota.periods?.forEach((p, i) => {
    if (!p) return;
    const assignment = p.assignmentId === undefined ? undefined : assignments.get(p.assignmentId);
    if (p.assignmentId !== undefined && !assignment && assignmentIds) {
      issues.push({
        path: `periods[${i}].assignmentId`,
        message: `unknown assignment "${p.assignmentId}" (not in assignments)`,
      });
    }
    const start = p.start === undefined ? undefined : readInstant(p.start, 'start', i, zone, issues);
    const end = p.end === undefined ? undefined : readInstant(p.end, 'end', i, zone, issues);
    if (start === undefined) return;
    if (end === undefined) {
      startOnly(i, start);
      return;
    }
    // Without a time zone, only two times written alike (both wall times, or both with an offset) compare.
    if (!zoneKnown && HAS_OFFSET.test(p.start!) !== HAS_OFFSET.test(p.end!)) return;
    // Every problem of the row is named, even when its assignment is unknown too.
    if (end <= start) {
      issues.push({
        path: `periods[${i}].end`,
        message: `must be after start (${p.start}); a period cannot end before it begins or last zero time`,
      });
      startOnly(i, start);
      return;
    }
    if (!zoneKnown) return;
    if (end - start > MAX_PERIOD_MS) {
      issues.push({
        path: `periods[${i}].end`,
        message: `the period lasts ${Math.round((end - start) / 86_400_000)} days; one period may last at most ${MAX_PERIOD_DAYS} days (split longer stays into periods)`,
      });
      startOnly(i, start);
      return;
    }
    const passiveMs = msFromHours(p.passiveHours ?? 0);
    if (passiveMs > end - start) {
      issues.push({
        path: `periods[${i}].passiveHours`,
        message: `${p.passiveHours} passive hours is more than the period lasts`,
      });
      startOnly(i, start);
      return;
    }
    if (p.breakMinutes !== undefined && p.breakMinutes * 60_000 > end - start) {
      issues.push({
        path: `periods[${i}].breakMinutes`,
        message: `${p.breakMinutes} minutes of break is more than the period lasts`,
      });
      startOnly(i, start);
      return;
    }
    if (!isWhole(assignment)) {
      unplaced.push({ periodIndex: i, start, end });
      return;
    }
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

  const agreements = agreementsOf(rota.agreements, zoneKnown ? zone : undefined, workerIds, issues);

  // One rota file covers a plan, not a career: a span this long is a typing error or belongs in several files.
  const span = spanOf(unplaced.length > 0 ? [...intervals, ...unplaced] : intervals);
  if (span && zoneKnown) {
    const days = Math.ceil((span.to - span.from) / 86_400_000);
    if (days > MAX_SPAN_DAYS) {
      issues.push({
        path: 'periods',
        message: `the periods span ${days} days; one rota file may span at most ${MAX_SPAN_DAYS} days (about ten years): split it`,
      });
    }
  }
  const [h, m] = (rota.frames?.dayStart ?? '00:00').split(':').map(Number) as [number, number];
  const anchor: FrameAnchor = {
    zone,
    dayStartMinutes: h * 60 + m,
    weekStartWeekday: WEEKDAYS.indexOf(rota.frames?.weekStart ?? 'monday') + 1,
  };
  const { plan, cycle } = zoneKnown && boundsKnown ? planAndCycle(rota, anchor, intervals, unplaced, issues) : {};
  return { zone, anchor, intervals, agreements, ...(plan ? { plan } : {}), ...(cycle ? { cycle } : {}) };
}

/**
 * The declared plan and base-turnus cycle (docs/legal/17-plan-span-and-cycle.md) as instants. A
 * cycle starts on plan.from, else on frames.referenceDate, else at the week frame of the first
 * period, and lasts its weeks on the wall clock. Every period must start inside them.
 */
function planAndCycle(
  rota: RotaParts,
  anchor: FrameAnchor,
  intervals: WorkInterval[],
  unplaced: ReadonlyArray<{ periodIndex: number; start: number; end: number }>,
  issues: InputIssue[],
): Pick<Timeline, 'plan' | 'cycle'> {
  const zone = anchor.zone;
  let plan: Timeline['plan'];
  if (rota.plan) {
    if (rota.plan.to < rota.plan.from)
      issues.push({ path: 'plan.to', message: `must not be before plan.from (${rota.plan.from})` });
    else plan = declaredPlan(rota.plan, zone);
  }
  let cycle: Timeline['cycle'];
  if (rota.cycle) {
    const first = spanOf(unplaced.length > 0 ? [...intervals, ...unplaced] : intervals)?.from;
    const from = rota.plan
      ? startOfLocalDate(rota.plan.from, zone)
      : rota.frames?.referenceDate
        ? startOfLocalDate(rota.frames.referenceDate, zone)
        : first !== undefined
          ? weekFrameStart(first, anchor)
          : undefined;
    if (from !== undefined) {
      const to = DateTime.fromMillis(from, { zone }).plus({ weeks: rota.cycle.weeks }).toMillis();
      cycle = { weeks: rota.cycle.weeks, from, to };
      if (plan && plan.to !== to) {
        issues.push({
          path: 'plan.to',
          message: `a cycle of ${rota.cycle.weeks} weeks from plan.from (${rota.plan!.from}) ends on ${localDate(to - 1, zone)}: plan.to must be that day, or leave plan out`,
        });
      }
    }
  }
  const bounds = cycle ?? plan;
  if (bounds) {
    const what = cycle ? `the ${cycle.weeks}-week cycle` : 'the plan';
    const outside = (iv: { periodIndex: number; start: number }) => {
      if (iv.start < bounds.from || iv.start >= bounds.to) {
        issues.push({
          path: `periods[${iv.periodIndex}].start`,
          message: `lies outside ${what} (${localDate(bounds.from, zone)} to ${localDate(bounds.to - 1, zone)})`,
        });
      }
    };
    for (const iv of intervals) outside(iv);
    for (const iv of unplaced) outside(iv);
  }
  return { ...(plan ? { plan } : {}), ...(cycle ? { cycle } : {}) };
}

/** The first instant worked to the last, over every interval; undefined when there are none. */
export function spanOf(
  intervals: ReadonlyArray<{ start: number; end: number }>,
): { from: number; to: number } | undefined {
  let from = Infinity;
  let to = -Infinity;
  for (const iv of intervals) {
    if (iv.start < from) from = iv.start;
    if (iv.end > to) to = iv.end;
  }
  return from <= to ? { from, to } : undefined;
}

/** A period's start or end as an instant; a wall-clock text that names none is an issue of its row. */
function readInstant(
  text: string,
  field: 'start' | 'end',
  row: number,
  zone: string,
  issues: InputIssue[],
): number | undefined {
  try {
    return parseInstant(text, zone);
  } catch (err) {
    if (err instanceof LocalTimeError) {
      issues.push({ path: `periods[${row}].${field}`, message: err.message });
      return undefined;
    }
    throw err;
  }
}

/** A declared plan's dates as instants: its first day's start, and the start of the day after its last. */
export function declaredPlan(plan: NonNullable<Rota['plan']>, zone: string): { from: number; to: number } {
  return { from: startOfLocalDate(plan.from, zone), to: startOfLocalDate(nextDate(plan.to), zone) };
}

function nextDate(isoDate: string): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
