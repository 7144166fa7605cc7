// What one evaluation carries between its stages, and a finding before it is written out.
import { compiled, type CompiledEngines } from './engines.ts';
import type { EvaluateOptions } from './evaluate.ts';
import { HeadroomCollector } from './headroom.ts';
import { planSpan } from './partition.ts';
import { sharedPlanCalendar } from './planCalendar.ts';
import type { PartReuse } from './reuse.ts';
import type { PlanCalendar } from '../facts/profile.ts';
import type { FactWindow } from '../facts/types.ts';
import type { Finding } from '../report/schema.ts';
import type { Rota } from '../rota/schema.ts';
import type { CompiledCheck, CompiledRestMinimum, DatedSeries, ResolvedLimit } from '../rules/limits.ts';
import { nightOf, type RuleBook } from '../rules/load.ts';
import type { AgreementType } from '../rota/schema.ts';
import type { Night } from '../rules/schema.ts';
import { dayFrames, weekFrames, type Frame } from '../time/frames.ts';
import { startOfLocalDate } from '../time/instant.ts';
import { buildTimeline, withAgreementsOf, type Timeline } from '../timeline/build.ts';

export interface Context {
  timeline: Timeline;
  kindOf: Map<string, string>;
  checks: CompiledCheck[];
  /** The daily rest that separates main work periods. */
  restMinimum: CompiledRestMinimum | undefined;
  /** The primary (non-supplementary) check of each rule id. */
  primaryById: Map<string, CompiledCheck>;
  /** Decides, per worker, which profile-dependent limits and checks apply (json-rules-engine). */
  profileMatches: CompiledEngines['profileMatches'];
  calendar: PlanCalendar;
  /**
   * The plan's calendar for a worker with an agreement that moves the night's start (AML § 10-11 (3)
   * evening work: the rule file's `night.agreements`), lawful from an instant; only for the types
   * the rota has.
   */
  nightMoves: NightMove[];
  /** When the night is (the rule file that declares it), for the measures that name its hours. */
  night: Night | undefined;
  violationsOnly: boolean;
  /** The run may stop at the first finding of this kind (EvaluateOptions.enough; violations-only runs). */
  enough: ((f: Finding) => boolean) | undefined;
  /** Share of stand-by outside the workplace that counts as normal working time (rules: § 10-4 (3)), dated. */
  standbyFactor: DatedSeries | undefined;
  /** The parameters profile conditions compare with, valued at the date of each pass. */
  profileParams: CompiledEngines['profileParams'];
  days: Frame[];
  weeks: Frame[];
  referenceWeek: number;
  asOf: number | undefined;
  /** What is left before each limit, per worker (not collected for the conversion tiers' runs). */
  headroom: HeadroomCollector | undefined;
  /** The rota is a base turnus that repeats (a profile fact: overtime in it recurs every cycle). */
  cyclic: boolean;
  /** The span the rota declares (its plan or cycle), over which the plan's weeks are counted. */
  declaredSpan: { from: number; to: number } | undefined;
  /** What the runs of one conversion part share (reuse.ts); only for runs without headroom. */
  reuse: PartReuse | undefined;
}

export interface NightMove {
  type: AgreementType;
  lawfulFrom: number;
  calendar: PlanCalendar;
}

export interface RawFinding {
  c: CompiledCheck;
  w: FactWindow;
  r: ResolvedLimit;
  severity: Finding['severity'];
  kind: 'breach' | 'relies-on-agreement' | 'deferred';
  /** For `deferred`: the rule that judges the window instead. */
  owner?: CompiledCheck;
}

/** The agreements the rota has that move the night, each with the plan's calendar under it. */
function nightMoves(book: RuleBook, timeline: Timeline, calendarFor: (type: AgreementType) => PlanCalendar) {
  const declared = nightOf(book);
  if (!declared) return [];
  return declared.night.agreements
    .filter((m) => timeline.agreements.some((a) => a.type === m.type))
    .map((m) => {
      // Lawful from the date the catalogue gives, else from the first date the moved start is stated.
      const since = book.agreements[m.type]?.inForce.from ?? declared.file.parameters[m.startHour]!.values[0]!.since;
      return { type: m.type, lawfulFrom: startOfLocalDate(since, timeline.zone), calendar: calendarFor(m.type) };
    });
}

