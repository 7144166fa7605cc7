// A large rota evaluated in parts (engine/partition.ts) on all cores: worker processes take the
// parts in turn and the reports come back in the rota's order, so a caller can write each part's
// findings as it arrives and hold only a few parts at a time. Small rotas and a custom rule book
// (which cannot cross to another process) are evaluated in parts in this process, part by part.
//
// Processes, not worker threads: the engine allocates heavily, and on the 2-core machine two
// threads of one process ran the same parts in more total time than one thread (both isolates
// share the process's allocator), while two processes ran them 1.4–1.6 times as fast as one.
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { serialize } from 'node:v8';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { wholeEntry, wholeIndexes, type KeptFinding, type Wanted } from './partAnnotations.ts';
import { keysByWorker, type Baseline } from '../report/baseline.ts';
import type { Report } from '../report/schema.ts';
import type { Rota } from '../rota/schema.ts';
import { defaultRuleBook } from '../rules/load.ts';
import { buildTimeline } from '../timeline/build.ts';
import type { EvaluateOptions } from './evaluate.ts';
import { evaluateWhole } from './pipeline.ts';
import { mergeReports, partitionRota, planSpan, type RotaPart } from './partition.ts';
import type { PartResult, PartTask, PartText, PartTextOptions, RenderedFile } from './partTask.ts';
import { evaluatePart, type RenderedFindings, type RenderStyle } from './rendered.ts';
import { makeTempFolder, removeTempFolder } from '../tempFolder.ts';
import { spanAhead } from './spanAhead.ts';

export interface ParallelOptions {
  /** Worker processes (default: defaultJobs, one per core for a large rota; 1 = this process only). */
  jobs?: number;
  /** Workers of the rota per part (default: four parts a process, at most 100 workers a part). */
  workersPerPart?: number;
  /** Render each part's findings as JSON text where it is evaluated (EvaluatedPart.rendered; report.findings empty). */
  render?: boolean | RenderStyle;
  /** Called after each part with the parts done and the parts in all. */
  onProgress?: (done: number, total: number) => void;
  /**
   * The rota is handed over: its periods are the parts' once they are formed (`rota.periods` is
   * emptied), and each part's are let go once it is sent or evaluated (the yielded parts hold none).
   * For a caller that reads a rota only to have it evaluated (the CLI's streamed report): a
   * national rota's periods are a large share of this process's heap.
   */
  release?: boolean;
  /**
   * Keep each part's first findings for GitHub annotations (EvaluatedPart.annotated): asked as each
   * part is sent, how many of each severity the annotations could still take.
   */
  annotate?: () => Wanted;
  /** Take the baseline's findings out of each part's report, where it is evaluated (--baseline). */
  baseline?: Baseline;
  /** Name each finding's entry where its part is evaluated (EvaluatedPart.entries; SARIF). */
  entries?: boolean;
  /**
   * Make each part's text report in the worker process that evaluates it (EvaluatedPart.text; its
   * report then holds no findings). Parts evaluated in this process come with their findings.
   */
  text?: PartTextOptions;
}

export interface EvaluatedPart {
  report: Report;
  part: RotaPart;
  rendered?: RenderedFindings;
  /** The part's first findings of each severity (ParallelOptions.annotate), their entries in the whole rota's lists. */
  annotated?: KeptFinding[];
  /** Findings the baseline took out of the part (ParallelOptions.baseline). */
  suppressed?: number;
  /** Each of the report's findings' entry in the whole rota's lists (ParallelOptions.entries). */
  entries?: string[];
  /** The part's text report, made where it was evaluated (ParallelOptions.text). */
  text?: PartText;
}

// The worker process's entry. Built (scripts/build.mjs), this module lies in a file two folders
// below the package root, like every built file, and forks dist/parts/worker.js (src/parts/worker.ts
// bundled); run from the sources (tests, tsx), it forks src/parts/process.mjs, which registers tsx first.
const WORKER_ENTRY = import.meta.url.endsWith('.ts')
  ? new URL('../parts/process.mjs', import.meta.url)
  : new URL('../parts/worker.js', import.meta.url);

