// One pass's view of a worker: their facts, agreements and plan-selected limits, and what has been
// measured and resolved so far; judgement and the findings ask it for windows, limits and owners.
//
// Performance (a conversion assessment runs thousands of small passes, a national rota millions of
// windows): methods on one object rather than closures made afresh for every pass, and every map
// below memoises within a pass. Each check's limit resolver is built once, over only the agreements
// that can change its limit (the same result, fewer to scan). A check's windows are measured once,
// also when another check asks whether it claims a window, and a measure of the facts alone once per
// window length for every check naming both. A claiming rule's windows are sorted once for a binary
// search. A window's kinds of work are collected once, or not at all when the pass holds one kind.
// inputFor() returns methods, not arrow properties: tsx (esbuild keepNames) names every arrow
// assigned to a property, once per call.
import { FLOORED_MEASURES, MEASURE_FUNCTIONS, MEASURE_READS } from '../facts/measures.ts';
import { mainWorkPeriods } from '../facts/mainWorkPeriods.ts';
import type { PlanCalendar, Profile } from '../facts/profile.ts';
import type { FactWindow, MeasureInput, WorkFacts } from '../facts/types.ts';
import { assignmentsOf } from '../facts/workBlocks.ts';
import type { Finding } from '../report/schema.ts';
import type { AgreementType } from '../rota/schema.ts';
import type { BreachOperator, MeasureName } from '../rules/schema.ts';
import {
  BREACH,
  limitAgreements,
  limitResolver,
  statuteResolver,
  resolveLimit,
  restMinimumAt,
  valueAt,
  type CompiledCheck,
  type CompiledLimitWhen,
  type DatedSeries,
  type LimitResolver,
  type ResolvedLimit,
} from '../rules/limits.ts';
import type { AgreementInForce } from '../timeline/build.ts';
import { OverlapIndex } from '../time/sorted.ts';
import type { Context } from './context.ts';
import { type MeasuredFacts, sharedWindows } from './reuse.ts';

/** Who a pass judges and by what: the worker, the checks of their regime and the agreements that bind them. */
export interface PassSubject {
  workerId: string;
  checks: CompiledCheck[];
  agreements: AgreementInForce[];
  /** Every oppdrag treated as employment: the findings are what conversion would add. */
  hypothetical: boolean;
  /** Findings already reported for this worker that a supplementary check must not repeat. */
  earlier: Finding[];
}

/** The worker's work as the measures see it. */
export interface PassPlan {
  facts: WorkFacts;
  calendar: PlanCalendar;
  /** Where the pass's work begins: the date its parameters are read at. */
  from: number;
  /** The one kind of work every window holds, when the pass holds only one. */
  theKind: Set<string> | undefined;
  /**
   * The facts with what is worked out from them alone (the windows of each measure of the facts
   * alone, shared by every check naming it; applicability): shared by every pass over these very
   * facts (the conversion's runs, reuse.ts).
   */
  measured: MeasuredFacts;
}

/** What the worker's plan as a whole makes apply (json-rules-engine over the profile). */
export interface Applicability {
  profile: Profile;
  /** The names of the profile conditions that hold. */
  matched: ReadonlySet<string>;
  /** Each check's plan-selected limit, by check key. */
  chosen: Map<string, CompiledLimitWhen>;
  /** The checks that apply to this pass, in rule book order. */
  applicable: CompiledCheck[];
}

export type PassesVia = (ruleId: string, type: AgreementType, strict: boolean) => boolean;

/** A rule under an added agreement type (Pass.passesVia): its windows in scope of the pass, and its verdicts on them, lenient and strict. */
interface Via {
  withIt: AgreementInForce[];
  /** Undefined when the pass holds no work the rule could take (mayHold). */
  windows: OverlapIndex<FactWindow> | undefined;
  verdicts: [Map<FactWindow, boolean>, Map<FactWindow, boolean>];
}

/** A rule a check's windows may yield to, as this pass judges it. */
interface Owner {
  owner: CompiledCheck;
  resolve: LimitResolver;
  series: DatedSeries;
  /** The rule takes only the windows it claims (claimsOf), not every window where it applies. */
  claimsWindows: boolean;
}

const MAXIMA: ReadonlySet<BreachOperator> = new Set(['greaterThan', 'greaterThanInclusive']);

