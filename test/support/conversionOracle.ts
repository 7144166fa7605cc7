// The test oracle for the conversion assessment: the brute-force search the product used before it
// reasoned (until December 2026). Each tier is evaluated, and the smallest set of agreements is
// found by evaluating the worker's part again without each agreement in turn; a restructuring's
// verdict by evaluating the changed part without and with the individual agreements. The product
// (src/conversion/assess.ts, `reasoned`) must give the same conversions with far fewer evaluations.
import type { ConversionStrategy, Runs } from '../../src/conversion/assess.ts';
import type { Conversion, Finding } from '../../src/report/schema.ts';
import type { AgreementType } from '../../src/rota/schema.ts';

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

const ruleIds = (found: Finding[]) => [...new Set(found.map((f) => f.ruleId))].sort();

export const bruteForce: ConversionStrategy = {
  async decide({ run, individual, collective }: Runs) {
    const none = await run([]);
    const withIndividual = none.length === 0 ? [] : await run(individual);
    const withCollective = withIndividual.length === 0 ? [] : await run([...individual, ...collective]);
    const tiers = { none: none.length, individual: withIndividual.length, collective: withCollective.length };
    if (none.length === 0) return { verdict: 'convertible', required: [], blockingIds: [], tiers, none };
    if (withIndividual.length === 0)
      return {
        verdict: 'convertible-with-agreement',
        required: await minimal(individual, run),
        blockingIds: [],
        tiers,
        none,
      };
    if (withCollective.length === 0) {
      const coll = await minimal(collective, (types) => run([...individual, ...types]));
      const required = [...(await minimal(individual, (types) => run([...types, ...coll]))), ...coll];
      return { verdict: 'needs-collective-agreement', required, blockingIds: ruleIds(withIndividual), tiers, none };
    }
    if (withCollective.every((f) => f.curedBy.some((t) => collective.includes(t)))) {
      const curable = (found: Finding[]) =>
        found.length <= withCollective.length && found.every((f) => f.curedBy.some((t) => collective.includes(t)));
      const ind = await minimal(individual, (types) => run([...types, ...collective]), curable);
      const left = await run([...ind, ...collective]);
      const required = [...ind, ...new Set(left.flatMap((f) => f.curedBy.filter((t) => collective.includes(t))))];
      return { verdict: 'needs-collective-agreement', required, blockingIds: ruleIds(withIndividual), tiers, none };
    }
    return { verdict: 'not-convertible', required: [], blockingIds: ruleIds(withCollective), tiers, none };
  },

  async afterChange({ run, individual, judged }, change, { askJudgement }) {
    const after = await run([], change);
    const afterIndividual = after.length === 0 ? [] : await run(individual, change);
    const verdictAfter: Conversion['verdict'] =
      after.length === 0
        ? 'convertible'
        : afterIndividual.length === 0
          ? 'convertible-with-agreement'
          : 'not-convertible';
    const withoutJudgement =
      askJudgement &&
      verdictAfter === 'convertible-with-agreement' &&
      !judged(await minimal(individual, (types) => run(types, change)));
    return { verdictAfter, withoutJudgement };
  },
};
