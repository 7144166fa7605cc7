// The conversion question (docs/contract.md `conversions`): for every oppdrag, would the schedule be
// lawful as an arbeidsavtale, under which legal basis, and if not, what change would make it so.
// The worker's own part of the rota is re-evaluated with that assignment as employment: with no
// agreement, then with the individual written agreements the law offers, then with collective
// agreements and Arbeidstilsynet's consent. The first tier that leaves no violation decides.
import type { Conversion, Finding } from '../report/schema.ts';
import type { AgreementType, Rota } from '../rota/schema.ts';
import type { RuleBook } from '../rules/load.ts';
import type { Timeline } from '../timeline/build.ts';
import { PartReuse } from '../engine/reuse.ts';
import { Slot } from '../memo.ts';
import { startOfLocalDate } from '../time/instant.ts';
import { RESPITE_KINDS } from '../facts/mainWorkPeriods.ts';
import { workBlocks } from '../facts/workBlocks.ts';
import { verdictConfidence } from './confidence.ts';
import { assessEmployment } from './employment.ts';
import { type HoursAndCost, hoursAndCost } from './hoursAndCost.ts';
import { blocking, inCatalogueOrder, isBlocking, RANK, typesOfTier } from './ladder.ts';
import { minimalBy, predictor } from './reasoning.ts';
import { restructurings } from './restructure.ts';
import { indexByWorker, workerRota, workerSlice } from './slice.ts';

/**
 * Evaluates a worker's part with violations only. Every run handed the same `reuse` is of the same
 * part under other agreements: what does not depend on them is measured once (engine/reuse.ts).
 * Given `enough`, only whether some finding is such a finding is asked: the findings may be just
 * the first such finding (engine/enough.ts), or all of them.
 */
export type Evaluator = (
  rota: Rota,
  reuse?: PartReuse,
  enough?: (f: Finding) => boolean,
) => Promise<{ findings: Finding[] }>;

/**
 * A worker's part with one assignment as employment, under agreements (workerRota's arguments).
 * With `anyBlocking`, only whether a violation binds the assignment is asked (Evaluator's `enough`).
 */
type PartEvaluator = (
  base: Rota,
  workerId: string,
  convert: string,
  agreements: Rota['agreements'],
  anyBlocking?: boolean,
) => ReturnType<Evaluator>;

/**
 * The evaluator, asked once per rota content: the key is the worker's part written out, with the
 * values JSON would blur (undefined, NaN, ±Infinity) kept apart, then its agreements. The part is
 * written once for each rota it is cut from, not once per set of agreements: writing it was a
 * tenth of the assessment. The runs of one part share what they measure alike.
 *
 * `own` is the oppdrag's part as it stands (the worker's slice, that assignment converted), which
 * most runs evaluate: it is named by a token, not written out (writing it for every oppdrag was a
 * quarter of the time the assessment spends beside its runs). The text is what lets two changed
 * rotas that leave the worker the same periods share their runs; a changed part equal to the part
 * as it stands would only be evaluated once more, with the same result.
 */
