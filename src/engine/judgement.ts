// Judgement: each applicable check's windows against their limits. A window another rule takes over
// (deferTo) is left to that rule; the others break their limit (hits), hold only because an
// agreement lifted it (lifted, the auditor's trail), or pass. The comparison of a measure with its
// limit is one function, BREACH[operator] (rules/limits.ts); json-rules-engine decided before this
// which checks apply and which limit binds (applicability.ts), and is not asked a second time.
//
// Performance: most windows are well within their limit. No agreement makes a limit stricter than
// the limit series' own value, so a window within that value (its floor) is neither a breach nor a
// window relying on an agreement, whoever owns it; it is looked at further only when it could still
// be the check's worst window for the headroom, and not at all where no headroom is kept (a
// supplementary check, a conversion tier's run).
import type { FactWindow } from '../facts/types.ts';
import {
  BREACH,
  extendForPassive,
  MARGIN,
  resolveLimit,
  valueAt,
  type CompiledCheck,
  type DatedSeries,
  type LimitResolver,
  type ResolvedLimit,
} from '../rules/limits.ts';
import type { Pass } from './pass.ts';

export interface Judged {
  c: CompiledCheck;
  /** The windows the check judges that break their limit, in window order. */
  hits: Array<{ w: FactWindow; r: ResolvedLimit }>;
  /** The windows the statute alone would fail that an agreement's limit lets pass (the auditor's trail). */
  lifted: Array<{ w: FactWindow; r: ResolvedLimit }>;
  /** Windows judged by the rule this check defers to. */
  yielded: Array<{ w: FactWindow; r: ResolvedLimit; owner: CompiledCheck }>;
}

/** The operators for which the passive-work extension, which only adds hours, makes a limit more lenient. */
const RAISED_BY_EXTENSION: ReadonlySet<string> = new Set(['greaterThan', 'greaterThanInclusive']);

/** A window another rule judges: what the statute alone would say goes to the auditor's trail. */
function yieldTo(pass: Pass, c: CompiledCheck, w: FactWindow, taken: { owner: CompiledCheck; r: ResolvedLimit }) {
  const own = resolveLimit(c, [], pass.when(w.at), pass.seriesOf(c));
  // Where both rules measure the same thing, a window the other rule fails is its finding, not a trail.
  const ownerFails =
    taken.owner.check.measure === c.check.measure && BREACH[taken.owner.check.operator](w.measured, taken.r.limit);
  if (!own || c.check.supplementary || ownerFails) return undefined;
  return { w, r: { limit: own.limit, base: own.limit, applied: taken.r.applied }, owner: taken.owner };
}

/** The limit a window is judged by: the one in force there, extended for passive hours where the rule allows. */
function limitFor(
  pass: Pass,
  c: CompiledCheck,
  resolve: LimitResolver,
  w: FactWindow,
  series: DatedSeries,
): ResolvedLimit | undefined {
  const resolved = resolve(pass.when(w.at), series);
  if (!resolved || !c.extension) return resolved;
  const extended = extendForPassive(c, resolved.limit, w.measured, w.details?.passiveHours, pass.when(w.at));
  return extended === resolved.limit ? resolved : { ...resolved, limit: extended };
}

/**
 * One check's windows judged, its worst offered to the headroom; undefined when no window broke,
 * relied on an agreement or yielded (nothing of it can become a finding or a trail). The lists are
 * made at their first window: most checks of most passes have none.
 */
function judge(pass: Pass, c: CompiledCheck): Judged | undefined {
  // A check for kinds of work the pass does not hold has no window in scope: nothing to measure.
  if (!pass.mayHold(c)) return undefined;
  let hits: Judged['hits'] | undefined;
  let lifted: Judged['lifted'] | undefined;
  let yielded: Judged['yielded'] | undefined;
  const breach = BREACH[c.check.operator];
  const marginOf = MARGIN[c.check.operator];
  const series = pass.seriesOf(c);
  const resolve = pass.resolverOf(c);
  let worst: FactWindow | undefined;
  let worstLimit = 0;
  let worstMargin = -Infinity;
  // The limit that binds a window is never stricter than the limit series' own value there (the
  // floor): resolveLimit takes an agreement's limit only where it is more lenient, and the
  // passive-work extension only raises a ceiling. A window within its floor breaks nothing and
  // relies on no agreement, whoever owns it, and its margin is at most its margin to the floor.
  const bounded = !c.extension || RAISED_BY_EXTENSION.has(c.check.operator);
  // Of a supplementary check, and of every check in a conversion tier's run, only the breaches are
  // read: neither leaves a trail (rawFindings.ts) or headroom (headroom.ts offer).
  const breachesOnly = bounded && (pass.ctx.violationsOnly || c.check.supplementary);
  for (const w of breachesOnly ? pass.breachCandidatesOf(c) : pass.windowsOf(c)) {
    if (bounded) {
      const floor = valueAt(series, pass.when(w.at));
      if (floor === undefined) continue;
      // Within its floor, a window matters only as the headroom's worst, which it cannot be when
      // its margin to the floor does not beat the worst so far (the first of equal margins is kept).
      if (
        !breach(w.measured, floor) &&
        (breachesOnly || (worst !== undefined && marginOf(w.measured, floor) <= worstMargin))
      )
        continue;
    }
    if (!pass.inScope(c, w)) continue;
    const taken = pass.ownerOf(c, w);
    if (taken) {
      const y = yieldTo(pass, c, w, taken);
      if (y) (yielded ??= []).push(y);
      continue;
    }
    const r = limitFor(pass, c, resolve, w, series);
    if (!r) continue;
    if (breach(w.measured, r.limit)) (hits ??= []).push({ w, r });
    else if (r.applied.length > 0 && breach(w.measured, r.base)) (lifted ??= []).push({ w, r });
    const m = marginOf(w.measured, r.limit);
    if (!worst || m > worstMargin) (worst = w), (worstLimit = r.limit), (worstMargin = m);
  }
  if (worst) pass.ctx.headroom?.offer(pass.workerId, c, worst, worstLimit, pass.subject.hypothetical);
  return hits || lifted || yielded ? { c, hits: hits ?? [], lifted: lifted ?? [], yielded: yielded ?? [] } : undefined;
}

/**
 * Every applicable check judged, in order, each check's worst window offered to the headroom: the
 * checks with anything to report (a check with none adds no finding and no trail). `judged` hears of
 * each as it is judged (engine/enough.ts may end the run there).
 */
export function judgeAll(pass: Pass, applicable: CompiledCheck[], judged?: (one: Judged) => void): Judged[] {
  const all: Judged[] = [];
  for (const c of applicable) {
    // A window length not yet in force: the provision did not apply then.
    if (c.window && pass.windowHoursOf(c) === undefined) continue;
    const one = judge(pass, c);
    if (one) {
      all.push(one);
      judged?.(one);
    }
  }
  return all;
}