/**
 * Worker processes for a rota when none are asked for (at most one per core): one per 350 oppdrag
 * to assess, and one per core for the rule evaluation alone from 400 000 periods. The engine is
 * bound by memory, not arithmetic: on the 2-core machine two processes of it run at about 1.2 times
 * one (a pure arithmetic loop at 2.0), and the parts sent to them must be worth the copying.
 * Measured there (one year of the generator's mix, rules only, JSON report; since the findings come
 * back through files, readRendered): 94 000 periods took 5.3–5.8 s in this process against
 * 6.8–7.1 s on two processes, 282 000 periods 12.1–14.2 s against 12.5–12.6 s, 470 000 periods
 * 20.2–21.8 s against 17.5–19.6 s, 940 000 periods 45.6 s against 30.3 s, 1 880 000 periods 87.1 s
 * against 65.5 s. (Through the IPC channel, two processes paid only from about 2 000 000 periods.)
 * With oppdrag, whose conversion assessment weighs far more than the periods: 750 oppdrag 16.0 s in
 * this process against 14.6 s on two, 7 500 oppdrag 153.6 s against 102.6 s.
 */
export function defaultJobs(rota: Rota, conversions = true): number {
  const oppdrag = conversions ? rota.assignments.reduce((n, a) => n + (a.contract === 'oppdrag' ? 1 : 0), 0) : 0;
  const wanted = Math.max(Math.floor(oppdrag / 350), rota.periods.length >= 400_000 ? Infinity : 1);
  return Math.max(1, Math.min(availableParallelism(), wanted));
}

/** Whether a rota is worth evaluating in parts: enough periods that one report would be too large. */
export function wantsParts(rota: Rota, minPeriods = 20_000): boolean {
  return rota.periods.length >= minPeriods && rota.workers.length > 1 && !rota.variants?.length && !rota.cycle;
}

/**
 * Each part's report, in the rota's order. The whole rota is validated (its timeline) before any
 * part's report is given, so an input error names the whole file's rows, never a part's.
 *
 * On worker processes, the first parts go out before that, under the plan's span read from the
 * periods at its ends (spanAhead.ts), and are evaluated while this process validates the rota: a
 * national year's timeline takes about as long as the processes' first part, and they sat idle
 * meanwhile. Their reports wait for the timeline. Should it find an input error, the processes are
 * ended and the error is the answer; should its span differ from the one read ahead, the parts sent
 * are thrown away and the rota is evaluated as if none had been sent.
 */
export async function* evaluateParts(
  rota: Rota,
  options: EvaluateOptions = {},
  parallel: ParallelOptions = {},
): AsyncGenerator<EvaluatedPart> {
  const cores = parallel.jobs ?? defaultJobs(rota, options.conversions !== false);
  // At most 100 workers a part, and at least four parts a process so the processes end together.
  const size = Math.max(
    1,
    Math.floor(parallel.workersPerPart ?? Math.min(100, Math.ceil(rota.workers.length / (cores * 4)))),
  );
  const custom = options.ruleBook !== undefined && options.ruleBook !== defaultRuleBook();
  const jobs = Math.min(cores, Math.ceil(rota.workers.length / size));
  let pool = jobs > 1 && !custom ? startPool(jobs) : undefined;
  const optionsUnder = (span: { from: number; to: number } | undefined): PartTask['options'] => ({
    ...(options.asOf ? { asOf: options.asOf } : {}),
    ...(options.conversions !== undefined ? { conversions: options.conversions } : {}),
    ...(options.violationsOnly !== undefined ? { violationsOnly: options.violationsOnly } : {}),
    ...(span ? { span } : {}),
  });
  const style = parallel.render ? styleOf(parallel.render) : undefined;
  const baselineOf = suppressing(parallel.baseline);
  const send = (parts: RotaPart[], span: { from: number; to: number } | undefined, processes: ChildProcess[]) =>
    inProcesses(parts, optionsUnder(span), processes, style, {
      ...parallel,
      ...(baselineOf ? { baselineOf } : {}),
    });
  let span: ReturnType<typeof planSpan>;
  let parts: RotaPart[] | undefined;
  let sent: { parts: RotaPart[]; span: { from: number; to: number }; running: PartsInProcesses } | undefined;
  if (pool) sent = sendAhead(rota, size, pool, send);
  try {
    span = planSpan(buildTimeline(rota));
    if (sent && !sameSpan(span, sent.span)) {
      sent.running.abort();
      sent = undefined;
      pool = startPool(jobs);
    }
    parts = sent?.parts ?? partitionRota(rota, size);
  } catch (err) {
    if (sent) sent.running.abort();
    else if (pool) stopPool(pool);
    throw err;
  }
  if (parallel.release) rota.periods = [];
  // A kept finding's entry is found in its part, and named in the whole rota's lists.
  const whole = parallel.annotate || parallel.entries ? wholeIndexes(rota) : undefined;
  const inWhole = (part: RotaPart, { annotated, entries }: Pick<EvaluatedPart, 'annotated' | 'entries'>) =>
    whole
      ? {
          ...(annotated
            ? { annotated: annotated.map((k) => ({ ...k, entry: wholeEntry(k.entry, part, whole) })) }
            : {}),
          ...(entries ? { entries: entries.map((entry) => wholeEntry(entry, part, whole)) } : {}),
        }
      : {};
  const partOptions = optionsUnder(span);
  if (!pool) {
    for (let i = 0; i < parts.length; i++) {
      const partOf = { ...partOptions, ...(options.ruleBook ? { ruleBook: options.ruleBook } : {}) };
      const wanted = parallel.annotate?.();
      const suppress = baselineOf?.(parts[i]!);
      const { annotated, entries, ...evaluated } = await evaluatePart(parts[i]!.rota, partOf, {
        ...(style ? { render: { part: parts[i]!, style } } : {}),
        ...(wanted ? { annotate: wanted } : {}),
        ...(suppress ? { suppress: new Set(suppress) } : {}),
        ...(parallel.entries ? { entries: true } : {}),
      });
      const part = parallel.release ? released(parts, i) : parts[i]!;
      yield { ...evaluated, part, ...inWhole(part, { annotated, entries }) };
      parallel.onProgress?.(i + 1, parts.length);
    }
    return;
  }
  const running = sent?.running ?? send(parts, span, pool);
  for await (const { annotated, entries, ...evaluated } of running.results())
    yield { ...evaluated, ...inWhole(evaluated.part, { annotated, entries }) };
}

