// The conversion assessment's cost on the load test's turnus (scripts/load-test.ts: 50 workers,
// 6 weeks, about 18 oppdrag) and on a generated municipality (scripts/generate-rota.ts): the
// evaluations of a worker per oppdrag and the time, for the reasoned assessment the product runs
// and for the search it replaced (test/support/conversionOracle.ts), measured in the same run.
//   npx tsx bench/conversion-evaluations.ts
import { generateRota } from '../scripts/generate-rota.ts';
import { buildLoadRota } from '../scripts/load-test.ts';
import { type ConversionStrategy, assessConversions, reasoned } from '../src/conversion/assess.ts';
import { evaluate } from '../src/engine/evaluate.ts';
import { partRuns } from '../src/engine/partRuns.ts';
import { validateRotaDocument } from '../src/rota/load.ts';
import type { Rota } from '../src/rota/schema.ts';
import { defaultRuleBook } from '../src/rules/load.ts';
import { buildTimeline } from '../src/timeline/build.ts';
import { bruteForce } from '../test/support/conversionOracle.ts';
import { eachOppdragAlone } from '../test/support/eachOppdragAlone.ts';

const book = defaultRuleBook();
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * Evaluations per oppdrag (each assessed alone) and the median time of assessing all, for one
 * strategy: the reasoned one as the product runs it (its runs of a part sharing what they measure
 * alike, a run asked only whether a violation is left ending at the first: src/engine/partRuns.ts),
 * the search as the test oracle does (every run whole and anew).
 */
async function measure(rota: Rota, strategy: ConversionStrategy) {
  const product = strategy === reasoned;
  const { perOppdrag } = await eachOppdragAlone(rota, book, strategy, product);
  const timeline = buildTimeline(rota);
  const plain = partRuns(evaluate, { ruleBook: book }, product);
  await assessConversions(rota, timeline, book, plain, strategy);
  const runs: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    await assessConversions(rota, timeline, book, plain, strategy);
    runs.push(performance.now() - t);
  }
  return {
    evaluationsPerOppdrag: {
      min: Math.min(...perOppdrag),
      median: median(perOppdrag),
      max: Math.max(...perOppdrag),
      total: perOppdrag.reduce((s, n) => s + n, 0),
    },
    ms: Math.round(median(runs)),
  };
}

for (const [name, rota] of [
  ['load turnus (50 workers, 6 weeks)', validateRotaDocument(buildLoadRota({ workers: 50, weeks: 6 }))],
  [
    'generated municipality (200 workers, 8 weeks)',
    validateRotaDocument(generateRota({ workers: 200, weeks: 8, seed: 1 })),
  ],
] as const) {
  const fast = await measure(rota, reasoned);
  const search = await measure(rota, bruteForce);
  console.log(
    JSON.stringify({
      rota: name,
      oppdrag: rota.assignments.filter((a) => a.contract === 'oppdrag').length,
      reasoned: fast,
      search,
      evaluationsRatio: Number((search.evaluationsPerOppdrag.total / fast.evaluationsPerOppdrag.total).toFixed(2)),
      timeRatio: Number((search.ms / fast.ms).toFixed(2)),
    }),
  );
}