function memoized(evaluate: Evaluator, own: { rota: Rota; workerId: string; convert: string }): PartEvaluator {
  // By part: what its runs share, and each run by its agreements, with whether it ran whole (a run
  // asked only for a blocking violation may have ended at the first, and answers only that question).
  const parts = new Map<
    string,
    { reuse: PartReuse; runs: Map<string, { report: ReturnType<Evaluator>; whole: boolean }> }
  >();
  const written = new Slot<Rota, Map<string, string>>('parts written');
  const write = (base: Rota, workerId: string, convert: string) => {
    // No written part starts with NUL: the token cannot be taken for one.
    if (base === own.rota && workerId === own.workerId && convert === own.convert) return '\u0000own';
    let byPart = written.get(base);
    if (!byPart) written.set(base, (byPart = new Map()));
    const part = `${workerId}\u0000${convert}`;
    let text = byPart.get(part);
    if (text === undefined)
      byPart.set(
        part,
        (text = JSON.stringify(workerRota(base, workerId, convert, []), (_, v) =>
          v === undefined ? '\u0000undefined' : typeof v === 'number' && !Number.isFinite(v) ? `\u0000${v}` : v,
        )),
      );
    return text;
  };
  return (base, workerId, convert, agreements, anyBlocking = false) => {
    const part = write(base, workerId, convert);
    // By part, then by agreements: the part's text is looked up as it was written (its hash kept
    // with it), not written again into a longer key to be hashed anew on every run.
    let ofPart = parts.get(part);
    if (!ofPart) parts.set(part, (ofPart = { reuse: new PartReuse(), runs: new Map() }));
    const key = JSON.stringify(agreements);
    const known = ofPart.runs.get(key);
    if (known && (known.whole || anyBlocking)) return known.report;
    const rota = workerRota(base, workerId, convert, agreements);
    const report = anyBlocking
      ? evaluate(rota, ofPart.reuse, (f) => isBlocking(f, convert))
      : evaluate(rota, ofPart.reuse);
    ofPart.runs.set(key, { report, whole: !anyBlocking });
    return report;
  };
}

export interface ConversionDetail extends Conversion {
  employment: ReturnType<typeof assessEmployment>;
  hours: HoursAndCost['hours'];
  cost?: HoursAndCost['cost'];
  tiers: { none: number; individual: number; collective: number };
  suggestionDetails: Array<{ nb: string; en: string; verdictAfter: Conversion['verdict'] }>;
}

/** The legal basis an oppdrag needs as employment: its verdict, the agreements, what blocks it. */
export interface Ladder {
  verdict: Conversion['verdict'];
  required: AgreementType[];
  blockingIds: string[];
  tiers: ConversionDetail['tiers'];
  /** The violations with no agreement. */
  none: Finding[];
  /** The set of agreements had to be searched for: the reasoning's choice did not hold. */
  searched?: boolean;
}

/** One oppdrag's evaluations: its worker's part with the assignment as employment, under agreements. */
export interface Runs {
  /**
   * The violations binding the assignment under these agreements (of the worker's part, or a changed
   * part). With `anyLeft`, only whether there are any is asked: the list may hold only the first
   * (the run ended there, engine/enough.ts).
   */
  run: (types: AgreementType[], base?: Rota, anyLeft?: boolean) => Promise<Finding[]>;
  individual: AgreementType[];
  collective: AgreementType[];
  /** Whether any of the agreements rests on a human judgement (§ 12: "not very burdensome"). */
  judged: (types: AgreementType[]) => boolean;
  book: RuleBook;
}

/** How the ladder and a restructuring's verdict are found: reasoned in the product, searched in the tests' oracle. */
export interface ConversionStrategy {
  decide(runs: Runs): Promise<Ladder>;
  /**
   * The verdict a changed part would get (measured as far as it can beat the verdict `now`), and,
   * asked only when `askJudgement`, whether it would be lawful with individual agreements none of
   * which rests on a human judgement.
   */
  afterChange(
    runs: Runs,
    change: Rota,
    now: { verdict: Conversion['verdict']; askJudgement: boolean },
  ): Promise<{ verdictAfter: Conversion['verdict']; withoutJudgement: boolean }>;
}

const ruleIds = (found: Finding[]) => [...new Set(found.map((f) => f.ruleId))].sort();

/**
 * The reasoned ladder: the tiers are evaluated (none, individual, with collective: each only when
 * the one before leaves violations), so the verdict and its counts are measured; the smallest set of
 * agreements is reasoned from the findings (reasoning.ts) and confirmed by one more evaluation.
 */
