// What POST /v1/evaluate and /v1/headroom compute, from the body as received to the response's
// bytes: read the body (JSON, YAML, CSV or iCalendar), validate it, check its span, evaluate it and
// write the JSON. One function, run on a worker thread of the pool (api/pool.ts) or, with no pool,
// on the event loop; either way the same bytes and the same errors as the route gave when it did
// each step itself (the loader's messages, the route schema's response encoding).
//
// With the workers' report cache, the answer also carries a digest per worker: what that worker's
// part of the report is a function of (the cache key, plus where its periods and agreements sit in
// the whole rota). A client that holds a report may then ask only for the workers whose digests
// differ (api/delta.ts keeps the digests of reports answered).
import { z } from 'zod';
import { evaluate, type EvaluateOptions } from '../src/engine/evaluate.ts';
import type { WorkerReportCache } from '../src/engine/workerReports.ts';
import { decodeCsvBytes, parseCsvText } from '../src/import/csv.ts';
import { parseIcsText } from '../src/import/ics.ts';
import { HeadroomSchema, ReportSchema } from '../src/report/schema.ts';
import { InputError, type InputIssue } from '../src/rota/errors.ts';
import { validateRotaDocument } from '../src/rota/load.ts';
import { parseDocumentBody } from './routes/bodies.ts';
import type { Rota } from '../src/rota/schema.ts';
import type { RuleBook } from '../src/rules/load.ts';
import { checkSpan } from './limits.ts';
import { jsonBytesWriter } from './schemaJson.ts';
import { applySave, type Recipe, type RotaStates, stateOf } from './rotaStates.ts';
import { assemble, byWorker, WHOLE } from './workerParts.ts';

export type BodyFormat = 'json' | 'yaml' | 'csv' | 'ics';

/** A request body as it arrived: text, or bytes for CSV (whose encoding is detected from them). */
export interface RawBody {
  format: BodyFormat;
  text?: string;
  bytes?: Uint8Array;
}

export interface EvaluateJob {
  route: 'evaluate' | 'headroom' | 'save';
  body: RawBody;
  asOf?: string;
  /** headroom: only this worker. */
  worker?: string;
  maxSpanDays: number;
  /** evaluate: the digests of the report the client holds (packDigests); the answer then holds only the workers that differ. */
  base?: string;
  /** save: the ETag of the rota the save is on, which the thread may hold (api/rotaStates.ts). */
  held?: string;
  /**
   * save: the recipes from a body posted whole to that rota (api/recipes.ts), to rebuild it. Sent
   * only when the thread said it did not hold it: the body is the turnus, and copying it to a thread
   * on every save cost as much as the save's own reading.
   */
  chain?: Recipe[];
  /** save: the ETag of the rota the save makes. */
  etag?: string;
  /**
   * save: write the rota the save makes as a document (`checkpoint`), which then stands for its ETag
   * as a body posted whole does: a chain of saves starts again there (api/recipes.ts).
   */
  checkpoint?: boolean;
}

/** A worker's id and the digest of their part of a report. */
export type WorkerDigest = [workerId: string, digest: string];

/**
 * A report's workers' digests as one string (JSON): what the event loop's thread keeps per ETag and
 * hands back with changedSince, and never reads. One string crosses between threads and is kept as
 * one object, where a list of pairs was 150 objects per answer to clone, keep and collect.
 */
export function packDigests(workers: ReadonlyArray<{ workerId: string; digest: string }>): string {
  return JSON.stringify(workers.map((w): WorkerDigest => [w.workerId, w.digest]));
}

function unpackDigests(packed: string): Map<string, string> {
  return new Map(JSON.parse(packed) as WorkerDigest[]);
}

export interface JobAnswer {
  /** The response body, JSON in UTF-8. */
  json?: Uint8Array;
  /** Per worker, in the rota's order (packDigests): when the report was put together from the workers' reports. */
  digests?: string;
  /** The answer holds only the workers whose digests differ from `base`. */
  delta?: boolean;
  /** save: the thread does not hold the rota named by `held`; send the job again with its chain. */
  notHeld?: boolean;
  /** Bad input: the route answers 400 with these issues (`context`: where, when not the body). */
  input?: { issues: InputIssue[]; context?: string };
  /** Anything else: a defect, answered 500. */
  error?: { name: string; message: string; stack?: string };
  /** The pool's thread that gave the answer (worker.threadId), which now holds the rota a save made. */
  thread?: number;
  /** save, asked for a checkpoint: the rota the save made as a JSON document, read as a body posted whole reads. */
  checkpoint?: string;
}

export interface JobContext {
  ruleBook: RuleBook;
  workerCache?: WorkerReportCache;
  /** The rotas this thread holds for saves (api/rotaStates.ts); none: no saves (no workers' cache). */
  states?: RotaStates;
}