/**
 * Which windows of a measure, over windows of `length` hours, could break a limit of any check of
 * the rule book naming it with a window that long (at any date): those measuring at least the lowest
 * value any of their limit series (the base and every plan-selected one) takes, for maxima, at most
 * the highest, for minima. Undefined where the checks naming it bound it from both sides, or none does.
 */
export function floorOf(checks: CompiledCheck[], measure: MeasureName, length: number | undefined): Floor {
  let byMeasure = floors.get(checks);
  if (!byMeasure) floors.set(checks, (byMeasure = new Map()));
  let byLength = byMeasure.get(measure);
  if (!byLength) byMeasure.set(measure, (byLength = new Map()));
  if (byLength.has(length)) return byLength.get(length);
  const naming = checks.filter(
    (c) =>
      c.check.measure === measure && (length === undefined ? !c.window : (c.window?.values.includes(length) ?? false)),
  );
  const values = naming.flatMap((c) => [c.base, ...c.limitWhen.map((w) => w.limit)].flatMap((s) => s.values));
  const maxima = naming.filter((c) => MAXIMA.has(c.check.operator)).length;
  let floor: Floor;
  if (naming.length > 0 && maxima === naming.length) {
    const lowest = Math.min(...values);
    floor = (measured) => measured >= lowest;
  } else if (naming.length > 0 && maxima === 0) {
    const highest = Math.max(...values);
    floor = (measured) => measured <= highest;
  }
  byLength.set(length, floor);
  return floor;
}
type Floor = ((measured: number) => boolean) | undefined;
const floors = new WeakMap<CompiledCheck[], Map<MeasureName, Map<number | undefined, Floor>>>();

export const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) =>
  a.start < b.end && b.start < a.end;

export class Pass {
  readonly workerId: string;
  readonly agreements: AgreementInForce[];
  readonly facts: WorkFacts;
  private readonly checks: CompiledCheck[];
  private readonly resolvers = new Map<CompiledCheck, LimitResolver>();
  /** One function per ceiling a pass: the overtime measures recognise a ceiling they have counted with. */
  private readonly ceilings = new Map<string | undefined, ((at: number) => number | undefined) | undefined>();
  private readonly kindsMemo = new Map<FactWindow, Set<string>>();
  /** Each check's windows (a measure of the facts alone also in the plan's measured facts, by window length). */
  private readonly measuredBy = new Map<CompiledCheck, FactWindow[]>();
  /** The windows a `claims: windows` rule takes over: those where it applies, indexed. */
  private readonly claimed = new Map<CompiledCheck, OverlapIndex<FactWindow>>();
  /** The owner's windows as they would be under an added agreement, indexed, by owner key (and agreement type, if it changes them). */
  private readonly measuredWith = new Map<string, OverlapIndex<FactWindow>>();
  /**
   * What passesVia asks of a rule under an added agreement type, by rule and type: found once a pass,
   * as every finding the agreement could cure asks again (without a key written for each question).
   */
  private readonly vias = new Map<CompiledCheck, Map<AgreementType, Via>>();
  /** The rules each check's windows may yield to (ownersOf). */
  private readonly owners = new Map<CompiledCheck, Owner[]>();
  /** The kinds of work the pass's periods hold (mayHold). */
  private kinds: Set<string> | undefined;

  constructor(
    readonly ctx: Context,
    readonly subject: PassSubject,
    private readonly plan: PassPlan,
    private readonly applies: Applicability,
  ) {
    this.workerId = subject.workerId;
    this.agreements = subject.agreements;
    this.checks = subject.checks;
    this.facts = plan.facts;
  }

  when(at: number): number {
    return this.ctx.asOf ?? at;
  }

  /** The plan-selected limit a check's findings cite, if any. */
  basisOf(c: CompiledCheck): CompiledLimitWhen | undefined {
    return this.applies.chosen.get(c.key);
  }

  /** The length of the window a check measures over, as in force where this pass's work begins. */
  windowHoursOf(c: CompiledCheck): number | undefined {
    return c.window
      ? valueAt(c.window, this.when(this.facts.blocks[0]?.start ?? this.facts.standby.intervals[0]?.start ?? 0))
      : undefined;
  }

