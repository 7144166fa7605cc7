// The whole rota evaluated in this process, read as the pipeline: rota → timeline → per worker and
// pass (workerPasses.ts: measures in passPlan.ts and pass.ts → applicability → judgement → findings
// in rawFindings.ts, trail.ts and findings.ts) → the report around them (finishReport.ts: incidents
// → conversion → ledger and summary). The public evaluate() (evaluate.ts) chooses this, parts on
// worker processes or workers' reports from a cache; the parts, the cached workers, a cycle's
// repetitions and the conversion's slices are each evaluated here.
import { WORKER_WIDE } from '../facts/measures.ts';
import type { Finding, Report } from '../report/schema.ts';
import type { Rota } from '../rota/schema.ts';
import { defaultRuleBook } from '../rules/load.ts';
import { buildTimeline, type WorkInterval } from '../timeline/build.ts';
import { buildContext } from './context.ts';
import type { EvaluateOptions } from './evaluate.ts';
import { evaluateCycle } from './cycle.ts';
import { finishReport } from './finishReport.ts';
import { evaluateWorker, type CheckSets } from './workerPasses.ts';

export async function evaluateWhole(rota: Rota, options: EvaluateOptions = {}): Promise<Report> {
  // A base turnus is judged as it repeats (engine/cycle.ts), through this function on its repetitions.
  if (rota.cycle && !options.cyclic) return evaluateCycle(rota, options, evaluateWhole);
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
  return finishReport(rota, timeline, book, options, findings, profiles, evaluateWhole, headroom);
}
