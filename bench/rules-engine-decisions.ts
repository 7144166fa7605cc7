// Could json-rules-engine make the per-window legal decisions (issue 18, item 1)? It decides once
// per pass today: which checks apply and which limit binds (engine/applicability.ts). The rest —
// which rule a window defers to (deferTo, claims), which agreements in force on the window's date
// set its limit (onlyWith, effects) and which would cure it (via) — is decided per window. This
// script counts those per-window decisions on a generated year, measures one json-rules-engine run
// and the same condition in TypeScript, and prints what carrying them in json-rules-engine would
// add to the evaluation measured in the same run.
//   npx tsx bench/rules-engine-decisions.ts [--workers 60] [--weeks 52]
import { parseArgs } from 'node:util';
import { Engine } from 'json-rules-engine';
import { generateRota } from '../scripts/generate-rota.ts';
import { Pass } from '../src/engine/pass.ts';
import { evaluate } from '../src/engine/evaluate.ts';
import { validateRotaDocument } from '../src/rota/load.ts';
import { defaultRuleBook } from '../src/rules/load.ts';

const { values } = parseArgs({ options: { workers: { type: 'string' }, weeks: { type: 'string' } } });
const rota = validateRotaDocument(
  generateRota({ workers: Number(values.workers ?? 60), weeks: Number(values.weeks ?? 52), seed: 3 }),
);
const book = defaultRuleBook();

// Count the per-window decisions by wrapping the methods that make them.
const counts = { deferral: 0, limit: 0 };
const proto = Pass.prototype as unknown as Record<string, (...a: unknown[]) => unknown>;
const wrap = (name: string, key: keyof typeof counts) => {
  const original = proto[name]!;
  proto[name] = function (this: unknown, ...args: unknown[]) {
    counts[key]++;
    return original.apply(this, args);
  };
  return () => {
    proto[name] = original;
  };
};
const options = { ruleBook: book, conversions: false, partsFrom: Infinity } as const;
await evaluate(rota, options);
const unwrap = [wrap('ownerOf', 'deferral'), wrap('limitOf', 'limit')];
await evaluate(rota, options);
for (const u of unwrap) u();
const runs: number[] = [];
for (let i = 0; i < 3; i++) {
  const t = performance.now();
  await evaluate(rota, options);
  runs.push(performance.now() - t);
}
const evaluationMs = runs.sort((a, b) => a - b)[1]!;

// One decision of the shape a deferral takes: the owner applies, claims the window, an agreement is in force.
const engine = new Engine([], { allowUndefinedFacts: true });
engine.addRule({
  name: 'defer',
  conditions: {
    all: [
      { fact: 'ownerApplies', operator: 'equal', value: true },
      { fact: 'ownerClaimsWindow', operator: 'equal', value: true },
      { fact: 'agreementTypes', operator: 'contains', value: 'avl-4-60h' },
    ],
  },
  event: { type: 'defer' },
});
const facts = (i: number) => ({ ownerApplies: true, ownerClaimsWindow: i % 2 === 0, agreementTypes: ['avl-4-60h'] });
for (let i = 0; i < 2_000; i++) await engine.run(facts(i));
const N = 50_000;
let t = performance.now();
for (let i = 0; i < N; i++) await engine.run(facts(i));
const engineMicros = ((performance.now() - t) * 1000) / N;
let held = 0;
t = performance.now();
for (let i = 0; i < N * 20; i++) {
  const f = facts(i);
  if (f.ownerApplies && f.ownerClaimsWindow && f.agreementTypes.includes('avl-4-60h')) held++;
}
const codeMicros = ((performance.now() - t) * 1000) / (N * 20);
const decisions = counts.deferral + counts.limit;
const addedMs = (decisions * (engineMicros - codeMicros)) / 1000;
console.log(
  JSON.stringify({
    workers: rota.workers.length,
    periods: rota.periods.length,
    evaluationMs: Math.round(evaluationMs),
    perWindowDecisions: counts,
    jsonRulesEngineMicrosPerDecision: Number(engineMicros.toFixed(2)),
    typescriptMicrosPerDecision: Number(codeMicros.toFixed(4)),
    addedMs: Math.round(addedMs),
    evaluationTimesSlower: Number(((evaluationMs + addedMs) / evaluationMs).toFixed(1)),
    held: held > 0,
  }),
);
