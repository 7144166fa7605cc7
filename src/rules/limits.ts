// Which limit applies to a window: the value in force on its date (OpenFisca-style dated values),
// lifted by any agreement that is valid for the worker then and that the law allowed then.
import { startOfLocalDate } from '../time/instant.ts';
import type { AgreementInForce } from '../timeline/build.ts';
import type { AgreementType } from '../rota/schema.ts';
import type { LoadedRuleFile, RuleBook } from './load.ts';
import type { BreachOperator, Check, Parameter, ProfileConditions } from './schema.ts';

export interface DatedSeries {
  since: number[];
  values: number[];
}

export function compileSeries(p: Parameter, zone: string): DatedSeries {
  return { since: p.values.map((v) => startOfLocalDate(v.since, zone)), values: p.values.map((v) => v.value) };
}

export function valueAt(series: DatedSeries, at: number): number | undefined {
  let found: number | undefined;
  for (let i = 0; i < series.since.length && series.since[i]! <= at; i++) found = series.values[i];
  return found;
}

export const BREACH: Record<BreachOperator, (measured: number, limit: number) => boolean> = {
  greaterThan: (m, l) => m > l,
  greaterThanInclusive: (m, l) => m >= l,
  lessThan: (m, l) => m < l,
  lessThanInclusive: (m, l) => m <= l,
};

/** How far past the limit a value is, in the rule's own direction (> 0 is worse), per operator. */
export const MARGIN: Record<BreachOperator, (measured: number, limit: number) => number> = {
  greaterThan: (m, l) => m - l,
  greaterThanInclusive: (m, l) => m - l,
  lessThan: (m, l) => l - m,
  lessThanInclusive: (m, l) => l - m,
};

/** How far past the limit a value is, in the rule's own direction (> 0 is worse). */
export function margin(op: BreachOperator, measured: number, limit: number): number {
  return MARGIN[op](measured, limit);
}

export interface CompiledEffect {
  type: AgreementType;
  series?: DatedSeries;
  paramsKey?: string;
  via?: string;
  kinds?: string[];
  /** With paramsKey: the limit when the agreement states none. */
  whenUnstated?: number;
  /** With via: a warning of the other rule still fails the window. */
  viaStrict?: boolean;
  /** The first instant the law allowed this kind of agreement. */
  lawfulFrom: number;
}

export interface CompiledLimitWhen {
  name: string;
  limit: DatedSeries;
  because: { nb: string; en: string };
  citation?: { nb: string; en: string };
  /** json-rules-engine conditions over profile facts, parameters replaced by their current values. */
  conditions: { any?: object[]; all?: object[] };
}

export interface CompiledExtension {
  requiresShare: DatedSeries;
  share: DatedSeries;
  max: DatedSeries;
  cap?: DatedSeries;
}

export interface CompiledCheck {
  key: string;
  file: LoadedRuleFile;
  check: Check;
  base: DatedSeries;
  /** Further parameters the measure reads, as dated series. */
  params: Record<string, DatedSeries>;
  limitWhen: CompiledLimitWhen[];
  appliesWhen?: Omit<CompiledLimitWhen, 'limit'>;
  extension?: CompiledExtension;
  /** Length of the window the check measures over (hours; weeks for blocks), dated. */
  window: DatedSeries | undefined;
  inForceFrom: number;
  inForceTo: number;
  effects: CompiledEffect[];
  /** Agreement types that can set or lift this check's limit (onlyWith and effects not `via` another rule). */
  limitTypes: ReadonlySet<string>;
  /** Results without agreements, per base limit: shared, never mutated (a window's limit is read, not changed). */
  plain: Map<number, ResolvedLimit>;
}

/** The fact that carries a rule file's parameter to json-rules-engine, valued at the date of each pass. */
export const paramFact = (file: LoadedRuleFile, name: string) => `param:${file.file}:${name}`;

/**
 * json-rules-engine conditions over profile facts. A parameter is compared as a fact of its own
 * (`param:<file>:<name>`), which the engine is given with the value in force for the pass being
 * judged, so a dated parameter is never read at its newest value.
 */
function compileConditions(when: ProfileConditions, file: LoadedRuleFile): CompiledLimitWhen['conditions'] {
  const list = 'any' in when ? when.any : when.all;
  const converted = list.map((c): object =>
    'fact' in c
      ? {
          fact: c.fact,
          operator: c.operator,
          value: typeof c.value === 'object' && c.value !== null ? { fact: paramFact(file, c.value.param) } : c.value,
        }
      : compileConditions(c, file),
  );
  return 'any' in when ? { any: converted } : { all: converted };
}

