// The conversion assessment's cost on the load test's turnus (scripts/load-test.ts: 50 workers,
// 6 weeks, about 18 oppdrag): the time to evaluate it with and without conversions (medians of 5),
// and the evaluations of a worker per oppdrag, counted by instrumenting the evaluator.
//   npx tsx bench/conversion-evaluations.ts
import { assessConversions, type Evaluator } from '../src/conversion/assess.ts';
import { evaluate } from '../src/engine/evaluate.ts';
import { validateRotaDocument } from '../src/rota/load.ts';
import { defaultRuleBook } from '../src/rules/load.ts';
import { buildTimeline } from '../src/timeline/build.ts';
import { buildLoadRota } from '../scripts/load-test.ts';

const rota = validateRotaDocument(buildLoadRota({ workers: 50, weeks: 6 }));
const book = defaultRuleBook();
const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
async function time(conversions: boolean): Promise<number> {
  await evaluate(rota, { ruleBook: book, conversions });
  const runs: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    await evaluate(rota, { ruleBook: book, conversions });
    runs.push(performance.now() - t);
  }
  return median(runs);
}
const withConversions = await time(true);
const without = await time(false);
let calls = 0;
const counting: Evaluator = (r) => {
  calls++;
  return evaluate(r, { ruleBook: book, conversions: false, violationsOnly: true });
};
const conversions = await assessConversions(rota, buildTimeline(rota), book, counting);
const perOppdrag: number[] = [];
for (const a of rota.assignments.filter((x) => x.contract === 'oppdrag')) {
  const before = calls;
  await assessConversions(
    {
      ...rota,
      assignments: rota.assignments.map((x) =>
        x === a || x.contract !== 'oppdrag' ? x : { ...x, contract: 'arbeidsavtale' as const },
      ),
    },
    buildTimeline(rota),
    book,
    counting,
  );
  perOppdrag.push(calls - before);
}
console.log(
  JSON.stringify({
    workers: rota.workers.length,
    oppdrag: conversions.length,
    msWithConversions: Math.round(withConversions),
    msWithout: Math.round(without),
    evaluationsPerOppdrag: {
      min: Math.min(...perOppdrag),
      median: median([...perOppdrag]),
      max: Math.max(...perOppdrag),
    },
  }),
);