  limitOf(c: CompiledCheck, at: number, series: DatedSeries): ResolvedLimit | undefined {
    return this.resolverOf(c)(at, series);
  }

  /** A check's limit resolver for this worker, built once a pass: judgement asks it window after window. */
  resolverOf(c: CompiledCheck): LimitResolver {
    let resolve = this.resolvers.get(c);
    if (!resolve) {
      const agreements = limitAgreements(c, this.agreements);
      // Without agreements that can change its limit, a check's resolver is the same for every worker.
      this.resolvers.set(c, (resolve = agreements.length === 0 ? statuteResolver(c) : limitResolver(c, agreements)));
    }
    return resolve;
  }

  /** Normal-hours ceilings as they apply to this worker, for the overtime rules. */
  ceilingOf(ruleId: string | undefined): ((at: number) => number | undefined) | undefined {
    if (this.ceilings.has(ruleId)) return this.ceilings.get(ruleId);
    const owner = ruleId ? this.checks.find((x) => x.check.id === ruleId && !x.check.supplementary) : undefined;
    const series = owner ? this.seriesOf(owner) : undefined;
    const ceiling = owner ? (at: number) => this.limitOf(owner, this.when(at), series!)?.limit : undefined;
    this.ceilings.set(ruleId, ceiling);
    return ceiling;
  }

  seriesOf(c: CompiledCheck): DatedSeries {
    return this.applies.chosen.get(c.key)?.limit ?? c.base;
  }

  kindsIn(w: FactWindow): Set<string> {
    const theKind = this.plan.theKind;
    if (theKind && (w.assignmentIds ? w.assignmentIds.length > 0 : w.blockRange !== undefined)) return theKind;
    let kinds = this.kindsMemo.get(w);
    if (!kinds) {
      const ids =
        w.assignmentIds ?? (w.blockRange ? assignmentsOf(this.facts.blocks, w.blockRange[0], w.blockRange[1]) : []);
      kinds = new Set(ids.map((id) => this.ctx.kindOf.get(id)!));
      this.kindsMemo.set(w, kinds);
    }
    return kinds;
  }

  /**
   * Whether any window of this pass can be in a check's scope (inScope): a window's work is the
   * pass's own, so a check for kinds the pass does not hold (the avlaster regulation for a nurse)
   * has no window in scope, and is neither measured nor asked to take a window over.
   */
  mayHold(c: CompiledCheck): boolean {
    const { kinds } = c.check;
    if (!kinds) return true;
    if (!this.kinds) {
      const { intervals, standby } = this.facts;
      if (this.plan.theKind) this.kinds = this.plan.theKind;
      else {
        this.kinds = new Set();
        for (const iv of intervals) this.kinds.add(iv.kind);
        for (const iv of standby.intervals) this.kinds.add(iv.kind);
      }
    }
    for (const k of kinds) if (this.kinds.has(k)) return true;
    return false;
  }

  inScope(c: CompiledCheck, w: FactWindow): boolean {
    if (!c.check.kinds) return true;
    const kinds = this.kindsIn(w);
    // A loop, not some(): asked of window after window, and a callback would be made for each.
    for (const k of c.check.kinds) if (kinds.has(k)) return true;
    return false;
  }

  inputFor(c: CompiledCheck): MeasureInput {
    const baseSeries = this.seriesOf(c);
    const pass = this;
    const { ceilings } = c.check;
    // Every property present, absent ones undefined (no measure tells the two apart): one shape for
    // every check's input, built without the runtime's object spreads.
    return {
      facts: this.facts,
      zone: this.ctx.timeline.zone,
      windowHours: this.windowHoursOf(c),
      calendar: this.plan.calendar,
      profile: this.applies.profile,
      agreements: this.agreements,
      night: this.ctx.night,
      onlyWith: c.check.onlyWith,
      ceilings: ceilings ? { day: this.ceilingOf(ceilings.day), week: this.ceilingOf(ceilings.week) } : undefined,
      param(name: string, at: number) {
        return c.params[name] ? valueAt(c.params[name]!, pass.when(at)) : undefined;
      },
      limitAt(at: number) {
        return pass.limitOf(c, pass.when(at), baseSeries)?.limit;
      },
      keeps: undefined,
    };
  }

