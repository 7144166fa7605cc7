// Rotas held by an evaluation thread for saves (POST /v1/evaluate/changes): a rota with each
// worker's report, part and digest, under the ETag of the answer that gave it. A save replaces some
// workers' parts (src/rota/patch.ts); only those workers are evaluated again (or taken from the
// workers' report cache), unless the save moves the plan's span, which every worker's frames hang on.
//
// A thread holds what it has seen. Whatever names a held rota (its recipe: the body posted whole,
// or a save on another held rota) is kept by the event loop's thread (api/recipes.ts) and sent to a
// thread that says it does not hold the rota a save is on, so any thread can rebuild it: the body
// read again, the saves after it applied again, their workers' reports mostly cache hits (the
// threads share them).
import type { EvaluateOptions } from '../src/engine/evaluate.ts';
import { partitionRota, partsOfWorkers, planSpanOf, type RotaPart } from '../src/engine/partition.ts';
import { evaluateWhole } from '../src/engine/pipeline.ts';
import { keyOf, type WorkerReportCache } from '../src/engine/workerReports.ts';
import { BytesLru } from '../src/lru.ts';
import { InputError } from '../src/rota/errors.ts';
import { applyPatch, type RotaPatch, validatePatch } from '../src/rota/patch.ts';
import type { Rota } from '../src/rota/schema.ts';
import type { RuleBook } from '../src/rules/load.ts';
import { buildTimeline, MAX_SPAN_DAYS, spanOf, type Timeline } from '../src/timeline/build.ts';
import type { RawBody } from './evaluateJob.ts';
import { checkSpan } from './limits.ts';
import { parseDocumentBody } from './routes/bodies.ts';
import { byWorker, digestOf, WHOLE, type WorkerReport } from './workerParts.ts';

/** What names a held rota: a body posted whole (with its asOf), or a save on the rota held under `base`. */
export type Recipe = { etag: string; asOf?: string; body: RawBody } | { etag: string; base: string; save: RawBody };

export interface RotaState {
  etag: string;
  rota: Rota;
  asOf?: string;
  span: Span | undefined;
  /** Each worker's span worked (none without periods) and the span the rota declares: the plan's span is made of them. */
  worked: Map<string, Span | undefined>;
  declared: Span | undefined;
  workers: WorkerReport[];
  /** What the state is reckoned to take in memory: the length of the body it was first read from, three times. */
  bytes: number;
}

type Span = { from: number; to: number };

/** Each worker's span worked in a timeline, for every worker of the rota. */
function workedByWorker(timeline: Timeline, workerIds: Iterable<string>): Map<string, Span | undefined> {
  const spans = new Map<string, Span | undefined>();
  for (const id of workerIds) spans.set(id, undefined);
  for (const iv of timeline.intervals) {
    const s = spans.get(iv.workerId);
    if (!s) spans.set(iv.workerId, { from: iv.start, to: iv.end });
    else {
      if (iv.start < s.from) s.from = iv.start;
      if (iv.end > s.to) s.to = iv.end;
    }
  }
  return spans;
}

/** The plan's span (engine/partition.ts planSpan) from the workers' spans worked. */
function planSpanFrom(worked: Map<string, Span | undefined>, declared: Span | undefined): Span | undefined {
  return planSpanOf(workedSpan(worked), declared);
}

/** The span worked by all the workers together. */
function workedSpan(worked: Map<string, Span | undefined>): Span | undefined {
  return spanOf([...worked.values()].flatMap((s) => (s ? [{ start: s.from, end: s.to }] : [])));
}

/**
 * The span checks of the rota a save makes, in the save's words: a period of the save by its index
 * in the save, any other as the held rota's. The span limit of one rota file (the timeline's, which
 * the save's own timeline could not see) is checked on the workers' spans.
 */
function checkSavedSpan(
  rota: Rota,
  patch: RotaPatch,
  worked: Map<string, Span | undefined>,
  maxSpanDays: number,
): void {
  const inSave = (text: string) =>
    text.replace(/periods\[(\d+)\]/g, (all, i: string) => {
      const at = patch.periods.indexOf(rota.periods[Number(i)]!);
      return at >= 0 ? `periods[${at}]` : `the held rota's ${all}`;
    });
  try {
    checkSpan(rota, maxSpanDays);
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    throw new InputError(
      err.issues.map((i) => {
        const path = inSave(i.path);
        return { ...i, path: path.startsWith('periods[') ? path : 'periods', message: inSave(i.message) };
      }),
    );
  }
  const span = workedSpan(worked);
  const days = span ? Math.ceil((span.to - span.from) / 86_400_000) : 0;
  if (days > MAX_SPAN_DAYS)
    throw new InputError([
      {
        path: 'periods',
        message: `with this save the rota's periods span ${days} days; one rota file may span at most ${MAX_SPAN_DAYS} days (about ten years): split it`,
      },
    ]);
}

export class RotaStates extends BytesLru<RotaState> {
  keep(state: RotaState): void {
    super.set(state.etag, state, state.bytes);
  }
}

export interface StateContext {
  ruleBook: RuleBook;
  workerCache: WorkerReportCache;
  maxSpanDays: number;
}

function optionsOf(ctx: StateContext, asOf: string | undefined): EvaluateOptions {
  return { ruleBook: ctx.ruleBook, partsFrom: WHOLE, ...(asOf ? { asOf } : {}) };
}

const bodyLength = (body: RawBody) => body.text?.length ?? body.bytes?.byteLength ?? 0;

