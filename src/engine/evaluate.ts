// The one entry point: rota → timeline → facts → rules (json-rules-engine) → findings → report.
// The CLI and the HTTP API are thin shells over evaluate().
import { FACTS_ONLY_MEASURES, MEASURE_FUNCTIONS, WORKER_WIDE } from '../facts/measures.ts';
import { profileOf, type PlanCalendar, type Profile } from '../facts/profile.ts';
import type { FactWindow, MeasureInput, WorkFacts } from '../facts/types.ts';
import { mainWorkPeriods } from '../facts/mainWorkPeriods.ts';
import { assignmentsOf, byStart, workBlocks } from '../facts/workBlocks.ts';
import type { Finding, Report } from '../report/schema.ts';
import type { AgreementType, Rota } from '../rota/schema.ts';
import {
  BREACH,
  extendForPassive,
  limitAgreements,
  limitResolver,
  margin,
  restMinimumAt,
  resolveLimit,
  valueAt,
  type CompiledCheck,
  type CompiledLimitWhen,
  type DatedSeries,
  type ResolvedLimit,
} from '../rules/limits.ts';
import { defaultRuleBook, type RuleBook } from '../rules/load.ts';
import type { Frame } from '../time/frames.ts';
import { firstEndingAfter } from '../time/sorted.ts';
import { buildTimeline, type AgreementInForce, type Timeline, type WorkInterval } from '../timeline/build.ts';
import { buildContext, type Context, type RawFinding } from './context.ts';
import { finishReport } from './finishReport.ts';
import { evaluateCycle } from './cycle.ts';
import { toFinding } from './findings.ts';

export interface EvaluateOptions {
  ruleBook?: RuleBook;
  /** Judge every window under the law and agreements in force on this date (YYYY-MM-DD) instead of its own date. */
  asOf?: string;
  /** Assess every oppdrag as an arbeidsavtale (default true). */
  conversions?: boolean;
  /** Only violations are wanted (no warnings, info or auditor's trail): the conversion tiers' own runs. */
  violationsOnly?: boolean;
  /** Evaluate the rota's named variants side by side (default true). */
  variants?: boolean;
  /**
   * The plan's span when this rota is one part of a larger one (engine/partition.ts): frames, the
   * reference week and the Sunday calendar are those of the whole plan, so a part's findings are
   * the whole rota's findings for its workers.
   */
  span?: { from: number; to: number };
  /** Judge the rota as a base turnus that repeats (set for the unrolled repetitions of a cycle). */
  cyclic?: boolean;
  /** The span whose weeks are the plan's (the base cycle, when its repetitions are evaluated). */
  declaredSpan?: { from: number; to: number };
}

function framesCovering(frames: Frame[], from: number, to: number): Frame[] {
  const lo = firstEndingAfter(frames, from);
  let end = lo;
  while (end < frames.length && frames[end]!.start < to) end++;
  return frames.slice(lo, end);
}

function agreementsFor(timeline: Timeline, workerId: string, undertaking: string): AgreementInForce[] {
  return timeline.agreements.filter(
    (a) =>
      (a.workerId === undefined || a.workerId === workerId) && (a.employer === undefined || a.employer === undertaking),
  );
}

const roundProfile = (p: Profile): Profile =>
  Object.fromEntries(
    Object.entries(p).map(([k, v]) => [k, typeof v === 'number' ? Math.round(v * 10_000) / 10_000 : v]),
  ) as unknown as Profile;
const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) =>
  a.start < b.end && b.start < a.end;

interface Evaluated {
  c: CompiledCheck;
  /** The windows the check judges that break their limit, in window order. */
  hits: Array<{ w: FactWindow; r: ResolvedLimit }>;
  /** The windows the statute alone would fail that an agreement's limit lets pass (the auditor's trail). */
  lifted: Array<{ w: FactWindow; r: ResolvedLimit }>;
  /** Windows judged by the rule this check defers to. */
  yielded: Array<{ w: FactWindow; r: ResolvedLimit; owner: CompiledCheck }>;
}

/**
 * One pass's view of a worker: their facts, agreements and plan-selected limits, and what has been
 * measured and resolved so far. Methods on one object rather than closures made afresh for every
 * pass (a conversion assessment runs thousands of small passes).
 */
