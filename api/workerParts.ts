// A report made of its workers' reports, and told by them: each worker's part of a rota, its report
// (from the workers' report cache, or evaluated now) and the digest of that worker's part of the
// whole report, from which an answer holding only the workers that changed is put together. Used by
// POST /v1/evaluate (api/evaluateJob.ts) and by the saves on a held rota (api/rotaStates.ts).
import { createHash } from 'node:crypto';
import type { EvaluateOptions } from '../src/engine/evaluate.ts';
import { ReportAssembler, type RotaPart } from '../src/engine/partition.ts';
import { type WorkerReportCache, workerReports } from '../src/engine/workerReports.ts';
import { countFindings } from '../src/report/counts.ts';
import type { Finding, Report } from '../src/report/schema.ts';
import type { Rota } from '../src/rota/schema.ts';

// A request is evaluated whole, on its thread: the pool's threads share the cores between
// requests, and a request's body is bounded (TURNUSSJEKK_BODY_LIMIT), so no request forks processes.
export const WHOLE = Number.POSITIVE_INFINITY;

/** The digest of a worker's part of the report: its cache key and where its periods and agreements sit in the rota. */
export function digestOf(key: string, part: RotaPart): string {
  return createHash('sha256')
    .update(key)
    .update(`\0${part.periodIndex.join(',')}\0${part.agreementIndex.join(',')}`)
    .digest('base64url');
}

export interface WorkerReport {
  workerId: string;
  report: Report;
  part: RotaPart;
  /** What the report is a function of (engine/workerReports.ts keyOf). */
  key: string;
  digest: string;
}

/**
 * Each worker's report, from the cache or evaluated now (and kept), with its digest. Undefined for a
 * rota evaluated whole (variants, a cycle, another rule book).
 */
export async function byWorker(
  rota: Rota,
  options: EvaluateOptions,
  cache: WorkerReportCache,
): Promise<WorkerReport[] | undefined> {
  const parts = await workerReports(rota, options, cache);
  return parts?.map(({ report, part, key }) => ({
    workerId: part.rota.workers[0]!.id,
    report,
    part,
    key,
    digest: digestOf(key, part),
  }));
}

/**
 * The report from its workers' reports, as mergeReports gives it; with `base`, only the workers whose
 * digests differ from it, their incidents indexing the findings given, while the summary's totals
 * and the readings are the whole report's.
 */
export function assemble(rota: Rota, workers: WorkerReport[], base?: Map<string, string>): Report {
  // With a base, the whole report gives only the summary's totals and the readings.
  const whole = new ReportAssembler(rota, base !== undefined);
  const changed = base ? new ReportAssembler(rota) : whole;
  const findings: Finding[] = [];
  for (const w of workers) {
    if (base && base.get(w.workerId) === w.digest) {
      whole.addCounted(w.report, countFindings(w.report.findings));
      continue;
    }
    for (const f of changed.add(w.report, w.part)) findings.push(f);
    if (changed !== whole) whole.addCounted(w.report, countFindings(w.report.findings));
  }
  const { version, ...tail } = whole.finish();
  if (!base) return { version, findings, ...tail };
  const { version: _same, ...part } = changed.finish();
  return {
    version,
    findings,
    ...part,
    summary: { ...tail.summary, perWorker: part.summary.perWorker },
    readings: tail.readings,
  };
}