  /**
   * The windows of a check whose breaches alone are read (judgement.ts `breachesOnly`): of a
   * FLOORED_MEASURES measure, only those that could break a limit of some check naming the measure
   * (floorOf). The limit binding a window is never stricter than its check's series there
   * (judgement.ts), so a window that breaks none of their values breaks nothing and is passed over
   * unread. Of any other measure, or once every window is measured anyway, all of them.
   */
  breachCandidatesOf(c: CompiledCheck): FactWindow[] {
    const { measure } = c.check;
    const length = this.windowHoursOf(c);
    const floor = FLOORED_MEASURES.has(measure) ? floorOf(this.ctx.checks, measure, length) : undefined;
    if (!floor || this.measuredBy.has(c)) return this.windowsOf(c);
    // A floored measure reads the facts alone (MEASURE_READS), and the floor is the rule book's:
    // what it keeps is the same for every check naming it with the same window length, in every
    // pass over these facts (a conversion run's, reuse.ts).
    const { candidates } = this.plan.measured;
    let byLength = candidates.get(measure);
    if (!byLength) candidates.set(measure, (byLength = new Map()));
    let ws = byLength.get(length);
    if (!ws) {
      const input = this.inputFor(c);
      input.keeps = floor;
      byLength.set(length, (ws = MEASURE_FUNCTIONS[measure](input)));
    }
    return ws;
  }

  windowsOf(c: CompiledCheck): FactWindow[] {
    // Asked again by judgement, the claims and the findings: found by the check before any key is written.
    let ws = this.measuredBy.get(c);
    if (ws) return ws;
    const reads = MEASURE_READS.get(c.check.measure);
    if (reads) {
      // Once for these facts (reuse.ts: every conversion run of the part that forms them): by
      // window length for every check naming a measure of the facts alone, by check for one that
      // reads the check's parameters, and under the Sunday windows or the calendar it reads.
      const { measured, calendar } = this.plan;
      let shared = measured.windows;
      if (reads === 'sundays' || reads === 'params+calendar') {
        const under = reads === 'sundays' ? calendar.sundays : calendar;
        let theirs = measured.under.get(under);
        if (!theirs) measured.under.set(under, (theirs = sharedWindows()));
        shared = theirs;
      }
      if (reads === 'params' || reads === 'params+calendar') {
        ws = shared.byCheck.get(c);
        if (!ws) shared.byCheck.set(c, (ws = MEASURE_FUNCTIONS[c.check.measure](this.inputFor(c))));
      } else {
        const length = this.windowHoursOf(c);
        let byLength = shared.byLength.get(c.check.measure);
        if (!byLength) shared.byLength.set(c.check.measure, (byLength = new Map()));
        ws = byLength.get(length);
        if (!ws) byLength.set(length, (ws = MEASURE_FUNCTIONS[c.check.measure](this.inputFor(c))));
      }
    } else ws = MEASURE_FUNCTIONS[c.check.measure](this.inputFor(c));
    this.measuredBy.set(c, ws);
    return ws;
  }

  private claimsOf(owner: CompiledCheck): OverlapIndex<FactWindow> {
    let index = this.claimed.get(owner);
    if (!index) {
      const breach = BREACH[owner.check.operator];
      index = new OverlapIndex(
        this.windowsOf(owner).filter((ow) => {
          const r = this.limitOf(owner, this.when(ow.at), this.seriesOf(owner));
          return r !== undefined && (owner.check.claims !== 'passing-windows' || !breach(ow.measured, r.limit));
        }),
      );
      this.claimed.set(owner, index);
    }
    return index;
  }

  private claims(owner: CompiledCheck, w: FactWindow): boolean {
    return this.claimsOf(owner).overlaps(w.start, w.end);
  }

  /**
   * The rules a check's windows may yield to, in its deferTo order: those this pass has and whose
   * condition on the plan holds, each with its resolver and limits. Worked out once a check, as
   * none of it depends on the window.
   */
  private ownersOf(c: CompiledCheck): Owner[] {
    let owners = this.owners.get(c);
    if (!owners) {
      owners = [];
      for (const id of c.check.deferTo ?? []) {
        const owner = this.ctx.primaryById.get(id);
        if (!owner || (owner.appliesWhen && !this.applies.matched.has(owner.appliesWhen.name))) continue;
        // An owner for kinds of work the pass does not hold would take no window (inScope).
        if (!this.mayHold(owner)) continue;
        owners.push({
          owner,
          resolve: this.resolverOf(owner),
          series: this.seriesOf(owner),
          claimsWindows: owner.check.claims !== 'applies',
        });
      }
      this.owners.set(c, owners);
    }
    return owners;
  }