class Pass {
  /** Each check's limit resolver, over only the agreements that can change its limit (the same result, fewer to scan). */
  private readonly resolvers = new Map<CompiledCheck, (at: number, series: DatedSeries) => ResolvedLimit | undefined>();
  /** One function per ceiling a pass: the overtime measures recognise a ceiling they have counted with. */
  private readonly ceilings = new Map<string | undefined, ((at: number) => number | undefined) | undefined>();
  private readonly kindsMemo = new Map<FactWindow, Set<string>>();
  /** Each check's windows are measured once, also when another check asks whether it claims a window. */
  private readonly measured = new Map<string, FactWindow[]>();
  /** The windows a `claims: windows` rule takes over: those where it applies, sorted for a binary search. */
  private readonly claimed = new Map<CompiledCheck, FactWindow[]>();

  constructor(
    private readonly ctx: Context,
    private readonly workerId: string,
    private readonly checks: CompiledCheck[],
    private readonly agreements: AgreementInForce[],
    private readonly facts: WorkFacts,
    private readonly calendar: PlanCalendar,
    private readonly profile: Profile,
    private readonly matched: Set<string>,
    private readonly chosen: Map<string, CompiledLimitWhen>,
    /** The one kind of work every window holds, when the pass holds only one. */
    private readonly theKind: Set<string> | undefined,
  ) {}

  when(at: number): number {
    return this.ctx.asOf ?? at;
  }

  /** The length of the window a check measures over, as in force where this pass's work begins. */
  windowHoursOf(c: CompiledCheck): number | undefined {
    return c.window
      ? valueAt(c.window, this.when(this.facts.blocks[0]?.start ?? this.facts.standby.intervals[0]?.start ?? 0))
      : undefined;
  }

  limitOf(c: CompiledCheck, at: number, series: DatedSeries): ResolvedLimit | undefined {
    let resolve = this.resolvers.get(c);
    if (!resolve) this.resolvers.set(c, (resolve = limitResolver(c, limitAgreements(c, this.agreements))));
    return resolve(at, series);
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
    return this.chosen.get(c.key)?.limit ?? c.base;
  }

  kindsIn(w: FactWindow): Set<string> {
    if (this.theKind && (w.assignmentIds ? w.assignmentIds.length > 0 : w.blockRange !== undefined))
      return this.theKind;
    let kinds = this.kindsMemo.get(w);
    if (!kinds) {
      const ids =
        w.assignmentIds ?? (w.blockRange ? assignmentsOf(this.facts.blocks, w.blockRange[0], w.blockRange[1]) : []);
      kinds = new Set(ids.map((id) => this.ctx.kindOf.get(id)!));
      this.kindsMemo.set(w, kinds);
    }
    return kinds;
  }

  inScope(c: CompiledCheck, w: FactWindow): boolean {
    if (!c.check.kinds) return true;
    const kinds = this.kindsIn(w);
    return c.check.kinds.some((k) => kinds.has(k));
  }

  inputFor(c: CompiledCheck): MeasureInput {
    const baseSeries = this.seriesOf(c);
    const pass = this;
    // Methods, not arrow properties: tsx (esbuild keepNames) names every arrow assigned to a property, once per call.
    return {
      facts: this.facts,
      zone: this.ctx.timeline.zone,
      windowHours: this.windowHoursOf(c),
      calendar: this.calendar,
      profile: this.profile,
      agreements: this.agreements,
      ...(c.check.onlyWith ? { onlyWith: c.check.onlyWith } : {}),
      ...(c.check.ceilings
        ? { ceilings: { day: this.ceilingOf(c.check.ceilings.day), week: this.ceilingOf(c.check.ceilings.week) } }
        : {}),
      param(name: string, at: number) {
        return c.params[name] ? valueAt(c.params[name]!, pass.when(at)) : undefined;
      },
      limitAt(at: number) {
        return pass.limitOf(c, pass.when(at), baseSeries)?.limit;
      },
    };
  }

  windowsOf(c: CompiledCheck): FactWindow[] {
    // A measure of the facts and the window length gives the same windows to every check naming both.
    const key = FACTS_ONLY_MEASURES.has(c.check.measure) ? `${c.check.measure}|${this.windowHoursOf(c)}` : c.key;
    let ws = this.measured.get(key);
    if (!ws) this.measured.set(key, (ws = MEASURE_FUNCTIONS[c.check.measure](this.inputFor(c))));
    return ws;
  }