/** Every parameter a profile condition names, as the facts json-rules-engine reads them, with their dated values. */
export function profileParams(book: RuleBook, zone: string): Array<{ fact: string; series: DatedSeries }> {
  const out = new Map<string, DatedSeries>();
  type Node = { value?: unknown; any?: Node[]; all?: Node[] };
  const visit = (file: LoadedRuleFile, when: Node) => {
    for (const c of [...(when.any ?? []), ...(when.all ?? [])]) {
      if (c.any || c.all) visit(file, c);
      else if (typeof c.value === 'object' && c.value !== null) {
        const name = (c.value as { param: string }).param;
        out.set(paramFact(file, name), compileSeries(file.parameters[name]!, zone));
      }
    }
  };
  for (const file of book.files) {
    for (const check of file.checks) {
      for (const lw of check.limitWhen ?? []) visit(file, lw.when as Node);
      if (check.appliesWhen) visit(file, check.appliesWhen.when as Node);
    }
  }
  return [...out].map(([fact, series]) => ({ fact, series }));
}

export function compileChecks(book: RuleBook, zone: string): CompiledCheck[] {
  const series = (file: LoadedRuleFile, name: string) => compileSeries(file.parameters[name]!, zone);
  return book.files.flatMap((file) =>
    file.checks.map((check, i) => ({
      key: `${file.file}#${i}`,
      file,
      check,
      base: compileSeries(file.parameters[check.limit]!, zone),
      params: Object.fromEntries(check.params.map((name) => [name, series(file, name)])),
      limitWhen: (check.limitWhen ?? []).map((lw, j) => ({
        name: `${file.file}#${i}:when${j}`,
        limit: series(file, lw.limit),
        because: lw.because,
        ...(lw.citation ? { citation: lw.citation } : {}),
        conditions: compileConditions(lw.when, file),
      })),
      ...(check.appliesWhen
        ? {
            appliesWhen: {
              name: `${file.file}#${i}:applies`,
              because: check.appliesWhen.because,
              conditions: compileConditions(check.appliesWhen.when, file),
            },
          }
        : {}),
      ...(check.extension
        ? {
            extension: {
              requiresShare: series(file, check.extension.requiresShare),
              share: series(file, check.extension.share),
              max: series(file, check.extension.max),
              ...(check.extension.cap ? { cap: series(file, check.extension.cap) } : {}),
            },
          }
        : {}),
      window: check.window ? series(file, check.window) : undefined,
      inForceFrom: startOfLocalDate(file.inForce.from, zone),
      inForceTo: file.inForce.to ? startOfLocalDate(file.inForce.to, zone) : Infinity,
      effects: compileEffects(check.agreements, file, book, zone),
      limitTypes: new Set<string>([
        ...(check.onlyWith ?? []),
        ...check.agreements.filter((e) => !e.via).map((e) => e.type),
      ]),
      plain: new Map(),
    })),
  );
}

function compileEffects(
  effects: Check['agreements'],
  file: LoadedRuleFile,
  book: RuleBook,
  zone: string,
): CompiledEffect[] {
  return effects.map((e) => ({
    type: e.type,
    ...(e.limit ? { series: compileSeries(file.parameters[e.limit]!, zone) } : {}),
    ...(e.paramsKey ? { paramsKey: e.paramsKey } : {}),
    ...(e.via ? { via: e.via } : {}),
    ...(e.kinds ? { kinds: e.kinds } : {}),
    ...(e.whenUnstated !== undefined ? { whenUnstated: e.whenUnstated } : {}),
    ...(e.viaStrict ? { viaStrict: true } : {}),
    lawfulFrom: startOfLocalDate(book.agreements[e.type]?.inForce.from ?? '1900-01-01', zone),
  }));
}

/** The daily rest that separates main work periods, as the one provision that sets it states it. */
export interface CompiledRestMinimum {
  base: DatedSeries;
  effects: CompiledEffect[];
}

export function compileRestMinimum(book: RuleBook, zone: string): CompiledRestMinimum | undefined {
  const file = book.files.find((f) => f.restMinimum);
  if (!file) return undefined;
  return {
    base: compileSeries(file.parameters[file.restMinimum!.parameter]!, zone),
    effects: compileEffects(file.restMinimum!.agreements, file, book, zone),
  };
}

