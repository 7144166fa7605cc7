// A rota evaluated worker by worker, with each worker's report kept for the next request.
// Every rule judges one worker, and a worker's findings depend only on their own assignments,
// periods and agreements and on the plan's span (engine/partition.ts), so a turnus that is posted
// again with one shift moved has 49 of its 50 workers' reports already made. HR systems check a
// turnus on every save while it is being planned: that is the request this makes cheap.
// Evaluating worker by worker costs what evaluating the whole rota costs (measured on the load
// test's 50-worker turnus: 50–51 ms either way), so a turnus never seen before loses nothing.
import { createHash } from 'node:crypto';
import type { Report } from '../report/schema.ts';
import type { Rota } from '../rota/schema.ts';
import { BytesLru } from '../lru.ts';
import { defaultRuleBook, type RuleBook } from '../rules/load.ts';
import { buildTimeline } from '../timeline/build.ts';
import type { EvaluateOptions } from './evaluate.ts';
import { evaluateWhole } from './pipeline.ts';
import { mergeReports, partitionRota, planSpan, type RotaPart } from './partition.ts';

/**
 * One worker's report (in the worker's own period and agreement indexes) by everything it is a
 * function of. Bounded by the reports' size as JSON (reckoned, freezeAndMeasure), least recently
 * used out first. A cache belongs to one rule book: the key does not name it.
 */
export class WorkerReportCache extends BytesLru<Report> {
  constructor(
    maxBytes: number,
    readonly ruleBook: RuleBook = defaultRuleBook(),
  ) {
    super(maxBytes);
  }

  override set(key: string, report: Report): void {
    // Kept reports are handed to every later request: frozen, so no caller can change another's.
    // That freezes the rule book's texts a report shares (titles, limit bases) too: read-only anyway.
    super.set(key, report, key.length + freezeAndMeasure(report));
  }
}

/**
 * Freezes the value and everything in it, and reckons its length as JSON: every string and key with
 * its quotes, a number as 6 characters, the punctuation. In one walk, instead of a freeze and a
 * JSON.stringify of every report kept, whose string was garbage the moment it was measured.
 */
function freezeAndMeasure(value: unknown): number {
  if (typeof value === 'string') return value.length + 2;
  if (typeof value === 'number') return 6;
  if (typeof value === 'boolean') return 5;
  if (value === null || typeof value !== 'object') return 4;
  if (!Object.isFrozen(value)) Object.freeze(value);
  let bytes = 2;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) bytes += freezeAndMeasure(value[i]) + 1;
    return bytes;
  }
  for (const k in value) {
    const v = (value as Record<string, unknown>)[k];
    if (v !== undefined) bytes += k.length + 4 + freezeAndMeasure(v);
  }
  return bytes;
}

/** What a worker's report is a function of: their part of the rota, the plan's span and the options that change verdicts. */
export function keyOf(part: Rota, span: { from: number; to: number } | undefined, options: EvaluateOptions): string {
  const judged = {
    part,
    span: span ?? null,
    asOf: options.asOf ?? null,
    conversions: options.conversions ?? true,
    violationsOnly: options.violationsOnly ?? false,
  };
  return createHash('sha256').update(JSON.stringify(judged)).digest('base64url');
}

/**
 * Each worker's report with its part of the rota and its cache key: those kept in the cache and the
 * others evaluated now (and kept). Undefined for a rota that is evaluated whole: one with variants
 * or a cycle, or under another rule book than the cache's.
 */
export async function workerReports(
  rota: Rota,
  options: EvaluateOptions,
  cache: WorkerReportCache,
): Promise<Array<{ report: Report; part: RotaPart; key: string }> | undefined> {
  const book = options.ruleBook ?? defaultRuleBook();
  if (rota.variants?.length || rota.cycle || book !== cache.ruleBook) return undefined;
  // The whole rota's timeline first: an input error names the whole file's row, and the span
  // (frames, reference week, Sunday calendar) is the whole plan's.
  const span = planSpan(buildTimeline(rota));
  const parts = [];
  for (const part of partitionRota(rota, 1)) {
    const key = keyOf(part.rota, span, options);
    let report = cache.get(key);
    if (!report) {
      report = await evaluateWhole(part.rota, { ...options, ...(span ? { span } : {}) });
      cache.set(key, report);
    }
    parts.push({ report, part, key });
  }
  return parts;
}

/** The rota's report, as evaluate() gives it, from its workers' reports (workerReports). */
export async function evaluateByWorker(
  rota: Rota,
  options: EvaluateOptions,
  cache: WorkerReportCache,
): Promise<Report> {
  const parts = await workerReports(rota, options, cache);
  return parts ? mergeReports(rota, parts) : evaluateWhole(rota, options);
}