  private claimsOf(owner: CompiledCheck): FactWindow[] {
    let ws = this.claimed.get(owner);
    if (!ws) {
      const breach = BREACH[owner.check.operator];
      ws = this.windowsOf(owner)
        .filter((ow) => {
          const r = this.limitOf(owner, this.when(ow.at), this.seriesOf(owner));
          return r !== undefined && (owner.check.claims !== 'passing-windows' || !breach(ow.measured, r.limit));
        })
        .sort((a, b) => a.start - b.start);
      this.claimed.set(owner, ws);
    }
    return ws;
  }

  private claims(owner: CompiledCheck, w: FactWindow): boolean {
    const ws = this.claimsOf(owner);
    // Claimed windows may overlap, so scan back from the last one starting before w ends.
    let lo = 0;
    let hi = ws.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ws[mid]!.start < w.end) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo - 1; i >= 0; i--) if (overlaps(ws[i]!, w)) return true;
    return false;
  }

  /** The rule a window yields to (§ 10-4 (1) to § 10-5 under averaging; AML to the avlaster regulation for respite). */
  ownerOf(c: CompiledCheck, w: FactWindow): { owner: CompiledCheck; r: ResolvedLimit } | undefined {
    if (!c.check.deferTo) return undefined;
    for (const id of c.check.deferTo) {
      const owner = this.ctx.primaryById.get(id);
      if (!owner || (owner.appliesWhen && !this.matched.has(owner.appliesWhen.name))) continue;
      const r = this.limitOf(owner, this.when(w.at), this.seriesOf(owner));
      if (!r || !this.inScope(owner, w)) continue;
      if (owner.check.claims !== 'applies' && !this.claims(owner, w)) continue;
      return { owner, r };
    }
    return undefined;
  }

  /**
   * The owner's windows as they would be under an added agreement: the same as now, unless the
   * agreement changes the rest that separates work periods (avlaster § 7), when the periods are
   * formed again with it.
   */
  private windowsWith(owner: CompiledCheck, type: AgreementType, withIt: AgreementInForce[]): FactWindow[] {
    if (!this.ctx.restMinimum?.effects.some((e) => e.type === type)) return this.windowsOf(owner);
    const facts: WorkFacts = {
      ...this.facts,
      workPeriods: mainWorkPeriods(
        this.facts.intervals,
        restMinimumAt(this.ctx.restMinimum, withIt, (at) => this.when(at)),
      ),
    };
    return MEASURE_FUNCTIONS[owner.check.measure]({ ...this.inputFor(owner), facts });
  }

  /** Would the rule an agreement hands a window to pass it? Its windows there, judged with the agreement added. */
  passesVia(w: FactWindow): (ruleId: string, type: AgreementType, strict: boolean) => boolean {
    return (ruleId, type, strict) => {
      const owner = this.ctx.primaryById.get(ruleId);
      if (!owner) return false;
      const withIt: AgreementInForce[] = [
        ...this.agreements,
        { index: -1, type, workerId: this.workerId, employer: undefined, from: -Infinity, to: Infinity, params: {} },
      ];
      const theirs = this.windowsWith(owner, type, withIt).filter((ow) => overlaps(ow, w) && this.inScope(owner, ow));
      if (theirs.length === 0)
        return (
          owner.check.claims === 'applies' &&
          resolveLimit(owner, withIt, this.when(w.at), this.seriesOf(owner)) !== undefined
        );
      // A rule that only warns (§ 7 asks for compensatory rest) lets the window be lawful.
      return theirs.every((ow) => {
        const r = resolveLimit(owner, withIt, this.when(ow.at), this.seriesOf(owner));
        return (
          r !== undefined &&
          ((!strict && owner.check.severity !== 'violation') || !BREACH[owner.check.operator](ow.measured, r.limit))
        );
      });
    };
  }
}