const HeadroomAnswerSchema = z.object({ headroom: z.array(HeadroomSchema) });
const writeHeadroom = jsonBytesWriter(HeadroomAnswerSchema);
/** The report as the route's response serializer wrote it: in the report schema's key order (api/schemaJson.ts). */
const encodeReport = jsonBytesWriter(ReportSchema);

/** Anything an importer or the YAML library throws that is not an InputError is still the client's input. */
function asInputError(err: unknown, what: string): InputError {
  if (err instanceof InputError) return err;
  return new InputError([
    { path: '', message: `not valid ${what}: the document cannot be read (${(err as Error).name})` },
  ]);
}

/** The body as a validated rota, or an InputError naming the field, row or event. */
export function readBody(body: RawBody): Rota {
  let doc: unknown;
  try {
    if (body.format === 'csv') doc = parseCsvText(decodeCsvBytes(Buffer.from(body.bytes!)), {});
    else if (body.format === 'ics') doc = parseIcsText(body.text!, {});
    // With its text remembered, so schema and timeline errors name their line and column.
    else doc = parseDocumentBody(body.text!, body.format);
  } catch (err) {
    const what = { json: 'JSON', yaml: 'YAML', csv: 'CSV', ics: 'iCalendar' }[body.format];
    // The JSON parser's own errors are InputErrors already; a JSON body never reaches the wrapping.
    throw asInputError(err, what);
  }
  return validateRotaDocument(doc);
}

async function evaluateRoute(job: EvaluateJob, rota: Rota, ctx: JobContext): Promise<JobAnswer> {
  const options: EvaluateOptions = {
    ruleBook: ctx.ruleBook,
    partsFrom: WHOLE,
    ...(job.asOf ? { asOf: job.asOf } : {}),
  };
  const workers = ctx.workerCache ? await byWorker(rota, options, ctx.workerCache) : undefined;
  if (!workers) return { json: encodeReport(await evaluate(rota, options)) };
  const base = job.base ? unpackDigests(job.base) : undefined;
  return {
    json: encodeReport(assemble(rota, workers, base)),
    digests: packDigests(workers),
    ...(base ? { delta: true } : {}),
  };
}

async function headroomRoute(job: EvaluateJob, rota: Rota, ctx: JobContext): Promise<JobAnswer> {
  const { worker } = job;
  if (worker !== undefined && !rota.workers.some((w) => w.id === worker))
    return {
      input: {
        issues: [{ path: 'worker', message: `"${worker}" is not a worker of the rota` }],
        context: 'querystring',
      },
    };
  const options: EvaluateOptions = {
    ruleBook: ctx.ruleBook,
    conversions: false,
    variants: false,
    partsFrom: WHOLE,
    ...(job.asOf ? { asOf: job.asOf } : {}),
  };
  const workers = ctx.workerCache ? await byWorker(rota, options, ctx.workerCache) : undefined;
  const report = workers ? assemble(rota, workers) : await evaluate(rota, options);
  const headroom = report.headroom.filter((h) => worker === undefined || h.workerId === worker);
  return { json: writeHeadroom({ headroom }) };
}

/**
 * A save on a held rota: the answer POST /v1/evaluate gives the rota it makes with `changedSince` the
 * held rota's ETag (only the workers whose part of the report differs), and the new rota is held.
 */
async function saveRoute(job: EvaluateJob, ctx: JobContext): Promise<JobAnswer> {
  const { workerCache, states } = ctx;
  if (!workerCache || !states) throw new Error('saves need the workers’ report cache');
  const context = { ruleBook: ctx.ruleBook, workerCache, maxSpanDays: job.maxSpanDays };
  const base = job.chain ? await stateOf(job.chain, states, context, readBody) : states.get(job.held!);
  if (!base) return { notHeld: true };
  const next = await applySave(base, job.body, job.etag!, context);
  states.keep(next);
  const digests = new Map(base.workers.map((w) => [w.workerId, w.digest]));
  return {
    json: encodeReport(assemble(next.rota, next.workers, digests)),
    digests: packDigests(next.workers),
    delta: true,
    ...(job.checkpoint ? { checkpoint: JSON.stringify(next.rota) } : {}),
  };
}

/** Runs a job; never throws: an error is part of the answer, so it crosses a thread as data. */
export async function runJob(job: EvaluateJob, ctx: JobContext): Promise<JobAnswer> {
  try {
    if (job.route === 'save') return await saveRoute(job, ctx);
    const rota = readBody(job.body);
    checkSpan(rota, job.maxSpanDays);
    return job.route === 'headroom' ? await headroomRoute(job, rota, ctx) : await evaluateRoute(job, rota, ctx);
  } catch (err) {
    if (err instanceof InputError) return { input: { issues: err.issues } };
    const e = err as Error;
    return { error: { name: e.name, message: e.message, ...(e.stack ? { stack: e.stack } : {}) } };
  }
}
