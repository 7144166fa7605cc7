// Each oppdrag of a rota assessed on its own (every other oppdrag already employment), with the
// evaluations of its worker counted and whether its ladder had to search: what the conversion
// property test holds to a budget and bench/conversion-evaluations.ts prints.
import {
  type ConversionDetail,
  type ConversionStrategy,
  type Evaluator,
  assessConversions,
} from '../../src/conversion/assess.ts';
import { evaluate } from '../../src/engine/evaluate.ts';
import { partRuns } from '../../src/engine/partRuns.ts';
import type { Rota } from '../../src/rota/schema.ts';
import type { RuleBook } from '../../src/rules/load.ts';
import { buildTimeline } from '../../src/timeline/build.ts';

/** The rota with every oppdrag but this one already employment. */
export function aloneOf(rota: Rota, assignmentId: string): Rota {
  return {
    ...rota,
    assignments: rota.assignments.map((x) =>
      x.id === assignmentId || x.contract !== 'oppdrag' ? x : { ...x, contract: 'arbeidsavtale' as const },
    ),
  };
}

/** With `shared`, the runs of one part share what they measure alike (src/engine/reuse.ts), as in the product. */
export async function eachOppdragAlone(rota: Rota, book: RuleBook, strategy: ConversionStrategy, shared = false) {
  let calls = 0;
  const runs = partRuns(evaluate, { ruleBook: book }, shared);
  const counting: Evaluator = (...args) => {
    calls++;
    return runs(...args);
  };
  const searched: boolean[] = [];
  const watched: ConversionStrategy = {
    decide: async (runs) => {
      const ladder = await strategy.decide(runs);
      searched.push(ladder.searched ?? false);
      return ladder;
    },
    afterChange: (...args) => strategy.afterChange(...args),
  };
  const perOppdrag: number[] = [];
  const conversions: ConversionDetail[] = [];
  for (const a of rota.assignments.filter((x) => x.contract === 'oppdrag')) {
    const alone = aloneOf(rota, a.id);
    const before = calls;
    conversions.push(...(await assessConversions(alone, buildTimeline(alone), book, counting, watched)));
    perOppdrag.push(calls - before);
  }
  return { conversions, perOppdrag, searched };
}
