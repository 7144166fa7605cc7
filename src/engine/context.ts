// What one evaluation carries between its stages, and a finding before it is written out.
import type { CompiledEngines } from './engines.ts';
import type { HeadroomCollector } from './headroom.ts';
import type { PlanCalendar } from '../facts/profile.ts';
import type { FactWindow } from '../facts/types.ts';
import type { Finding } from '../report/schema.ts';
import type { CompiledCheck, CompiledRestMinimum, DatedSeries, ResolvedLimit } from '../rules/limits.ts';
import type { Frame } from '../time/frames.ts';
import type { Timeline } from '../timeline/build.ts';

export interface Context {
  timeline: Timeline;
  kindOf: Map<string, string>;
  checks: CompiledCheck[];
  /** The daily rest that separates main work periods. */
  restMinimum: CompiledRestMinimum | undefined;
  /** json-rules-engine over the checks that have windows (rules without facts could not fire): the checks that fire. */
  breaches: CompiledEngines['breaches'];
  /** The primary (non-supplementary) check of each rule id. */
  primaryById: Map<string, CompiledCheck>;
  /** Decides, per worker, which profile-dependent limits and checks apply (json-rules-engine). */
  profileMatches: CompiledEngines['profileMatches'];
  calendar: PlanCalendar;
  /** The plan's nights for a worker with an evening-work agreement (AML § 10-11 (3)), lawful from this instant. */
  eveningCalendar: PlanCalendar;
  eveningLawfulFrom: number;
  violationsOnly: boolean;
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