async function runPass(
  ctx: Context,
  workerId: string,
  intervals: WorkInterval[],
  checks: CompiledCheck[],
  agreements: AgreementInForce[],
  hypothetical: boolean,
  earlier: Finding[],
): Promise<{ findings: Finding[]; profile?: Profile }> {
  // Stand-by at home (§ 10-4 (3)) is not work for rest and continuity; a share of it is normal hours.
  const standbyIntervals = intervals.filter((iv) => iv.standby);
  if (standbyIntervals.length > 0) intervals = intervals.filter((iv) => !iv.standby);
  const blocks = workBlocks(intervals);
  if (blocks.length === 0 && standbyIntervals.length === 0) return { findings: [] };
  // A loop, not Math.min(...spread): a worker with 200 000 blocks would overflow the call stack.
  let from = Infinity;
  let to = -Infinity;
  for (const b of blocks) (from = Math.min(from, b.start)), (to = Math.max(to, b.end));
  for (const b of standbyIntervals) (from = Math.min(from, b.start)), (to = Math.max(to, b.end));
  const statedFactor = agreements.find(
    (a) => typeof a.params.standbyFactor === 'number' && from >= a.from && from < a.to,
  )?.params.standbyFactor as number | undefined;
  const when = (at: number) => ctx.asOf ?? at;
  const facts: WorkFacts = {
    intervals,
    blocks,
    workPeriods: ctx.restMinimum
      ? mainWorkPeriods(intervals, restMinimumAt(ctx.restMinimum, agreements, when))
      : mainWorkPeriods(intervals, () => undefined),
    dayFrames: framesCovering(ctx.days, from, to),
    weekFrames: framesCovering(ctx.weeks, from, to),
    standby: {
      intervals: standbyIntervals,
      weight: statedFactor ?? (ctx.standbyFactor ? valueAt(ctx.standbyFactor, when(from)) : undefined) ?? 0,
    },
    plan: {
      weeks: ctx.weeks,
      referenceWeek: ctx.referenceWeek,
      ...(ctx.declaredSpan ? { declared: ctx.declaredSpan } : {}),
    },
  };
  const evening = agreements.some(
    (a) => a.type === 'aml-10-11-3-evening-work' && from >= a.from && from < a.to && from >= ctx.eveningLawfulFrom,
  );
  const calendar = evening ? ctx.eveningCalendar : ctx.calendar;
  // The worker's plan as a whole decides which limits apply (json-rules-engine over profile facts).
  const profile = profileOf(blocks, intervals, calendar);
  const matched = new Set<string>();
  if (checks.some((c) => c.limitWhen.length > 0 || c.appliesWhen)) {
    // Parameters the conditions compare with are read at the date of this pass (the plan's first work).
    const profileFacts: Record<string, unknown> = { ...profile, cyclic: ctx.cyclic };
    for (const p of ctx.profileParams) profileFacts[p.fact] = valueAt(p.series, when(from));
    for (const name of await ctx.profileMatches(profileFacts)) matched.add(name);
  }
  const chosen = new Map<string, CompiledLimitWhen>();
  for (const c of checks) {
    const lw = c.limitWhen.find((x) => matched.has(x.name));
    if (lw) chosen.set(c.key, lw);
  }
  // Checks that can only warn or inform are left out when only violations matter (the conversion tiers).
  const applicable = checks.filter(
    (c) =>
      (!c.appliesWhen || matched.has(c.appliesWhen.name)) && (!ctx.violationsOnly || c.check.severity === 'violation'),
  );

  const evaluated: Evaluated[] = [];
  const engineFacts: Record<string, number> = {};
  // Most passes hold one kind of work: every window then holds that kind.
  const onlyKind =
    intervals.every((iv) => iv.kind === intervals[0]!.kind) &&
    standbyIntervals.every((iv) => iv.kind === intervals[0]?.kind);
  const theKind = onlyKind && intervals.length > 0 ? new Set<string>([intervals[0]!.kind]) : undefined;
  const pass = new Pass(ctx, workerId, checks, agreements, facts, calendar, profile, matched, chosen, theKind);
  for (const c of applicable) {
    // A window length not yet in force: the provision did not apply then.
    if (c.window && pass.windowHoursOf(c) === undefined) continue;
    const baseSeries: DatedSeries = pass.seriesOf(c);
    const yielded: Evaluated['yielded'] = [];
    // Only the windows a finding can come from are kept; the worst one is what json-rules-engine judges.
    const hits: Evaluated['hits'] = [];
    const lifted: Evaluated['lifted'] = [];
    const breach = BREACH[c.check.operator];
    let judged = false;
    let worstMeasured = 0;
    let worstLimit = 0;
    let worstMargin = -Infinity;
    let worstWindow: FactWindow | undefined;
    for (const w of pass.windowsOf(c)) {
      if (!pass.inScope(c, w)) continue;
      const taken = pass.ownerOf(c, w);
      if (taken) {
        // Judged by the other rule; what the statute alone would say goes to the auditor's trail.
        const own = resolveLimit(c, [], pass.when(w.at), baseSeries);
        // Where both rules measure the same thing, a window the other rule fails is its finding, not a trail.
        const ownerFails =
          taken.owner.check.measure === c.check.measure &&
          BREACH[taken.owner.check.operator](w.measured, taken.r.limit);
        if (own && !c.check.supplementary && !ownerFails)
          yielded.push({ w, r: { limit: own.limit, base: own.limit, applied: taken.r.applied }, owner: taken.owner });
        continue;
      }
      const resolved = pass.limitOf(c, pass.when(w.at), baseSeries);
      if (!resolved) continue;
      const extended = c.extension
        ? extendForPassive(c, resolved.limit, w.measured, w.details?.passiveHours, pass.when(w.at))
        : resolved.limit;
      const r = extended === resolved.limit ? resolved : { ...resolved, limit: extended };
      if (breach(w.measured, r.limit)) hits.push({ w, r });
      else if (r.applied.length > 0 && breach(w.measured, r.base)) lifted.push({ w, r });
      const m = margin(c.check.operator, w.measured, r.limit);
      if (!judged || m > worstMargin)
        (judged = true), (worstMeasured = w.measured), (worstLimit = r.limit), (worstMargin = m), (worstWindow = w);
    }
    evaluated.push({ c, hits, lifted, yielded });
    if (worstWindow && ctx.headroom) ctx.headroom.offer(workerId, c, worstWindow, worstLimit, hypothetical);
    if (judged) {
      engineFacts[`m:${c.key}`] = worstMeasured;
      engineFacts[`l:${c.key}`] = worstLimit;
    }
  }
  const measuredKeys = Object.keys(engineFacts)
    .filter((k) => k.startsWith('m:'))
    .map((k) => k.slice(2));
  const fired = await ctx.breaches(measuredKeys, engineFacts);

  const raw: RawFinding[] = [];
  // Rules another check of this pass defers to (they leave the auditor's trail to that check).
  const deferredToIds = new Set(checks.flatMap((x) => x.check.deferTo ?? []));
  const primaryFirst = [...evaluated].sort((a, b) => Number(a.c.check.supplementary) - Number(b.c.check.supplementary));
  for (const { c, hits: breaking, lifted, yielded } of primaryFirst) {
    const breach = BREACH[c.check.operator];
    if (fired.has(c.key)) {
      let hits = breaking;
      if (c.check.supplementary) {
        const covered = [
          ...earlier.map((f) => ({
            ruleId: f.ruleId,
            start: Date.parse(f.window.start),
            end: Date.parse(f.window.end),
          })),
          ...raw.map((f) => ({ ruleId: f.c.check.id, start: f.w.start, end: f.w.end })),
        ];
        hits = hits.filter(({ w }) => !covered.some((f) => f.ruleId === c.check.id && overlaps(f, w)));
      }
      if (c.check.worstOnly && hits.length > 1) {
        const best = hits.reduce((a, b) =>
          margin(c.check.operator, b.w.measured, b.r.limit) > margin(c.check.operator, a.w.measured, a.r.limit) ? b : a,
        );
        hits = [best];
      }
      for (const { w, r } of hits) raw.push({ c, w, r, severity: c.check.severity, kind: 'breach' });
    }
    // The rule another defers to leaves the trail to that rule, which compares with the statute itself.
    if (!ctx.violationsOnly && !c.check.supplementary && !deferredToIds.has(c.check.id)) {
      // The auditor's trail (lifted): the limit held only because an agreement lifted it.
      // Windows another rule took over under an agreement, and that the statute alone would have failed.
      const deferredTo = new Map<CompiledCheck, typeof yielded>();
      for (const y of yielded) {
        if (!breach(y.w.measured, y.r.base)) continue;
        const list = deferredTo.get(y.owner);
        if (list) list.push(y);
        else deferredTo.set(y.owner, [y]);
      }
      for (const [owner, list] of deferredTo) {
        const peak = list.reduce((a, b) =>
          margin(c.check.operator, b.w.measured, b.r.base) > margin(c.check.operator, a.w.measured, a.r.base) ? b : a,
        );
        raw.push({
          c,
          w: {
            ...peak.w,
            start: list[0]!.w.start,
            end: list[list.length - 1]!.w.end,
            details: { ...peak.w.details, windowsRelyingOnAgreement: list.length },
          },
          r: peak.r,
          severity: 'info',
          kind: 'deferred',
          owner,
        });
      }
      const relying = lifted.sort((a, b) => a.w.start - b.w.start);
      if (relying.length > 0) {
        const first = relying[0]!;
        const last = relying[relying.length - 1]!;
        const peak = relying.reduce((a, b) =>
          b.w.measured > a.w.measured === c.check.operator.startsWith('greater') ? b : a,
        );
        raw.push({
          c,
          w: {
            ...peak.w,
            start: first.w.start,
            end: last.w.end,
            details: { ...peak.w.details, windowsRelyingOnAgreement: relying.length },
          },
          r: peak.r,
          severity: 'info',
          kind: 'relies-on-agreement',
        });
      }
    }
  }

  return {
    findings: raw.map((f) =>
      toFinding(ctx, f, workerId, blocks, agreements, hypothetical, chosen.get(f.c.key), pass.passesVia(f.w)),
    ),
    profile,
  };
}