/** A rota posted whole, as POST /v1/evaluate read and evaluated it. */
async function fromBody(
  recipe: Extract<Recipe, { body: RawBody }>,
  ctx: StateContext,
  read: (body: RawBody) => Rota,
): Promise<RotaState> {
  const rota = read(recipe.body);
  checkSpan(rota, ctx.maxSpanDays);
  const workers = await byWorker(rota, optionsOf(ctx, recipe.asOf), ctx.workerCache);
  // The route gives an ETag only to a rota evaluated worker by worker: one that is not cannot be held.
  if (!workers) throw new Error('a rota evaluated whole (variants, a cycle) has no recipe');
  const timeline = buildTimeline(rota);
  const worked = workedByWorker(
    timeline,
    rota.workers.map((w) => w.id),
  );
  const declared = timeline.cycle ?? timeline.plan;
  return {
    etag: recipe.etag,
    rota,
    ...(recipe.asOf ? { asOf: recipe.asOf } : {}),
    span: planSpanFrom(worked, declared),
    worked,
    declared,
    workers,
    bytes: 3 * bodyLength(recipe.body),
  };
}

const sameSpan = (a: RotaState['span'], b: RotaState['span']) => a?.from === b?.from && a?.to === b?.to;

const sameIndexes = (a: readonly number[], b: readonly number[]) =>
  a === b || (a.length === b.length && a.every((v, i) => v === b[i]));

/**
 * partitionRota(rota, 1) of the rota a save makes. A save that keeps every other worker's place in
 * each list (as many items as the saved workers had, and no new worker) leaves their parts as they
 * were: only the saved workers' are made, and a save costs what its workers do, not the turnus.
 */
function partsAfter(
  base: RotaState,
  rota: Rota,
  patch: RotaPatch,
  saved: ReadonlySet<string>,
  before: ReadonlyMap<string, WorkerReport>,
): RotaPart[] {
  let assignments = 0;
  let periods = 0;
  let agreements = 0;
  for (const id of saved) {
    const prev = before.get(id);
    if (!prev) return partitionRota(rota, 1);
    assignments += prev.part.rota.assignments.length;
    periods += prev.part.periodIndex.length;
    for (const a of prev.part.rota.agreements) if (a.workerId === id) agreements++;
  }
  if (
    assignments !== patch.assignments.length ||
    periods !== patch.periods.length ||
    agreements !== patch.agreements.length
  )
    return partitionRota(rota, 1);
  const made = partsOfWorkers(rota, saved);
  let next = 0;
  return base.workers.map((w) => (saved.has(w.workerId) ? made[next++]! : w.part));
}

/**
 * The held rota with a save applied: the saved workers evaluated (or taken from the cache), every
 * other worker's report kept, and every worker evaluated again when the save moves the plan's span.
 * The save's errors name the save's own fields.
 */
export async function applySave(base: RotaState, save: RawBody, etag: string, ctx: StateContext): Promise<RotaState> {
  if (save.format !== 'json' && save.format !== 'yaml')
    throw new InputError([{ path: '', message: 'a save is JSON or YAML' }]);
  const { patch, timeline } = validatePatch(parseDocumentBody(save.text!, save.format), base.rota);
  const rota = applyPatch(base.rota, patch);
  // The plan's span without the whole rota's timeline: the saved workers' spans from the save's own.
  const worked = new Map(base.worked);
  for (const [id, s] of workedByWorker(
    timeline,
    patch.workers.map((w) => w.id),
  ))
    worked.set(id, s);
  checkSavedSpan(rota, patch, worked, ctx.maxSpanDays);
  const span = planSpanFrom(worked, base.declared);
  const options = optionsOf(ctx, base.asOf);
  const saved = new Set(patch.workers.map((w) => w.id));
  const before = new Map(base.workers.map((w) => [w.workerId, w]));
  const keepReports = sameSpan(span, base.span);
  const workers: WorkerReport[] = [];
  for (const part of partsAfter(base, rota, patch, saved, before)) {
    const workerId = part.rota.workers[0]!.id;
    const prev = before.get(workerId);
    let key: string;
    let report: WorkerReport['report'];
    if (prev && keepReports && !saved.has(workerId)) {
      // Their items, the rota's frame and the span are what they were: the same key, the same report.
      ({ key, report } = prev);
    } else {
      key = keyOf(part.rota, span, options);
      const kept = ctx.workerCache.get(key);
      report = kept ?? (await evaluateWhole(part.rota, { ...options, ...(span ? { span } : {}) }));
      if (!kept) ctx.workerCache.set(key, report);
    }
    const unmoved =
      prev !== undefined &&
      prev.key === key &&
      sameIndexes(prev.part.periodIndex, part.periodIndex) &&
      sameIndexes(prev.part.agreementIndex, part.agreementIndex);
    workers.push({ workerId, report, part, key, digest: unmoved ? prev.digest : digestOf(key, part) });
  }
  return {
    etag,
    rota,
    ...(base.asOf ? { asOf: base.asOf } : {}),
    span,
    worked,
    declared: base.declared,
    workers,
    bytes: base.bytes,
  };
}

/**
 * The rota the last recipe of the chain names (the chain from a body posted whole to it, in order):
 * held, or rebuilt from the last one held, or from the body. Every state made on the way is kept.
 */
export async function stateOf(
  chain: readonly Recipe[],
  states: RotaStates,
  ctx: StateContext,
  read: (body: RawBody) => Rota,
): Promise<RotaState> {
  let at = chain.length - 1;
  let state: RotaState | undefined;
  for (; at >= 0; at--) {
    state = states.get(chain[at]!.etag);
    if (state) break;
  }
  for (let i = at + 1; i < chain.length; i++) {
    const recipe = chain[i]!;
    if ('body' in recipe) state = await fromBody(recipe, ctx, read);
    else if (!state) throw new Error('a chain of recipes starts with a body posted whole');
    else state = await applySave(state, recipe.save, recipe.etag, ctx);
    states.keep(state);
  }
  if (!state) throw new Error('an empty chain of recipes');
  return state;
}
