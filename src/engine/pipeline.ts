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
import type { WorkInterval } from '../timeline/build.ts';
import { settingOf } from './context.ts';
import type { EvaluateOptions } from './evaluate.ts';
import { evaluateCycle } from './cycle.ts';
import { finishReport, RenderedWorkers } from './finishReport.ts';
import type { PartRenderer } from './rendered.ts';
import { evaluateWorker, type CheckSets } from './workerPasses.ts';

/**
 * The report of a rota evaluated in this process. With a renderer (a part of a large rota, its report
 * streamed: rendered.ts), each worker's findings are handed to it as soon as they are found, their
 * incidents and counts kept, and the report holds none.
 */
export async function evaluateWhole(rota: Rota, options: EvaluateOptions = {}, render?: PartRenderer): Promise<Report> {
  const cyclic = rota.cycle !== undefined && !options.cyclic;
  // A cycle's repetitions, variants (compared on the whole report's findings) and a violations-only
  // run (whose report counts its findings) are never a part's: their findings are rendered at the end.
  if (render && (cyclic || rota.variants?.length || options.violationsOnly)) {
    const report = await evaluateWhole(rota, options);
    render.add(report.findings);
    return { ...report, findings: [] };
  }
  // A base turnus is judged as it repeats (engine/cycle.ts), through this function on its repetitions.
  // Its findings are chosen among the repetitions': one of them is not yet one of the cycle's, so a
  // run asked for `enough` runs whole.
  if (cyclic) {
    const { enough: _whole, ...whole } = options;
    return evaluateCycle(rota, whole, evaluateWhole);
  }
  const book = options.ruleBook ?? defaultRuleBook();
  const { timeline, ctx } = settingOf(rota, book, options);
  const checks: CheckSets = {
    workerWide: ctx.checks.filter((c) => WORKER_WIDE.has(c.check.measure)),
    perUndertaking: ctx.checks.filter((c) => !WORKER_WIDE.has(c.check.measure)),
  };
  const byWorker = new Map<string, WorkInterval[]>(rota.workers.map((w) => [w.id, []]));
  for (const iv of timeline.intervals) byWorker.get(iv.workerId)!.push(iv);

  // Measures → applicability → judgement → findings: in rota.workers order, each worker's sorted by window.
  const findings: Finding[] = [];
  const profiles: Report['profiles'] = [];
  const rendered = render ? new RenderedWorkers(timeline, book) : undefined;
  for (const [workerId, own] of byWorker) {
    const worker = await evaluateWorker(ctx, workerId, own, checks);
    if (rendered) {
      rendered.add(workerId, own, worker.findings);
      render!.add(worker.findings);
    } else {
      // Appended one by one: a spread of a very large array overflows the call stack.
      for (const f of worker.findings) findings.push(f);
    }
    for (const p of worker.profiles) profiles.push(p);
  }
  // Incidents → conversion → ledger and summary.
  const headroom = ctx.headroom?.entries(rota.workers.map((w) => w.id)) ?? [];
  return finishReport(rota, timeline, book, options, findings, profiles, evaluateWhole, headroom, rendered);
}