/** The span whose frames the evaluation judges by: a part's, the plan's, or its work's. */
const spanFor = (timeline: Timeline, options: EvaluateOptions) =>
  (timeline.intervals.length > 0 && options.span) || planSpan(timeline) || { from: Infinity, to: -Infinity };

/**
 * What every pass of one evaluation shares: the compiled rule book, the plan's frames (days, and
 * weeks counted from the reference week), its calendars, and the options that change judgement.
 */
export function buildContext(rota: Rota, timeline: Timeline, book: RuleBook, options: EvaluateOptions): Context {
  // Shared by every evaluation under the rule book and zone: read, never changed.
  const { checks, primaryById, standbyFactor, restMinimum, profileParams, profileMatches } = compiled(
    book,
    timeline.zone,
  );
  const { intervals, anchor, zone } = timeline;
  const { from, to } = spanFor(timeline, options);
  // Multi-week blocks count from the week of the reference date (default: of the first period).
  const reference = rota.frames?.referenceDate ? startOfLocalDate(rota.frames.referenceDate, zone) : from;
  const weeks = intervals.length ? weekFrames(Math.min(from, reference), to, anchor) : [];
  const days = intervals.length ? dayFrames(from, to, anchor) : [];
  return {
    timeline,
    kindOf: new Map(rota.assignments.map((a) => [a.id, a.kind])),
    checks,
    restMinimum,
    primaryById,
    profileMatches,
    calendar: sharedPlanCalendar(book, days, weeks, zone, from),
    violationsOnly: options.violationsOnly ?? false,
    enough: options.violationsOnly ? options.enough : undefined,
    standbyFactor,
    profileParams,
    night: nightOf(book)?.night,
    nightMoves: nightMoves(book, timeline, (type) => sharedPlanCalendar(book, days, weeks, zone, from, type)),
    days,
    weeks,
    referenceWeek: Math.max(
      0,
      weeks.findIndex((w) => w.end > reference),
    ),
    asOf: options.asOf ? startOfLocalDate(options.asOf, zone) : undefined,
    // The conversion tiers' runs want violations only: no headroom.
    headroom: options.violationsOnly ? undefined : new HeadroomCollector(zone),
    cyclic: options.cyclic ?? timeline.cycle !== undefined,
    declaredSpan: options.declaredSpan ?? timeline.cycle ?? timeline.plan,
    // A reused pass offers nothing to the headroom: reuse is for the violations-only runs.
    reuse: options.violationsOnly ? options.reuse : undefined,
  };
}

/**
 * The timeline and context of one evaluation. A conversion run of a part that an earlier run with
 * the same reuse evaluated (engine/reuse.ts) differs from it only in its agreements: that run's
 * periods, frames and calendars are taken, and what agreements change (the timeline's agreements,
 * the nights they move) is formed anew.
 */
export function settingOf(rota: Rota, book: RuleBook, options: EvaluateOptions): { timeline: Timeline; ctx: Context } {
  const reuse = options.violationsOnly ? options.reuse : undefined;
  const earlier = reuse?.setting;
  if (!earlier) {
    const timeline = buildTimeline(rota);
    const ctx = buildContext(rota, timeline, book, options);
    if (reuse) reuse.setting = { timeline, ctx, from: spanFor(timeline, options).from };
    return { timeline, ctx };
  }
  const timeline = withAgreementsOf(rota, earlier.timeline);
  const {
    ctx: { days, weeks },
    from,
  } = earlier;
  return {
    timeline,
    ctx: {
      ...earlier.ctx,
      timeline,
      // Asked of this run, not of the run that formed the setting.
      enough: options.enough,
      nightMoves: nightMoves(book, timeline, (type) =>
        sharedPlanCalendar(book, days, weeks, timeline.zone, from, type),
      ),
    },
  };
}
