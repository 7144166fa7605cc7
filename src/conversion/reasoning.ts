// Which agreements a schedule needs, reasoned from the evaluations the conversion ladder has made
// instead of searched for by evaluating again (docs/conversion.md). A finding names the agreements
// that would each make it lawful (`curedBy`); the rule book says which of them lift it by a limit of
// their own or hand it to another rule (those remove it) and which only state their own terms (a
// union agreement, a consent: the finding stays, curable by terms the rota does not show).
import type { Finding } from '../report/schema.ts';
import type { AgreementType } from '../rota/schema.ts';
import { nightOf, type RuleBook } from '../rules/load.ts';

/** Whether adding the agreement, with no terms stated, takes the finding away. */
export type Removes = (f: Finding, type: AgreementType) => boolean;

interface Effects {
  /** Per rule id: the agreement types that take its findings away (see removesOf). */
  lifting: Map<string, Set<string>>;
  /**
   * Per rule id: the agreement types that can make its windows go without lifting it: another rule
   * takes them over (`via`), the normal hours it counts overtime from are lifted (`ceilings`), or
   * what is measured changes (a lower daily rest, another night).
   */
  handing: Map<string, Set<string>>;
  /** Per rule id: the agreement types it applies only with (`onlyWith`). */
  onlyWith: Map<string, Set<string>>;
}

const kept = new WeakMap<RuleBook, Effects>();

const add = (map: Map<string, Set<string>>, key: string, value: string) => {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(value);
};

/**
 * What the rule book declares about each rule's agreements. An agreement with a limit of its own
 * lifts the rule; one `via` another rule hands the window over (and is listed in `curedBy` only when
 * that rule would pass it). One that states its own terms (`paramsKey`) takes a finding away only
 * when the rule defers (`deferTo`) to a rule that applies with that very agreement (`onlyWith`:
 * avlaster § 6 to § 12); otherwise its terms decide and the finding stays.
 */
function effectsOf(book: RuleBook): Effects {
  let effects = kept.get(book);
  if (effects) return effects;
  const checks = book.files.flatMap((f) => f.checks);
  effects = { lifting: new Map(), handing: new Map(), onlyWith: new Map() };
  for (const c of checks) for (const t of c.onlyWith ?? []) add(effects.onlyWith, c.id, t);
  for (const c of checks)
    for (const e of c.agreements) {
      if (e.via !== undefined) add(effects.handing, c.id, e.type);
      if (
        e.limit !== undefined ||
        e.via !== undefined ||
        c.deferTo?.some((id) => effects!.onlyWith.get(id)?.has(e.type))
      )
        add(effects.lifting, c.id, e.type);
    }
  for (const c of checks)
    for (const id of [c.ceilings?.day, c.ceilings?.week])
      for (const t of id ? (effects.lifting.get(id) ?? []) : []) add(effects.handing, c.id, t);
  // Agreements that change what is measured: a lower daily rest forms the work periods anew (with a
  // limit of its own, or one it has when it states none), another night moves the night's hours.
  const measuring = [
    ...book.files.flatMap((f) =>
      (f.restMinimum?.agreements ?? []).filter((e) => e.limit !== undefined || e.whenUnstated !== undefined),
    ),
    ...(nightOf(book)?.night.agreements ?? []),
  ].map((e) => e.type);
  for (const c of checks) for (const t of measuring) add(effects.handing, c.id, t);
  kept.set(book, effects);
  return effects;
}

export function removesOf(book: RuleBook): Removes {
  const { lifting } = effectsOf(book);
  return (f, type) => f.curedBy.includes(type) && (lifting.get(f.ruleId)?.has(type) ?? false);
}

const keyOf = (f: Finding) => `${f.ruleId}|${f.window.start}|${f.window.end}`;

/** An evaluation of the worker's part: the agreements it was run with and the violations it left. */
export interface KnownRun {
  types: AgreementType[];
  found: Finding[];
}

/**
 * The violations a set of agreements would leave, predicted from evaluations already made: `none`
 * (no agreement) and `known`, in ascending order of their sets. From the largest evaluated set
 * below it (`base`), a violation stays unless an agreement the set adds takes it away, or it was
 * gone in the smallest evaluated set above it (`top`), where no agreement took it away, and the set
 * adds an agreement of `top` that hands its rule's windows to another rule. A violation only `top`
 * showed (a rule that applies only with an agreement, or a window handed over that the other rule
 * fails) is there when the set holds an agreement its rule applies with (of those that set its
 * limit, when the finding names them; any, for a rule that needs none), unless the set takes it away.
 */
export function predictor(
  book: RuleBook,
  none: Finding[],
  known: KnownRun[] = [],
): (set: AgreementType[]) => Finding[] {
  const { handing, onlyWith } = effectsOf(book);
  const removes = removesOf(book);
  const runs = [{ types: [] as AgreementType[], found: none }, ...known].map((r) => ({
    ...r,
    keys: new Set(r.found.map(keyOf)),
  }));
  return (set) => {
    const holds = new Set(set);
    const base = runs.findLast((r) => r.types.every((t) => holds.has(t)))!;
    const top = runs.find((r) => set.every((t) => r.types.includes(t)) && r.types.length >= base.types.length);
    const added = set.filter((t) => !base.types.includes(t));
    // Gone in `top` with no agreement there that takes it away: another rule took its windows, or
    // what is measured changed.
    const handedBy = (f: Finding) =>
      top !== undefined &&
      !top.keys.has(keyOf(f)) &&
      !top.types.some((t) => !base.types.includes(t) && removes(f, t)) &&
      added.some((t) => top.types.includes(t) && (handing.get(f.ruleId)?.has(t) ?? false));
    const left = base.found.filter((f) => !added.some((t) => removes(f, t)) && !handedBy(f));
    if (top && top !== base) {
      // A rule measured per agreement period has a window per agreement: as many are there as
      // agreements of those that set its limit the set holds.
      const shown = new Map<string, number>();
      for (const g of top.found) {
        const key = keyOf(g);
        if (base.keys.has(key)) continue;
        const all = onlyWith.get(g.ruleId);
        const applied = g.appliedAgreements?.filter((t) => all?.has(t)) ?? [];
        const needs = applied.length > 0 ? applied : all ? [...all] : undefined;
        const allowed = needs ? needs.filter((t) => holds.has(t as AgreementType)).length : Infinity;
        const n = shown.get(key) ?? 0;
        if (n < allowed && !set.some((t) => removes(g, t))) {
          shown.set(key, n + 1);
          left.push(g);
        }
      }
    }
    return left;
  };
}

/**
 * The smallest set (greedily, in the given order) that stays acceptable: the same search as trying
 * each agreement's removal in turn, asked of the reasoning instead of the engine.
 */
export function minimalBy(types: AgreementType[], acceptable: (set: AgreementType[]) => boolean): AgreementType[] {
  let set = [...types];
  for (const t of types) {
    const without = set.filter((x) => x !== t);
    if (acceptable(without)) set = without;
  }
  return set;
}