export const reasoned: ConversionStrategy = {
  async decide(runs) {
    const { run, individual, collective, book } = runs;
    const none = await run([]);
    const tiers = (individual: number, collective: number) => ({ none: none.length, individual, collective });
    if (none.length === 0) return { verdict: 'convertible', required: [], blockingIds: [], tiers: tiers(0, 0), none };
    const withIndividual = await run(individual);
    const byIndividual = { types: individual, found: withIndividual };
    if (withIndividual.length === 0) {
      const predict = predictor(book, none, [byIndividual]);
      const lawful = (set: AgreementType[]) => predict(set).length === 0;
      const { set: required, searched } = await confirmed(runs, {
        chosen: minimalBy(individual, lawful),
        verified: individual,
        verifiedLeft: [],
      });
      return { verdict: 'convertible-with-agreement', required, blockingIds: [], tiers: tiers(0, 0), none, searched };
    }
    const all = [...individual, ...collective];
    const withCollective = await run(all);
    const counts = tiers(withIndividual.length, withCollective.length);
    const predict = predictor(book, none, [byIndividual, { types: all, found: withCollective }]);
    const lawful = (set: AgreementType[]) => predict(set).length === 0;
    if (withCollective.length === 0) {
      // The fewest collective agreements with every individual one, then the fewest individual ones with those.
      const chosenColl = minimalBy(collective, (set) => lawful([...individual, ...set]));
      const byColl = await confirmed(runs, {
        chosen: chosenColl,
        verified: collective,
        verifiedLeft: [],
        beside: individual,
      });
      const coll = byColl.set;
      const byInd = await confirmed(runs, {
        chosen: minimalBy(individual, (set) => lawful([...set, ...coll])),
        verified: individual,
        verifiedLeft: [],
        beside: coll,
      });
      return {
        verdict: 'needs-collective-agreement',
        required: [...byInd.set, ...coll],
        blockingIds: ruleIds(withIndividual),
        tiers: counts,
        none,
        searched: byColl.searched || byInd.searched,
      };
    }
    const curable = (found: Finding[]) =>
      found.length <= withCollective.length && found.every((f) => f.curedBy.some((t) => collective.includes(t)));
    if (curable(withCollective)) {
      // What is left needs an agreement that states its own limits (a union agreement, a consent);
      // its terms decide. Required: the individual agreements still needed beside it, and those kinds.
      const {
        set: ind,
        left,
        searched,
      } = await confirmed(
        runs,
        {
          chosen: minimalBy(individual, (set) => curable(predict([...set, ...collective]))),
          verified: individual,
          verifiedLeft: withCollective,
          beside: collective,
        },
        curable,
      );
      const stating = new Set(left.flatMap((f) => f.curedBy.filter((t) => collective.includes(t))));
      return {
        verdict: 'needs-collective-agreement',
        required: [...ind, ...stating],
        blockingIds: ruleIds(withIndividual),
        tiers: counts,
        none,
        searched,
      };
    }
    return { verdict: 'not-convertible', required: [], blockingIds: ruleIds(withCollective), tiers: counts, none };
  },

  async afterChange({ run, individual, judged }, change, { verdict, askJudgement }) {
    // Every answer here is whether a run leaves a violation, not which: each may end at the first.
    if (RANK[verdict] > RANK['convertible-with-agreement']) {
      // Only a schedule lawful with the individual agreements does better: that is measured first,
      // and the tier below it only for a change that will be shown.
      if ((await run(individual, change, true)).length > 0)
        return { verdictAfter: 'not-convertible', withoutJudgement: false };
      const after = await run([], change, true);
      return {
        verdictAfter: after.length === 0 ? 'convertible' : 'convertible-with-agreement',
        withoutJudgement: false,
      };
    }
    const after = await run([], change, true);
    if (after.length === 0) return { verdictAfter: 'convertible', withoutJudgement: false };
    // Short of convertible, a change does as well as the verdict at best; it is shown only if it
    // does so without § 12, which is asked only of a verdict resting on it.
    if (!askJudgement) return { verdictAfter: verdict, withoutJudgement: false };
    if ((await run(individual, change, true)).length > 0)
      return { verdictAfter: 'not-convertible', withoutJudgement: false };
    // The smallest set is searched dropping the agreements that rest on a judgement first
    // (typesOfTier), and a dropped one never returns: one evaluation each tells whether it goes.
    let set = individual;
    for (const t of individual.filter((x) => judged([x]))) {
      const without = set.filter((x) => x !== t);
      if ((await run(without, change, true)).length === 0) set = without;
    }
    return { verdictAfter: 'convertible-with-agreement', withoutJudgement: !judged(set) };
  },
};