const sameSpan = (a: { from: number; to: number } | undefined, b: { from: number; to: number }) =>
  a !== undefined && a.from === b.from && a.to === b.to;

/**
 * The rota's parts sent to the processes under the span read ahead, before the rota is validated;
 * undefined when the span cannot be read that way, or the rota, not yet validated, cannot be cut
 * into parts (its timeline then says why).
 */
function sendAhead(
  rota: Rota,
  size: number,
  pool: ChildProcess[],
  send: (parts: RotaPart[], span: { from: number; to: number }, pool: ChildProcess[]) => PartsInProcesses,
): { parts: RotaPart[]; span: { from: number; to: number }; running: PartsInProcesses } | undefined {
  let span: { from: number; to: number } | undefined;
  let parts: RotaPart[];
  try {
    span = spanAhead(rota);
    if (!span) return undefined;
    parts = partitionRota(rota, size);
  } catch {
    return undefined;
  }
  return { parts, span, running: send(parts, span, pool) };
}

/** The baseline's keys of a part's workers, for each part; undefined without a baseline. */
function suppressing(baseline: Baseline | undefined): ((part: RotaPart) => string[]) | undefined {
  if (!baseline) return undefined;
  const byWorker = keysByWorker(baseline.keys);
  return (part) => part.rota.workers.flatMap((w) => byWorker.get(w.id) ?? []);
}

/** The part without its periods (ParallelOptions.release), in the list too, so nothing holds them. */
function released(parts: RotaPart[], i: number): RotaPart {
  const part = parts[i]!;
  parts[i] = { ...part, rota: { ...part.rota, periods: [] } };
  return parts[i]!;
}

const styleOf = (render: true | RenderStyle): RenderStyle => (render === true ? 'json' : render);

/**
 * The old generation may grow to three times what the last full collection left (V8's own factor
 * goes up to four). A process keeps only its current part alive (55-100 MB after a full collection
 * in the 10 000-worker year) and promotes the rest of what a part makes as garbage, so its heap is
 * mostly garbage waiting for the next collection: with V8's factor the processes held 300-540 MB
 * each. A factor, not a ceiling (--max-old-space-size): a part that needs more still gets it. That
 * year's text on 2 cores, alternated twice: peak of all processes 1 382-1 468 MB → 1 201-1 213 MB,
 * 32.8-33.7 s → 33.6-34.7 s (at 150 %: 1 115-1 152 MB and 34.8-37.3 s; at 50 %: 1 107-1 120 MB and
 * 39.0 s).
 */
const HEAP_GROWTH = '--heap-growing-percent=200';

/**
 * Worker processes started before the rota is read (startWorkersAhead), for the first evaluation in
 * parts that wants as many.
 */
let workersAhead: ChildProcess[] | undefined;

/**
 * Starts `jobs` worker processes (default one per core) for a rota about to be read and evaluated
 * in parts: they start and load the engine while this process reads the file, one core busy and the
 * other idle, rather than after (a national year: 1.4 s of reading). Ended by stopWorkersAhead
 * unless an evaluation took them.
 */
