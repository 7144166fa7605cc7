// What the conversion assessment's runs of one worker's part share. The ladder evaluates the same
// part again and again under other agreements (none, the individual ones, the collective ones, the
// set it confirms), and most of an evaluation does not depend on them: the timeline's periods and
// the context's frames and calendars (context.ts settingOf), the worker-wide pass (its
// checks take no agreement), and each pass's facts with what is worked out from the facts alone
// (their tallies, the measures of the facts alone, the profile and the conditions it meets). An
// agreement can change the facts (a lower daily rest joins or splits main work periods, a stated
// stand-by weight) or the calendar (a night moved): each run forms its main work periods, and
// takes the facts of an earlier run only where they come out the same, and its applicability only
// under the same calendar. One measurement of the part, judged under each set of agreements.
import type { PlanCalendar } from '../facts/profile.ts';
import type { FactWindow, WorkFacts } from '../facts/types.ts';
import type { WorkPeriod } from '../facts/mainWorkPeriods.ts';
import type { Finding } from '../report/schema.ts';
import type { CompiledCheck } from '../rules/limits.ts';
import type { MeasureName } from '../rules/schema.ts';
import type { Timeline } from '../timeline/build.ts';
import type { Context } from './context.ts';
import type { Applicability } from './pass.ts';

/** A pass's facts and what is worked out from them alone, shared by every pass over the very same facts. */
export interface MeasuredFacts {
  facts: WorkFacts;
  /**
   * The windows of the measures that read nothing an agreement changes (facts/measures.ts
   * MEASURE_READS), kept for every pass over these facts.
   */
  windows: SharedWindows;
  /** The same for the measures that read the calendar or its Sunday windows, under each they were measured under. */
  under: Map<PlanCalendar | PlanCalendar['sundays'], SharedWindows>;
  /**
   * The windows of a floored measure that could break a limit of a check naming it
   * (Pass.breachCandidatesOf), by measure and window length.
   */
  candidates: Map<MeasureName, Map<number | undefined, FactWindow[]>>;
  /** Applicability (json-rules-engine over the profile) under each calendar it was asked under. */
  applies: Map<PlanCalendar, Applicability>;
}

/**
 * Windows measured once for the same facts: of a measure reading the check's parameters by check,
 * of any other by measure and window length (every check naming it with that length reads them).
 * Keyed by the objects and numbers themselves, not by a key written for each question.
 */
export interface SharedWindows {
  byCheck: Map<CompiledCheck, FactWindow[]>;
  byLength: Map<MeasureName, Map<number | undefined, FactWindow[]>>;
}

export const sharedWindows = (): SharedWindows => ({ byCheck: new Map(), byLength: new Map() });

/**
 * Handed to every run of one part (EvaluateOptions.reuse) with the same options and rule book, and
 * only to runs without headroom (the conversion tiers' violations-only runs): a reused pass offers
 * nothing to the headroom.
 */
export class PartReuse {
  /** The worker-wide pass's findings, by worker. */
  readonly workerWide = new Map<string, Finding[]>();
  /** By pass (passKey): the facts each run formed that differed from the others'. */
  readonly facts = new Map<string, MeasuredFacts[]>();
  private readonly inner = new Map<string, PartReuse>();
  /**
   * The first run's timeline and context, and the instant its frames start from: a later run's differ
   * only in its agreements (context.ts settingOf).
   */
  setting: { timeline: Timeline; ctx: Context; from: number } | undefined;

  /** The reuse of a rota the part's run evaluates in its turn (a cycle's repetitions, its own weeks), by name. */
  within(name: string): PartReuse {
    let reuse = this.inner.get(name);
    if (!reuse) this.inner.set(name, (reuse = new PartReuse()));
    return reuse;
  }

  /** The facts formed for a pass, or undefined when none came out the same. */
  find(key: string, workPeriods: WorkPeriod[], standbyWeight: number): MeasuredFacts | undefined {
    return this.facts
      .get(key)
      ?.find((m) => m.facts.standby.weight === standbyWeight && samePeriods(m.facts.workPeriods, workPeriods));
  }

  keep(key: string, measured: MeasuredFacts): void {
    const list = this.facts.get(key);
    if (list) list.push(measured);
    else this.facts.set(key, [measured]);
  }
}

/** The same periods of the same work: a period's intervals, hours and rests follow from where it starts and ends. */
function samePeriods(a: WorkPeriod[], b: WorkPeriod[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i]!.start !== b[i]!.start || a[i]!.end !== b[i]!.end) return false;
  return true;
}

/** A pass's key within its part: which of the worker's work it measures. */
export const passKey = (workerId: string, undertaking: string | undefined, regime: string, hypothetical: boolean) =>
  `${workerId}\u0000${undertaking ?? ''}\u0000${regime}\u0000${hypothetical}`;