/**
 * The reasoned set, confirmed by evaluating it (with `beside`, the agreements every set is tried
 * with). An agreement resting on a judgement (§ 12) is named only when the engine confirms that
 * the verified set without such agreements does not do (ruling 20). Should what the set leaves not
 * be acceptable (an agreement's effect the findings did not show), or § 12 not be needed after all,
 * or the reasoning kept every agreement (it explained none), the set is searched for instead: the
 * smallest the engine accepts when each agreement of the verified set is left out in turn, those
 * resting on a judgement first (`searched`: the measured cost of a reasoning that fell short).
 */
async function confirmed(
  { run, judged }: Pick<Runs, 'run' | 'judged'>,
  sets: { chosen: AgreementType[]; verified: AgreementType[]; verifiedLeft: Finding[]; beside?: AgreementType[] },
  acceptable: (left: Finding[]) => boolean = (left) => left.length === 0,
): Promise<{ set: AgreementType[]; left: Finding[]; searched: boolean }> {
  const { chosen, verified, verifiedLeft, beside = [] } = sets;
  const tryOut = async (set: AgreementType[]) =>
    set.length === verified.length ? verifiedLeft : await run([...set, ...beside]);
  const left = await tryOut(chosen);
  const needsJudgement = async () => !judged(chosen) || !acceptable(await tryOut(verified.filter((t) => !judged([t]))));
  // A choice of every agreement is no reasoning at all: the findings explained none of them.
  const reasoned = chosen.length < verified.length || verified.length <= 1;
  if (reasoned && acceptable(left) && (await needsJudgement())) return { set: chosen, left, searched: false };
  let set = [...verified];
  let kept = verifiedLeft;
  for (const t of verified) {
    const without = set.filter((x) => x !== t);
    const found = await tryOut(without);
    if (acceptable(found)) (set = without), (kept = found);
  }
  return { set, left: kept, searched: true };
}

