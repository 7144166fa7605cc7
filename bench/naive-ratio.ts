// Ratio (b) of `npm run bench`: the engine and the naive baseline on the same slice of a rota file,
// timed in the same process. Run in its own process:
//   node --import tsx bench/naive-ratio.ts FILE [--sample 200]
// The slice is the first `--sample` workers of the file with their assignments, their periods and
// the agreements that cover them (worker-wide or theirs). Both are warmed up on a few workers first
// (JIT, the engine's compiled rule book), then each is timed once on the whole slice, and the engine
// once more with a rule book of only the baseline's six checks. Then, untimed,
// both run again on the slice without its agreements, where their counts must agree. Prints one
// line of JSON (see `RatioResult`).
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { evaluate } from '../src/engine/evaluate.ts';
import { loadInputFile } from '../src/import/index.ts';
import type { Rota } from '../src/rota/schema.ts';
import { defaultRuleBook, type RuleBook } from '../src/rules/load.ts';
import type { Report } from '../src/report/schema.ts';
import { NAIVE_RULES, naiveEvaluate, type NaiveResult, type NaiveRuleId } from './naive-baseline.ts';

export interface RatioResult {
  workers: number;
  periods: number;
  engineMs: number;
  naiveMs: number;
  /** naive ÷ engine */
  ratio: number;
  /**
   * The engine given a rule book of only the six checks the baseline evaluates (the other checks
   * removed from their files; agreements still lift limits, but no other rule takes a window over):
   * its time and naive ÷ it. Not the ratio; it shows what the rule count does to it.
   */
  sameRulesEngineMs: number;
  sameRulesRatio: number;
  /** Checks in the rule book the engine evaluates, and rules the baseline evaluates. */
  engineChecks: number;
  naiveRules: number;
  naiveWindows: number;
  /** Per rule: the baseline's breaches and the engine's violations and warnings of the same rule id and reading. */
  counts: Array<{ ruleId: NaiveRuleId; reading: string; naive: number; engine: number }>;
  /**
   * The same on the slice with its agreements removed (not timed): agreements are outside the
   * baseline's scope, so this is where the two must agree.
   */
  countsWithoutAgreements: Array<{ ruleId: NaiveRuleId; reading: string; naive: number; engine: number }>;
}

type Counts = RatioResult['counts'];
function countsOf(report: Report, naive: NaiveResult): Counts {
  return NAIVE_RULES.map(({ ruleId, reading }) => ({
    ruleId,
    reading,
    naive: naive.breaches[ruleId],
    engine: report.findings.filter((f) => f.ruleId === ruleId && f.reading === reading && f.severity !== 'info').length,
  }));
}

/** The first `n` workers of a rota, with everything that concerns them; variants are dropped. */
export function sliceRota(rota: Rota, n: number): Rota {
  const workers = rota.workers.slice(0, n);
  const ids = new Set(workers.map((w) => w.id));
  const assignments = rota.assignments.filter((a) => ids.has(a.workerId));
  const kept = new Set(assignments.map((a) => a.id));
  const { variants: _variants, ...rest } = rota;
  return {
    ...rest,
    workers,
    assignments,
    periods: rota.periods.filter((p) => kept.has(p.assignmentId)),
    agreements: rota.agreements.filter((a) => a.workerId === undefined || ids.has(a.workerId)),
  };
}

/** The rule book with only the checks the baseline evaluates (rule id, measure, not supplementary). */
export function onlyTheNaiveRules(book: RuleBook): RuleBook {
  const wanted = (c: { id: string; measure: string; supplementary?: boolean }) =>
    NAIVE_RULES.some((r) => r.ruleId === c.id && r.measure === c.measure && !c.supplementary);
  return {
    ...book,
    files: book.files.map((f) => ({ ...f, checks: f.checks.filter(wanted) })).filter((f) => f.checks.length > 0),
  };
}

async function run(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { sample: { type: 'string', default: '200' } },
  });
  const file = positionals[0];
  const sample = Number(values.sample);
  if (!file || !Number.isInteger(sample) || sample < 1) {
    console.error('usage: node --import tsx bench/naive-ratio.ts FILE [--sample N]');
    process.exit(2);
  }
  const rota = sliceRota(await loadInputFile(file), sample);
  const book = defaultRuleBook();

  const six = onlyTheNaiveRules(book);

  const warm = sliceRota(rota, Math.min(5, rota.workers.length));
  await evaluate(warm, { conversions: false, ruleBook: book });
  await evaluate(warm, { conversions: false, ruleBook: six });
  await naiveEvaluate(warm, { ruleBook: book });

  let t0 = performance.now();
  const report = await evaluate(rota, { conversions: false, ruleBook: book });
  const engineMs = performance.now() - t0;
  t0 = performance.now();
  const naive = await naiveEvaluate(rota, { ruleBook: book });
  const naiveMs = performance.now() - t0;
  t0 = performance.now();
  await evaluate(rota, { conversions: false, ruleBook: six });
  const sameRulesEngineMs = performance.now() - t0;

  const result: RatioResult = {
    workers: rota.workers.length,
    periods: rota.periods.length,
    engineMs,
    naiveMs,
    ratio: naiveMs / engineMs,
    sameRulesEngineMs,
    sameRulesRatio: naiveMs / sameRulesEngineMs,
    engineChecks: book.files.reduce((s, f) => s + f.checks.length, 0),
    naiveRules: NAIVE_RULES.length,
    naiveWindows: Object.values(naive.windows).reduce((s, x) => s + x, 0),
    counts: countsOf(report, naive),
    countsWithoutAgreements: [],
  };
  const bare: Rota = { ...rota, agreements: [] };
  result.countsWithoutAgreements = countsOf(
    await evaluate(bare, { conversions: false, ruleBook: book }),
    await naiveEvaluate(bare, { ruleBook: book }),
  );
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await run();