export function startWorkersAhead(jobs = availableParallelism()): void {
  if (jobs > 1 && !workersAhead) workersAhead = forkWorkers(jobs);
}

/** The processes startWorkersAhead started, ended if no evaluation took them. */
export function stopWorkersAhead(): void {
  if (workersAhead) stopPool(workersAhead);
  workersAhead = undefined;
}

/** `jobs` worker processes: those started ahead when they are as many, else started now. */
function startPool(jobs: number): ChildProcess[] {
  const ahead = workersAhead;
  workersAhead = undefined;
  if (ahead?.length === jobs) return ahead;
  if (ahead) stopPool(ahead);
  return forkWorkers(jobs);
}

/** `jobs` worker processes, started. */
function forkWorkers(jobs: number): ChildProcess[] {
  // Structured clone over the IPC channel ('advanced'): the reports' tails as they are (the parts go
  // out and the rendered findings come back as files, inProcesses). Node's own
  // young generation (16 MiB): a 64 MiB one once saved 7 % of the time, but since the passes keep
  // their tallies on the facts rather than in WeakMaps the engine runs as fast at 16 MiB (load
  // turnus, alternated: 59 and 58 ms), and each process holds less (a 2 000-worker year with
  // oppdrag, two runs each: peak of all processes 1 041 and 1 064 MB against 1 209 and 1 231 MB).
  // When the processes fill the cores, each collects its garbage on its own thread: V8's helper
  // threads only contended with the other processes (10 000-worker year on 2 cores, alternated:
  // rules 22.0–22.2 → 21.1–21.5 s, with oppdrag 38.8–40.0 → 38.5–38.6 s; the peak of all processes
  // with oppdrag 1 226 → 1 299 MB).
  const gc = jobs >= availableParallelism() ? ['--single-threaded-gc'] : [];
  return Array.from({ length: jobs }, () => {
    // In a process group of its own: a signal that ends a run (Ctrl-C reaches every process of the
    // terminal's group) is this process's to answer, and it ends its workers as it leaves (running).
    // Reached first, a worker would die, and this process take the part as failed and report its
    // own defect (exit 3) before it heard the signal itself.
    const worker = fork(WORKER_ENTRY, [], {
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      execArgv: ['--max-semi-space-size=16', HEAP_GROWTH, ...gc],
      detached: true,
    });
    if (running.size === 0) process.once('exit', endRunning);
    running.add(worker);
    worker.once('exit', () => {
      running.delete(worker);
      if (running.size === 0) process.off('exit', endRunning);
    });
    return worker;
  });
}

/**
 * The worker processes still running. A process that leaves through process.exit (a signal, its
 * output closed: bin/turnussjekk.mjs) stops no pool; its workers would see the channel close only
 * after the part in hand, and write into a folder that is gone. They are ended with it, by SIGKILL:
 * they hold nothing of their own to put away.
 */
const running = new Set<ChildProcess>();

function endRunning(): void {
  for (const worker of running) worker.kill('SIGKILL');
}

/** The processes told to end (they exit when their channel closes). */
function stopPool(pool: ChildProcess[]): void {
  for (const worker of pool) if (worker.connected) worker.disconnect();
}

/** Parts being evaluated by worker processes: their results in the rota's order, or all of it ended. */
interface PartsInProcesses {
  /** Each part's result in the rota's order (taken once). */
  results(): AsyncGenerator<EvaluatedPart>;
  /** The processes ended and their files removed, their results unread (before results() is taken). */
  abort(): void;
}

