// A large rota evaluated in parts (engine/partition.ts) on all cores: worker threads take the
// parts in turn and the reports come back in the rota's order, so a caller can write each part's
// findings as it arrives and hold only a few parts at a time. Small rotas and a custom rule book
// (which cannot cross a thread) are evaluated in parts in this thread, still part by part.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Report } from '../report/schema.ts';
import type { Rota } from '../rota/schema.ts';
import { defaultRuleBook } from '../rules/load.ts';
import { buildTimeline } from '../timeline/build.ts';
import { evaluate, type EvaluateOptions } from './evaluate.ts';
import { mergeReports, partitionRota, planSpan, type RotaPart } from './partition.ts';
import type { PartTask } from './partThread.ts';

export interface ParallelOptions {
  /** Worker threads (default: the cores available; 1 = this thread only). */
  threads?: number;
  /** Workers of the rota per part (default: four parts a thread, at most 100 workers a part). */
  workersPerPart?: number;
  /** Called after each part with the parts done and the parts in all. */
  onProgress?: (done: number, total: number) => void;
}

export interface EvaluatedPart {
  report: Report;
  part: RotaPart;
}

const THREAD_ENTRY = new URL('./part-thread.mjs', import.meta.url);

/** Whether a rota is worth the threads: enough periods to pay for starting them. */
export function wantsThreads(rota: Rota, minPeriods = 20_000): boolean {
  return rota.periods.length >= minPeriods && rota.workers.length > 1 && !rota.variants?.length && availableParallelism() > 1;
}

/**
 * Each part's report, in the rota's order. The whole rota is validated first (its timeline), so an
 * input error names the whole file's rows, never a part's, and no part is evaluated before it.
 */
export async function* evaluateParts(rota: Rota, options: EvaluateOptions = {}, parallel: ParallelOptions = {}): AsyncGenerator<EvaluatedPart> {
  const span = planSpan(buildTimeline(rota));
  const cores = parallel.threads ?? availableParallelism();
  // At most 100 workers a part, and at least four parts a thread so the threads end together.
  const parts = partitionRota(rota, parallel.workersPerPart ?? Math.min(100, Math.ceil(rota.workers.length / (cores * 4))));
  const partOptions: PartTask['options'] = {
    ...(options.asOf ? { asOf: options.asOf } : {}),
    ...(options.conversions !== undefined ? { conversions: options.conversions } : {}),
    ...(options.violationsOnly !== undefined ? { violationsOnly: options.violationsOnly } : {}),
    ...(span ? { span } : {}),
  };
  const custom = options.ruleBook !== undefined && options.ruleBook !== defaultRuleBook();
  const threads = Math.min(cores, parts.length);
  if (threads <= 1 || custom) {
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i]!;
      yield { report: await evaluate(part.rota, { ...partOptions, ...(options.ruleBook ? { ruleBook: options.ruleBook } : {}) }), part };
      parallel.onProgress?.(i + 1, parts.length);
    }
    return;
  }
  yield* inThreads(parts, partOptions, threads, parallel.onProgress);
}

async function* inThreads(parts: RotaPart[], options: PartTask['options'], threads: number, onProgress?: ParallelOptions['onProgress']): AsyncGenerator<EvaluatedPart> {
  const pool = Array.from({ length: threads }, () => new Worker(THREAD_ENTRY));
  const done = new Map<number, Report>();
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  let next = 0;
  let finished = 0;
  // At most this many parts are evaluated or waiting ahead of the one the caller takes next.
  const ahead = threads * 2;
  let taken = 0;
  const idle: Worker[] = [];
  const dispatch = () => {
    while (idle.length > 0 && next < parts.length && next < taken + ahead && !failure) {
      const id = next++;
      idle.pop()!.postMessage({ id, rota: parts[id]!.rota, options } satisfies PartTask);
    }
  };
  for (const worker of pool) {
    worker.on('message', (m: { id: number; report?: Report; error?: { name: string; message: string; stack?: string } }) => {
      if (m.error) failure ??= Object.assign(new Error(m.error.message), { name: m.error.name, stack: m.error.stack });
      else done.set(m.id, m.report!);
      onProgress?.(++finished, parts.length);
      idle.push(worker);
      dispatch();
      wake?.();
    });
    worker.on('error', (err) => {
      failure ??= err;
      wake?.();
    });
    idle.push(worker);
  }
  try {
    dispatch();
    while (taken < parts.length) {
      while (!done.has(taken) && !failure) await new Promise<void>((resolve) => (wake = resolve));
      if (failure) throw failure;
      const report = done.get(taken)!;
      done.delete(taken);
      const part = parts[taken]!;
      taken++;
      dispatch();
      yield { report, part };
    }
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
}

/** The whole rota's report, evaluated in parts (on all cores when it pays); equal to evaluate()'s. */
export async function evaluateParallel(rota: Rota, options: EvaluateOptions = {}, parallel: ParallelOptions = {}): Promise<Report> {
  if (rota.variants?.length || rota.workers.length < 2) return evaluate(rota, options);
  const parts: EvaluatedPart[] = [];
  for await (const p of evaluateParts(rota, options, parallel)) parts.push(p);
  return mergeReports(rota, parts);
}