export async function assessConversions(
  rota: Rota,
  timeline: Timeline,
  book: RuleBook,
  evaluate: Evaluator,
  strategy: ConversionStrategy = reasoned,
): Promise<ConversionDetail[]> {
  const out: ConversionDetail[] = [];
  // Agreements that stand on a human judgement the rota cannot show (§ 12: "not very burdensome").
  const judged = (types: AgreementType[]) => types.some((t) => book.agreements[t]?.needsJudgement);
  const individual = typesOfTier(book, ['individual']);
  const collective = typesOfTier(book, ['collective', 'authority']);
  const index = indexByWorker(rota, timeline);
  const presumptionFrom = book.employment
    ? startOfLocalDate(book.employment.presumption.since, timeline.zone)
    : undefined;
  // Each worker's part is built once, and let go after their last oppdrag.
  const slices = new Map<string, { rota: Rota; timeline: Timeline }>();
  const oppdragLeft = new Map<string, number>();
  for (const a of rota.assignments)
    if (a.contract === 'oppdrag') oppdragLeft.set(a.workerId, (oppdragLeft.get(a.workerId) ?? 0) + 1);
  for (const a of rota.assignments) {
    if (a.contract !== 'oppdrag') continue;
    const intervals = index.intervalsByAssignment.get(a.id) ?? [];
    const slice = slices.get(a.workerId) ?? workerSlice(rota, timeline, index, a.workerId);
    const remaining = oppdragLeft.get(a.workerId)! - 1;
    oppdragLeft.set(a.workerId, remaining);
    if (remaining > 0) slices.set(a.workerId, slice);
    else slices.delete(a.workerId);
    // The agreements the worker actually has stay out: the question is which basis the schedule needs.
    const with_ = (types: AgreementType[]) => types.map((type) => ({ type, workerId: a.workerId }));
    // One evaluation per distinct rota: splitting a stay and ending it after 48 hours can leave this
    // worker the same periods.
    const evaluateOnce = memoized(evaluate, { rota: slice.rota, workerId: a.workerId, convert: a.id });
    const runs: Runs = {
      run: async (types, base = slice.rota, anyLeft = false) =>
        blocking((await evaluateOnce(base, a.workerId, a.id, with_(types), anyLeft)).findings, a.id),
      individual,
      collective,
      judged,
      book,
    };
    const ladder = await strategy.decide(runs);
    const { verdict, blockingIds, none } = ladder;
    let { required } = ladder;
    required = inCatalogueOrder(book, required, individual);

    // Restructuring: changes to the schedule, each verified by running the engine on the changed rota.
    // A change is shown when it gives a better verdict, or the same with agreements that ask less
    // (an extended stay under § 12 rests on a human judgement that the stay is not very burdensome).
    const suggestionDetails: ConversionDetail['suggestionDetails'] = [];
    // Suggestions verified to make the schedule lawful without § 12 (ruling 20: named first).
    const withoutSection12 = new Set<object>();
    if (verdict !== 'convertible') {
      for (const change of restructurings(slice.rota, a, slice.timeline, book)) {
        const askJudgement = verdict === 'convertible-with-agreement' && judged(required);
        const { verdictAfter, withoutJudgement } = await strategy.afterChange(runs, change.rota, {
          verdict,
          askJudgement,
        });
        const better = RANK[verdictAfter] < RANK[verdict];
        const lighter = askJudgement && verdictAfter === 'convertible-with-agreement' && withoutJudgement;
        if (!better && !lighter) continue;
        // A second carer the change brings in must be lawful too, with the individual agreements
        // (asked only of a change that helps: the answer decides nothing else).
        let othersLawful = true;
        for (const other of change.alsoCheck ?? []) {
          const theirs = await evaluateOnce(
            change.rota,
            other.workerId,
            other.assignmentId,
            individual.map((type) => ({ type, workerId: other.workerId })),
            true,
          );
          if (blocking(theirs.findings, other.assignmentId).length > 0) othersLawful = false;
        }
        if (othersLawful) {
          const suggestion = { nb: change.nb, en: change.en, verdictAfter };
          suggestionDetails.push(suggestion);
          if (lighter || (better && verdictAfter === 'convertible')) withoutSection12.add(suggestion);
        }
      }
      if (judged(required))
        suggestionDetails.sort((x, y) => Number(withoutSection12.has(y)) - Number(withoutSection12.has(x)));
    }
    const { confidence, caveats } = verdictConfidence({
      book,
      zone: timeline.zone,
      required,
      withoutAgreement: none,
      stays: workBlocks(intervals.filter((iv) => RESPITE_KINDS.has(iv.kind))),
      ...(suggestionDetails[0] && withoutSection12.has(suggestionDetails[0])
        ? { withoutSection12: suggestionDetails[0] }
        : {}),
    });

    out.push({
      assignmentId: a.id,
      verdict,
      requiredAgreements: required,
      blockingRuleIds: blockingIds,
      suggestions: suggestionDetails.map((s) => s.nb),
      confidence,
      caveats,
      employment: assessEmployment(a, intervals, timeline.zone, presumptionFrom),
      ...hoursAndCost(a, intervals),
      tiers: ladder.tiers,
      suggestionDetails,
    });
  }
  return out;
}