/** The parts sent to the processes: the first at once, the others as processes come free. */
function inProcesses(
  parts: RotaPart[],
  options: PartTask['options'],
  pool: ChildProcess[],
  render: RenderStyle | undefined,
  {
    onProgress,
    release = false,
    annotate,
    baselineOf,
    entries,
    text,
  }: Pick<ParallelOptions, 'onProgress' | 'release' | 'annotate' | 'entries' | 'text'> & {
    baselineOf?: (part: RotaPart) => string[];
  },
): PartsInProcesses {
  const jobs = pool.length;
  // Parts go out and rendered findings come back as files (src/parts/worker.ts), in a folder only this user can read.
  let folder: string;
  try {
    folder = partsFolder();
  } catch (err) {
    stopPool(pool);
    throw err;
  }
  const done = new Map<number, Omit<PartResult, 'id' | 'error'>>();
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  let next = 0;
  let finished = 0;
  // At most this many parts are evaluated or waiting ahead of the one the caller takes next.
  const ahead = jobs * 2;
  let taken = 0;
  const idle: ChildProcess[] = [...pool];
  const dispatch = () => {
    while (idle.length > 0 && next < parts.length && next < taken + ahead && !failure) {
      const id = next++;
      const { rota, periodIndex, agreementIndex } = parts[id]!;
      // The part goes through a file, not the IPC channel: over the pipe a part of a megabyte
      // crossed 64 KiB at a time, each step waiting for both processes' event loops, and the
      // process sat idle meanwhile.
      const input = join(folder, `rota-${id}`);
      writeFileSync(input, serialize(rota));
      const wanted = annotate?.();
      const suppress = baselineOf?.(parts[id]!);
      idle.pop()!.send({
        id,
        input,
        options,
        ...(render ? { render: { periodIndex, agreementIndex, style: render, file: join(folder, `part-${id}`) } } : {}),
        ...(wanted ? { annotate: wanted } : {}),
        ...(suppress ? { suppress } : {}),
        ...(entries ? { entries } : {}),
        ...(text ? { text } : {}),
      } satisfies PartTask);
      // Written to its file: this process needs the part's periods no more.
      if (release) released(parts, id);
    }
  };
  for (const worker of pool) {
    worker.on('message', (m: PartResult) => {
      if (m.error) failure ??= Object.assign(new Error(m.error.message), { name: m.error.name, stack: m.error.stack });
      else {
        const { id, report, ...rest } = m;
        done.set(id, { report: report!, ...rest });
      }
      onProgress?.(++finished, parts.length);
      idle.push(worker);
      dispatch();
      wake?.();
    });
    worker.on('error', (err) => {
      failure ??= err;
      wake?.();
    });
    worker.on('exit', (code, signal) => {
      if (taken < parts.length)
        failure ??= new Error(`a worker process ended early (${signal ?? `exit code ${code}`})`);
      wake?.();
    });
  }
  const end = () => {
    taken = parts.length;
    stopPool(pool);
    removeTempFolder(folder);
  };
  try {
    dispatch();
  } catch (err) {
    end();
    throw err;
  }
  return {
    async *results() {
      try {
        while (taken < parts.length) {
          while (!done.has(taken) && !failure) await new Promise<void>((resolve) => (wake = resolve));
          if (failure) throw failure;
          const { report, rendered, ...more } = done.get(taken)!;
          done.delete(taken);
          const part = parts[taken]!;
          taken++;
          dispatch();
          yield {
            report: report!,
            part,
            ...(rendered ? { rendered: readRendered(rendered) } : {}),
            ...more,
          };
        }
      } finally {
        end();
      }
    },
    abort() {
      // Their parts are thrown away: the processes are ended now, not after the part in hand.
      for (const worker of pool) worker.kill('SIGKILL');
      end();
    },
  };
}

function partsFolder(): string {
  try {
    return makeTempFolder('turnussjekk-parts-');
  } catch (err) {
    throw new Error(
      `cannot make a folder for the parts' findings in ${tmpdir()} (TMPDIR names another): ${(err as Error).message}`,
    );
  }
}

/**
 * A part's rendered findings, read from the file its worker process wrote them to (and the file
 * removed). Why a file and not the IPC channel: a national report is gigabytes of findings, and
 * each byte sent over the channel was read in small chunks, joined into the message and copied
 * again into the piece it was deserialised as, all in this process, whose heap still holds the
 * parts not yet sent; the garbage this made, and the collections of that heap it set off, kept
 * this process busy for nearly as long as the evaluation took (a 20 000-worker year on two
 * processes: 40.3 s of this process's CPU time, against 15.0 s with the files; bench/README.md).
 * One read of the file is one piece, none when the part has no finding (the report writes a
 * part's separator only before findings).
 */
function readRendered({ file, counts }: RenderedFile): RenderedFindings {
  const bytes = readFileSync(file);
  unlinkSync(file);
  return { pieces: bytes.byteLength > 0 ? [bytes] : [], counts };
}

/** The whole rota's report, evaluated in parts (on all cores when it pays); equal to evaluate()'s. */
export async function evaluateParallel(
  rota: Rota,
  options: EvaluateOptions = {},
  parallel: ParallelOptions = {},
): Promise<Report> {
  if (rota.variants?.length || rota.cycle || rota.workers.length < 2) return evaluateWhole(rota, options);
  const parts: EvaluatedPart[] = [];
  for await (const p of evaluateParts(rota, options, parallel)) parts.push(p);
  return mergeReports(rota, parts);
}
