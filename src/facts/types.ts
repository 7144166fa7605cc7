import type { Frame } from '../time/frames.ts';
import type { AgreementInForce, WorkInterval } from '../timeline/build.ts';
import type { WorkPeriod } from './mainWorkPeriods.ts';
import type { PlanCalendar, Profile } from './profile.ts';
import type { WorkBlock } from './workBlocks.ts';
import type { Night } from '../rules/schema.ts';

/** One window a measure looked at: what was measured there and where, in one shape for every rule. */
export interface FactWindow {
  start: number;
  end: number;
  /** Hours (elapsed). */
  measured: number;
  /** The instant whose law and agreements apply to this window. */
  at: number;
  /** Blocks [from, to) whose work the window covers; assignments are read from them only when reported. */
  blockRange?: [number, number];
  /** Assignments the window concerns, when not given by blocks. */
  assignmentIds?: string[];
  /** Undefined: a detail the window does not have (left out of the finding, as a value that is not finite). */
  details?: Record<string, number | undefined>;
}

/** What a measure sees: one worker's work in one undertaking, in time order, with the fixed frames around it. */
export interface WorkFacts {
  intervals: WorkInterval[];
  blocks: WorkBlock[];
  /** Main work periods: the work joined where less than the daily rest that applies separates it. */
  workPeriods: WorkPeriod[];
  dayFrames: Frame[];
  weekFrames: Frame[];
  /** Stand-by outside the workplace, and the share of it that counts as normal working time (§ 10-4 (3)). */
  standby: { intervals: WorkInterval[]; weight: number };
  /** Every week frame of the plan, and the index of the week multi-week blocks are counted from. */
  plan: {
    weeks: Frame[];
    referenceWeek: number;
    /** The span the rota declares (plan or cycle): its weeks are the plan's weeks, with or without work. */
    declared?: { from: number; to: number };
  };
}

/** Limit in force at an instant, in hours, or undefined when the provision was not in force. */
export type LimitAt = (at: number) => number | undefined;

export interface MeasureInput {
  facts: WorkFacts;
  limitAt: LimitAt;
  /** Length of the window the provision measures over (hours; weeks for blocks), when it names one. */
  windowHours: number | undefined;
  /** Sundays, holidays and nights of the whole plan (for this worker: nights move with an evening-work agreement). */
  calendar?: PlanCalendar;
  /** The worker's plan as a whole. */
  profile?: Profile;
  /** Normal-hours ceilings as they apply to this worker (rule ids named by the check's `ceilings`). */
  ceilings?: { day?: LimitAt; week?: LimitAt };
  /** Agreements that cover this worker in this undertaking. */
  agreements?: AgreementInForce[];
  /** When the night is: its hours' parameters and the agreements that move its start (the rule book's `night`). */
  night?: Night;
  /** Agreement types the check is limited to (`onlyWith`). */
  onlyWith?: string[];
  /** The rota's time zone, for wall-clock windows a measure draws itself. */
  zone?: string;
  /** Further parameters of the check's rule file (the `params` it names), value in force at an instant. */
  param?: (name: string, at: number) => number | undefined;
  /**
   * Whether a window measuring this much could break a limit of any check naming the measure: a
   * measure listed in FLOORED_MEASURES (measures.ts) makes only the windows it keeps. Asked by a
   * judgement that reads breaches alone (engine/pass.ts breachCandidatesOf), whose windows are kept
   * apart from the whole list.
   */
  keeps?: (measured: number) => boolean;
}

export type Measure = (input: MeasureInput) => FactWindow[];

/** Every window kept (MeasureInput.keeps, when the judgement asks for them all). */
export const every = (_measured: number): boolean => true;