  /** The rule a window yields to (§ 10-4 (1) to § 10-5 under averaging; AML to the avlaster regulation for respite). */
  ownerOf(c: CompiledCheck, w: FactWindow): { owner: CompiledCheck; r: ResolvedLimit } | undefined {
    if (!c.check.deferTo) return undefined;
    for (const { owner, resolve, series, claimsWindows } of this.ownersOf(c)) {
      const r = resolve(this.when(w.at), series);
      if (!r || !this.inScope(owner, w)) continue;
      if (claimsWindows && !this.claims(owner, w)) continue;
      return { owner, r };
    }
    return undefined;
  }

  /**
   * The owner's windows as they would be under an added agreement: the same as now, unless the
   * agreement changes the rest that separates work periods (avlaster § 7), when the periods are
   * formed again with it.
   */
  private windowsWith(owner: CompiledCheck, type: AgreementType, withIt: AgreementInForce[]): OverlapIndex<FactWindow> {
    // Formed and indexed once a pass for each owner and agreement: every finding the agreement could cure asks.
    const changesRest = this.ctx.restMinimum?.effects.some((e) => e.type === type) ?? false;
    const key = changesRest ? `${owner.key}\u0000${type}` : owner.key;
    let index = this.measuredWith.get(key);
    if (!index) {
      let ws = this.windowsOf(owner);
      if (changesRest) {
        const facts: WorkFacts = {
          ...this.facts,
          workPeriods: mainWorkPeriods(
            this.facts.intervals,
            restMinimumAt(this.ctx.restMinimum!, withIt, (at) => this.when(at)),
          ),
        };
        ws = MEASURE_FUNCTIONS[owner.check.measure]({ ...this.inputFor(owner), facts });
      }
      this.measuredWith.set(key, (index = new OverlapIndex(ws)));
    }
    return index;
  }

  /** The pass's agreements with one of a type added, the rule's windows under them, and its verdicts on them. */
  private viaOf(owner: CompiledCheck, type: AgreementType): Via {
    let byType = this.vias.get(owner);
    if (!byType) this.vias.set(owner, (byType = new Map()));
    let via = byType.get(type);
    if (!via) {
      const withIt: AgreementInForce[] = [
        ...this.agreements,
        { index: -1, type, workerId: this.workerId, employer: undefined, from: -Infinity, to: Infinity, params: {} },
      ];
      via = {
        withIt,
        windows: this.mayHold(owner) ? this.windowsWith(owner, type, withIt) : undefined,
        verdicts: [new Map(), new Map()],
      };
      byType.set(type, via);
    }
    return via;
  }

  /** Would the rule an agreement hands a window to pass it? Its windows there, judged with the agreement added. */
  passesVia(w: FactWindow): PassesVia {
    return (ruleId, type, strict) => {
      const owner = this.ctx.primaryById.get(ruleId);
      if (!owner) return false;
      const { withIt, windows, verdicts } = this.viaOf(owner, type);
      let theirs = false;
      if (windows) {
        const judged = verdicts[strict ? 1 : 0];
        for (const ow of windows.overlapping(w.start, w.end)) {
          if (!this.inScope(owner, ow)) continue;
          theirs = true;
          let passes = judged.get(ow);
          if (passes === undefined) {
            // A rule that only warns (§ 7 asks for compensatory rest) lets the window be lawful.
            const r = resolveLimit(owner, withIt, this.when(ow.at), this.seriesOf(owner));
            passes =
              r !== undefined &&
              ((!strict && owner.check.severity !== 'violation') ||
                !BREACH[owner.check.operator](ow.measured, r.limit));
            judged.set(ow, passes);
          }
          if (!passes) return false;
        }
      }
      return (
        theirs ||
        (owner.check.claims === 'applies' &&
          resolveLimit(owner, withIt, this.when(w.at), this.seriesOf(owner)) !== undefined)
      );
    };
  }
}
