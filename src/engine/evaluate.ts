// The one public entry point: evaluate(rota, options) gives the rota's report, and chooses how to
// compute it. With a workers' report cache (the API's saves), each worker's report comes from the
// cache or is evaluated alone and kept (workerReports.ts); a large rota (20 000 periods or more) is
// evaluated in parts, on worker processes when that pays (parallel.ts); anything else whole, in
// this process (pipeline.ts). Every way gives the same report, byte for byte.
import type { Finding, Report } from '../report/schema.ts';
import type { Rota } from '../rota/schema.ts';
import type { RuleBook } from '../rules/load.ts';
import { evaluateParallel, wantsParts } from './parallel.ts';
import { evaluateWhole } from './pipeline.ts';
import type { PartReuse } from './reuse.ts';
import { evaluateByWorker, type WorkerReportCache } from './workerReports.ts';

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
  /** Each worker's report from this cache, or evaluated alone and kept (a planner's saves). */
  workerCache?: WorkerReportCache;
  /** Periods from which a rota is evaluated in parts (default 20 000; Infinity: always whole). */
  partsFrom?: number;
  /** Worker processes for the parts (default: defaultJobs in parallel.ts; 1: in this process). */
  jobs?: number;
  /** Called after each part with the parts done and the parts in all. */
  onProgress?: (done: number, total: number) => void;
  /**
   * Internal: what the conversion's violations-only runs of one worker's part share (reuse.ts).
   * Every run given the same object must be of the same part, with the same other options. Such a
   * run's findings are read by the assessment, not shown: they carry no message and no details.
   */
  reuse?: PartReuse;
  /**
   * Internal, with `reuse`: the caller asks only whether some finding is such a finding. The run may
   * stop at the first such finding (engine/enough.ts): it throws EnoughFound with that finding, and
   * gives no report.
   */
  enough?: (f: Finding) => boolean;
}

export async function evaluate(rota: Rota, options: EvaluateOptions = {}): Promise<Report> {
  if (options.workerCache) return evaluateByWorker(rota, options, options.workerCache);
  if (wantsParts(rota, options.partsFrom)) {
    const { jobs, onProgress } = options;
    return evaluateParallel(rota, options, { ...(jobs ? { jobs } : {}), ...(onProgress ? { onProgress } : {}) });
  }
  return evaluateWhole(rota, options);
}
