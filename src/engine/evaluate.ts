// The one entry point, read as the pipeline: rota → timeline → per worker and pass (workerPasses.ts:
// measures in passPlan.ts and pass.ts → applicability → judgement → findings in rawFindings.ts,
// trail.ts and findings.ts) → the report around them (finishReport.ts: incidents → conversion →
// ledger and summary). The CLI and the HTTP API are thin shells over evaluate().
import { WORKER_WIDE } from '../facts/measures.ts';
import type { Finding, Report } from '../report/schema.ts';
import type { Rota } from '../rota/schema.ts';
import { defaultRuleBook, type RuleBook } from '../rules/load.ts';
import { buildTimeline, type WorkInterval } from '../timeline/build.ts';
import { buildContext } from './context.ts';
import { evaluateCycle } from './cycle.ts';
import { finishReport } from './finishReport.ts';
import { evaluateWorker, type CheckSets } from './workerPasses.ts';

export interface EvaluateOptions {
  ruleBook?: RuleBook;
  /** Judge every window under the law and agreements in force on this date (YYYY-MM-DD) instead of its own date. */
  asOf?: string;
  /** Assess every oppdrag as an arbeidsavtale (default true). */
  conversions?: boolean;
  /** Only violations are wanted (no warnings, info or auditor's trail): the conversion tiers' own runs. */
  violationsOnly?: boolean;
  /** Evaluate the rota's named variants side by side (default true). */
  variants?: boolean;
  /**
   * The plan's span when this rota is one part of a larger one (engine/partition.ts): frames, the
   * reference week and the Sunday calendar are those of the whole plan, so a part's findings are
   * the whole rota's findings for its workers.
   */
  span?: { from: number; to: number };
  /** Judge the rota as a base turnus that repeats (set for the unrolled repetitions of a cycle). */
  cyclic?: boolean;
  /** The span whose weeks are the plan's (the base cycle, when its repetitions are evaluated). */
  declaredSpan?: { from: number; to: number };
}

export async function evaluate(rota: Rota, options: EvaluateOptions = {}): Promise<Report> {
  // A base turnus is judged as it repeats (engine/cycle.ts), through this function on its repetitions.
  if (rota.cycle && !options.cyclic) return evaluateCycle(rota, options, evaluate);
  const timeline = buildTimeline(rota);
  const book = options.ruleBook ?? defaultRuleBook();
  const ctx = buildContext(rota, timeline, book, options);
  const checks: CheckSets = {
    workerWide: ctx.checks.filter((c) => WORKER_WIDE.has(c.check.measure)),
    perUndertaking: ctx.checks.filter((c) => !WORKER_WIDE.has(c.check.measure)),
  };
  const byWorker = new Map<string, WorkInterval[]>(rota.workers.map((w) => [w.id, []]));
  for (const iv of timeline.intervals) byWorker.get(iv.workerId)!.push(iv);

  // Measures → applicability → judgement → findings: in rota.workers order, each worker's sorted by window.
  const findings: Finding[] = [];
  const profiles: Report['profiles'] = [];
  for (const [workerId, own] of byWorker) {
    const worker = await evaluateWorker(ctx, workerId, own, checks);
    // Appended one by one: a spread of a very large array overflows the call stack.
    for (const f of worker.findings) findings.push(f);
    for (const p of worker.profiles) profiles.push(p);
  }
  // Incidents → conversion → ledger and summary.
  const headroom = ctx.headroom?.entries(rota.workers.map((w) => w.id)) ?? [];
  return finishReport(rota, timeline, book, options, findings, profiles, evaluate, headroom);
}