export async function evaluate(rota: Rota, options: EvaluateOptions = {}): Promise<Report> {
  // A base turnus is judged as it repeats (engine/cycle.ts), through this function on its repetitions.
  if (rota.cycle && !options.cyclic) return evaluateCycle(rota, options, evaluate);
  const timeline = buildTimeline(rota);
  const book = options.ruleBook ?? defaultRuleBook();
  const ctx = buildContext(rota, timeline, book, options);
  const { checks } = ctx;
  const { intervals } = timeline;
  const workerWide = checks.filter((c) => WORKER_WIDE.has(c.check.measure));
  const perUndertaking = checks.filter((c) => !WORKER_WIDE.has(c.check.measure));

  const byWorker = new Map<string, WorkInterval[]>(rota.workers.map((w) => [w.id, []]));
  for (const iv of intervals) byWorker.get(iv.workerId)!.push(iv);

  const findings: Finding[] = [];
  const profiles: Report['profiles'] = [];
  for (const [workerId, own] of byWorker) {
    // Sorted per worker (rota.workers order, as byWorker) by window, rule and window end, with the
    // window's instants parsed once per finding rather than in every comparison.
    const workerFindings: Finding[] = [];
    own.sort(byStart);
    // Appended one by one: a spread of a very large array overflows the call stack.
    for (const f of (await runPass(ctx, workerId, own, workerWide, [], false, [])).findings) workerFindings.push(f);
    // One group per undertaking and regime: medlever assignments are judged by their own regulation.
    const groups = new Map<string, WorkInterval[]>();
    for (const iv of own) {
      const key = `${iv.regime}\u0000${iv.undertaking}`;
      const list = groups.get(key);
      if (list) list.push(iv);
      else groups.set(key, [iv]);
    }
    for (const group of groups.values()) {
      const { undertaking, regime } = group[0]!;
      const agreements = agreementsFor(timeline, workerId, undertaking);
      const groupChecks = perUndertaking.filter((c) => c.check.regimes.includes(regime));
      // What binds today: the arbeidsavtale periods alone. What conversion would add: the whole
      // timeline with every oppdrag treated as employment, marked hypothetical (docs/contract.md).
      const employed = group.filter((iv) => iv.contract === 'arbeidsavtale');
      const realPass =
        employed.length > 0
          ? await runPass(ctx, workerId, employed, groupChecks, agreements, false, [])
          : { findings: [] };
      const real = realPass.findings;
      for (const f of real) workerFindings.push(f);
      let profile = realPass.profile;
      if (employed.length < group.length) {
        const known = new Set(real.map((f) => `${f.ruleId}|${f.window.start}|${f.window.end}`));
        const added = await runPass(ctx, workerId, group, groupChecks, agreements, true, real);
        for (const f of added.findings)
          if (!known.has(`${f.ruleId}|${f.window.start}|${f.window.end}`)) workerFindings.push(f);
        profile = added.profile;
      }
      if (profile) {
        profiles.push({
          workerId,
          ...(undertaking ? { employer: undertaking } : {}),
          regime,
          hypothetical: employed.length < group.length,
          ...roundProfile(profile),
        });
      }
    }
    const keyed = workerFindings.map((f) => ({ f, start: Date.parse(f.window.start), end: Date.parse(f.window.end) }));
    keyed.sort((a, b) => a.start - b.start || a.f.ruleId.localeCompare(b.f.ruleId) || a.end - b.end);
    for (const { f } of keyed) findings.push(f);
  }

  return finishReport(
    rota,
    timeline,
    book,
    options,
    findings,
    profiles,
    evaluate,
    ctx.headroom?.entries(rota.workers.map((w) => w.id)) ?? [],
  );
}