/**
 * The minimum for a gap starting at an instant (read at `when(at)`: its own date, or the `asOf`
 * date): the statute's value, lowered by any agreement in force then that the law allowed then and
 * that covers the work on both sides (an effect with `kinds`: respite on both sides).
 */
export function restMinimumAt(rule: CompiledRestMinimum, agreements: AgreementInForce[], when: (at: number) => number) {
  const relevant = agreements.filter((a) => rule.effects.some((e) => e.type === a.type));
  return (at: number, respiteBothSides: boolean): number | undefined => {
    const t = when(at);
    let minimum = valueAt(rule.base, t);
    if (minimum === undefined) return undefined;
    for (const effect of rule.effects) {
      if (t < effect.lawfulFrom || (effect.kinds && !respiteBothSides)) continue;
      for (const a of relevant) {
        if (a.type !== effect.type || t < a.from || t >= a.to) continue;
        const lowered = effectLimit(effect, a, t);
        if (lowered !== undefined && lowered < minimum) minimum = lowered;
      }
    }
    return minimum;
  };
}

/** The agreements among a worker's that can change a check's limit: resolveLimit gives the same with only these. */
export function limitAgreements(c: CompiledCheck, agreements: AgreementInForce[]): AgreementInForce[] {
  if (agreements.length === 0) return agreements;
  // Asked for every check of every pass: no callback, and no copy when none is left out.
  let kept: AgreementInForce[] | undefined;
  for (let i = 0; i < agreements.length; i++) {
    const a = agreements[i]!;
    if (c.limitTypes.has(a.type)) kept?.push(a);
    else kept ??= agreements.slice(0, i);
  }
  return kept ?? agreements;
}

/** A check's limit for one worker at an instant, under a limit series (limitResolver). */
export type LimitResolver = (at: number, series: DatedSeries) => ResolvedLimit | undefined;

export interface ResolvedLimit {
  limit: number;
  /** The statute's own limit, before agreements. */
  base: number;
  applied: AgreementInForce[];
}

function effectLimit(effect: CompiledEffect, agreement: AgreementInForce | undefined, at: number): number | undefined {
  if (effect.series) return valueAt(effect.series, at);
  const stated = agreement?.params[effect.paramsKey!];
  return typeof stated === 'number' ? stated : agreement ? effect.whenUnstated : undefined;
}

/** The limit for one window of one worker, with the agreements that set it. `base` is the worker's own (limitWhen). */
export function resolveLimit(
  c: CompiledCheck,
  agreements: AgreementInForce[],
  at: number,
  baseSeries: DatedSeries = c.base,
): ResolvedLimit | undefined {
  if (at < c.inForceFrom || at >= c.inForceTo) return undefined;
  if (c.check.onlyWith && !agreements.some((a) => c.check.onlyWith!.includes(a.type) && at >= a.from && at < a.to))
    return undefined;
  const base = valueAt(baseSeries, at);
  if (base === undefined) return undefined;
  if (agreements.length === 0 && !c.check.onlyWith) return plainLimit(c, base);
  let limit = base;
  // An agreement the check depends on (onlyWith) is what sets its base limit.
  let applied: AgreementInForce[] | undefined = c.check.onlyWith
    ? agreements.filter((a) => c.check.onlyWith!.includes(a.type) && at >= a.from && at < a.to)
    : undefined;
  for (const effect of c.effects) {
    if (at < effect.lawfulFrom || effect.via) continue;
    for (const a of agreements) {
      if (a.type !== effect.type || at < a.from || at >= a.to) continue;
      const lifted = effectLimit(effect, a, at);
      if (lifted === undefined) continue;
      if (margin(c.check.operator, lifted, limit) < 0) continue; // stricter than what already applies
      if (lifted !== limit || !applied) applied = [];
      limit = lifted;
      applied.push(a);
    }
  }
  // No agreement applied (a lift always records its agreement): the statute's own result.
  return applied && applied.length > 0 ? { limit, base, applied } : plainLimit(c, base);
}

/**
 * resolveLimit for one check and one worker's agreements, for window after window. Its result can
 * change only where a dated value, an agreement's validity, the law allowing an agreement or the
 * provision itself starts or ends; between two such instants it is the same, so it is worked out
 * once for each stretch the windows fall in (they come in time order) and handed out again.
 */
