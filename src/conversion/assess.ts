// The conversion question (docs/contract.md `conversions`): for every oppdrag, would the schedule be
// lawful as an arbeidsavtale, under which legal basis, and if not, what change would make it so.
// The worker's own part of the rota is re-evaluated with that assignment as employment: with no
// agreement, then with the individual written agreements the law offers, then with collective
// agreements and Arbeidstilsynet's consent. The first tier that leaves no violation decides.
import type { Conversion, Finding } from '../report/schema.ts';
import type { AgreementType, Rota } from '../rota/schema.ts';
import type { RuleBook } from '../rules/load.ts';
import type { Timeline } from '../timeline/build.ts';
import { startOfLocalDate } from '../time/instant.ts';
import { RESPITE_KINDS } from '../facts/mainWorkPeriods.ts';
import { workBlocks } from '../facts/workBlocks.ts';
import { verdictConfidence } from './confidence.ts';
import { assessEmployment } from './employment.ts';
import { type HoursAndCost, hoursAndCost } from './hoursAndCost.ts';
import { blocking, inCatalogueOrder, RANK, typesOfTier } from './ladder.ts';
import { restructurings } from './restructure.ts';
import { indexByWorker, workerRota, workerSlice } from './slice.ts';

export type Evaluator = (rota: Rota) => Promise<{ findings: Finding[] }>;

/**
 * The evaluator, asked once per rota content: the key is the rota written out, with the values
 * JSON would blur (undefined, NaN, ±Infinity) kept apart.
 */
function memoized(evaluate: Evaluator): Evaluator {
  const seen = new Map<string, ReturnType<Evaluator>>();
  return (rota) => {
    const key = JSON.stringify(rota, (_, v) =>
      v === undefined ? '\u0000undefined' : typeof v === 'number' && !Number.isFinite(v) ? `\u0000${v}` : v,
    );
    let report = seen.get(key);
    if (!report) seen.set(key, (report = evaluate(rota)));
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

export async function assessConversions(
  rota: Rota,
  timeline: Timeline,
  book: RuleBook,
  evaluate: Evaluator,
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
    // One evaluation per distinct rota: the tiers, `minimal` and the restructurings ask for the same
    // ones again (splitting a stay and ending it after 48 hours leave this worker the same periods).
    const evaluateOnce = memoized(evaluate);
    const run = async (types: AgreementType[], base: Rota = slice.rota) =>
      blocking((await evaluateOnce(workerRota(base, a.workerId, a.id, with_(types)))).findings, a.id);

    const none = await run([]);
    const withIndividual = none.length === 0 ? [] : await run(individual);
    const withCollective = withIndividual.length === 0 ? [] : await run([...individual, ...collective]);

    let verdict: Conversion['verdict'];
    let required: AgreementType[] = [];
    let blockingIds: string[] = [];
    if (none.length === 0) verdict = 'convertible';
    else if (withIndividual.length === 0) {
      verdict = 'convertible-with-agreement';
      required = await minimal(individual, run);
    } else if (withCollective.length === 0) {
      verdict = 'needs-collective-agreement';
      // The fewest collective agreements with every individual one, then the fewest individual ones with those.
      const coll = await minimal(collective, (types) => run([...individual, ...types]));
      required = [...(await minimal(individual, (types) => run([...types, ...coll]))), ...coll];
      blockingIds = [...new Set(withIndividual.map((f) => f.ruleId))].sort();
    } else if (withCollective.every((f) => f.curedBy.some((t) => collective.includes(t)))) {
      // What is left needs an agreement that states its own limits (a union agreement, a consent);
      // its terms decide. Required: the individual agreements still needed beside it, and those kinds.
      verdict = 'needs-collective-agreement';
      // Keep every individual agreement that leaves less for the collective one to cover.
      const curable = (found: Finding[]) =>
        found.length <= withCollective.length && found.every((f) => f.curedBy.some((t) => collective.includes(t)));
      const ind = await minimal(individual, (types) => run([...types, ...collective]), curable);
      const left = await run([...ind, ...collective]);
      required = [...ind, ...new Set(left.flatMap((f) => f.curedBy.filter((t) => collective.includes(t))))];
      blockingIds = [...new Set(withIndividual.map((f) => f.ruleId))].sort();
    } else {
      verdict = 'not-convertible';
      blockingIds = [...new Set(withCollective.map((f) => f.ruleId))].sort();
    }

    required = inCatalogueOrder(book, required, individual);

    // Restructuring: changes to the schedule, each verified by running the engine on the changed rota.
    // A change is shown when it gives a better verdict, or the same with agreements that ask less
    // (an extended stay under § 12 rests on a human judgement that the stay is not very burdensome).
    const suggestionDetails: ConversionDetail['suggestionDetails'] = [];
    // Suggestions verified to make the schedule lawful without § 12 (ruling 20: named first).
    const withoutSection12 = new Set<object>();
    if (verdict !== 'convertible') {
      for (const change of restructurings(slice.rota, a, slice.timeline)) {
        // A second carer the change brings in must be lawful too, with the individual agreements.
        let othersLawful = true;
        for (const other of change.alsoCheck ?? []) {
          const theirs = workerRota(
            change.rota,
            other.workerId,
            other.assignmentId,
            individual.map((type) => ({ type, workerId: other.workerId })),
          );
          if (blocking((await evaluateOnce(theirs)).findings, other.assignmentId).length > 0) othersLawful = false;
        }
        if (!othersLawful) continue;
        const after = await run([], change.rota);
        const afterIndividual = after.length === 0 ? [] : await run(individual, change.rota);
        const verdictAfter: Conversion['verdict'] =
          after.length === 0
            ? 'convertible'
            : afterIndividual.length === 0
              ? 'convertible-with-agreement'
              : 'not-convertible';
        const better = RANK[verdictAfter] < RANK[verdict];
        const lighter =
          verdictAfter === 'convertible-with-agreement' &&
          verdict === 'convertible-with-agreement' &&
          judged(required) &&
          !judged(await minimal(individual, (types) => run(types, change.rota)));
        if (better || lighter) {
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
      tiers: { none: none.length, individual: withIndividual.length, collective: withCollective.length },
      suggestionDetails,
    });
  }
  return out;
}

/** The smallest set of agreements (greedily) under which what is left is acceptable (by default: nothing). */
async function minimal(
  types: AgreementType[],
  run: (types: AgreementType[]) => Promise<Finding[]>,
  acceptable: (left: Finding[]) => boolean = (left) => left.length === 0,
): Promise<AgreementType[]> {
  let kept = [...types];
  for (const t of types) {
    const without = kept.filter((x) => x !== t);
    if (acceptable(await run(without))) kept = without;
  }
  return kept;
}