export function limitResolver(c: CompiledCheck, agreements: AgreementInForce[]): LimitResolver {
  const points: number[] = [c.inForceFrom, c.inForceTo];
  for (const a of agreements) points.push(a.from, a.to);
  for (const e of c.effects) {
    points.push(e.lawfulFrom);
    if (e.series) points.push(...e.series.since);
  }
  const fixed = points.filter(Number.isFinite);
  let lastSeries: DatedSeries | undefined;
  let lo = Infinity;
  let hi = -Infinity;
  let last: ResolvedLimit | undefined;
  return (at, series) => {
    if (series === lastSeries && at >= lo && at < hi) return last;
    lo = -Infinity;
    hi = Infinity;
    for (const t of fixed)
      if (t <= at) lo = Math.max(lo, t);
      else hi = Math.min(hi, t);
    for (const t of series.since)
      if (t <= at) lo = Math.max(lo, t);
      else hi = Math.min(hi, t);
    lastSeries = series;
    last = resolveLimit(c, agreements, at, series);
    return last;
  };
}

const statuteResolvers = new WeakMap<CompiledCheck, LimitResolver>();

/**
 * limitResolver for a worker with no agreement that can change the check's limit: one for the
 * check, shared by every pass of every evaluation with its compiled rule book (it keeps nothing but
 * the stretch it last answered for, and gives the same answers from any state).
 */
export function statuteResolver(c: CompiledCheck): LimitResolver {
  let resolve = statuteResolvers.get(c);
  if (!resolve) statuteResolvers.set(c, (resolve = limitResolver(c, [])));
  return resolve;
}

/** The statute alone: one shared, frozen result per limit value (most windows), not an object per window. */
function plainLimit(c: CompiledCheck, base: number): ResolvedLimit {
  let r = c.plain.get(base);
  if (!r)
    c.plain.set(
      base,
      (r = Object.freeze({ limit: base, base, applied: Object.freeze([]) as unknown as AgreementInForce[] })),
    );
  return r;
}

/**
 * Agreement types that would make the measured value lawful at that time. An agreement whose
 * limits are stated in the agreement itself (a union agreement, a consent) is listed when it has
 * not stated a limit yet: it could lift the rule, its own terms decide.
 */
/**
 * AML § 10-4 (2): where the work in a window is wholly or mainly passive, the limit grows by a share
 * of the passive hours, up to a maximum, and never above the cap.
 */
export function extendForPassive(
  c: CompiledCheck,
  limit: number,
  measured: number,
  passive: number | undefined,
  at: number,
): number {
  const e = c.extension;
  if (!e || !passive || measured <= 0) return limit;
  const requires = valueAt(e.requiresShare, at);
  const share = valueAt(e.share, at);
  const max = valueAt(e.max, at);
  if (requires === undefined || share === undefined || max === undefined || passive / measured < requires) return limit;
  const extended = limit + Math.min(passive * share, max);
  const cap = e.cap ? valueAt(e.cap, at) : undefined;
  return cap === undefined ? extended : Math.max(limit, Math.min(extended, cap));
}

export function curingAgreements(
  c: CompiledCheck,
  agreements: AgreementInForce[],
  at: number,
  measured: number,
  kinds: Set<string>,
  /** Whether the rule an agreement hands the window to would pass it under that agreement. */
  passesVia: (ruleId: string, type: AgreementType, strict: boolean) => boolean = () => true,
): AgreementType[] {
  const cures: AgreementType[] = [];
  for (const effect of c.effects) {
    if (at < effect.lawfulFrom || cures.includes(effect.type)) continue;
    if (effect.kinds && !effect.kinds.some((k) => kinds.has(k))) continue;
    if (effect.via) {
      // Another rule takes the window over under this agreement; its own limits then decide.
      if (
        !agreements.some((a) => a.type === effect.type && at >= a.from && at < a.to) &&
        passesVia(effect.via, effect.type, effect.viaStrict ?? false)
      )
        cures.push(effect.type);
      continue;
    }
    const existing = agreements.find((a) => a.type === effect.type && at >= a.from && at < a.to);
    const candidate = effectLimit(effect, existing, at);
    if (candidate === undefined ? effect.paramsKey !== undefined : !BREACH[c.check.operator](measured, candidate)) {
      cures.push(effect.type);
    }
  }
  return cures;
}
