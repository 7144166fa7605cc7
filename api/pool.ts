// Evaluation off the event loop: a fixed number of worker threads (default one per core) take the
// evaluate and headroom jobs (api/evaluateJob.ts) in turn, so while one large rota is evaluated the
// event loop keeps answering /health, cache hits and small rotas on the other threads. Jobs that
// find every thread busy wait in a bounded queue; past it, the route answers 503 with Retry-After
// (QueueFullError) instead of letting requests pile up until their clients time out.
//
// Threads, not processes (engine/parallel.ts forks processes for one large rota's parts): a
// request's body and answer cross without a pipe (the answer's bytes are handed over, not copied),
// and threads start in a fraction of a process's time and memory. The threads start with the first
// job, so a server that is never asked to evaluate starts none.
import { randomUUID } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import type { EvaluateJob, JobAnswer } from './evaluateJob.ts';
import type { ThreadData, ThreadTask } from './evaluateThread.ts';

// Built (scripts/build.mjs), this module lies two folders below the package root (dist/api/ or
// dist/chunks/) and starts dist/api/evaluate-thread.js; from the sources (tests, tsx) it starts
// evaluate-thread.mjs, which registers tsx first.
const THREAD_ENTRY = import.meta.url.endsWith('.ts')
  ? new URL('./evaluate-thread.mjs', import.meta.url)
  : new URL('../api/evaluate-thread.js', import.meta.url);

export class QueueFullError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super('every evaluation thread is busy and the queue is full');
    this.name = 'QueueFullError';
  }
}

export interface PoolOptions {
  threads: number;
  /** Jobs that may wait for a thread; one more is refused (QueueFullError). */
  maxQueue: number;
  /** Each thread's workers' report cache (0 = none). */
  workerCacheBytes: number;
  /** Jobs the threads started by warm() run, in order, before they take one of the clients'. */
  warmUp?: EvaluateJob[];
}

/**
 * What a job needs rebuilt on a thread (worker.threadId): 0 when the thread holds its rota, else how
 * many recipes it would apply (api/recipes.ts rebuildSteps).
 */
export type RebuildSteps = (thread: number) => number;

/** Recipes a thread may apply to take a job from a busy thread that holds its rota: replaying more costs more than waiting. */
const MAX_REBUILD = 4;

/**
 * Jobs waiting for busy threads at which a free thread takes the one that has waited longest,
 * whatever it must rebuild: planners' saves stay on the thread that holds their rota, and without
 * this a thread that happened to get more planners would queue while the other idled.
 */
const STEAL_AT = 2;

interface Pending {
  id: number;
  job: EvaluateJob;
  steps?: RebuildSteps;
  /** steps per thread, asked once: a waiting job's chain does not change. */
  known?: Map<number, number>;
  resolve: (answer: JobAnswer) => void;
  reject: (err: Error) => void;
  started?: number;
}

interface Thread {
  worker: Worker;
  task?: Pending;
}

export class EvaluatePool {
  private readonly threads: Thread[] = [];
  private readonly queue: Pending[] = [];
  private readonly data: ThreadData;
  private nextId = 0;
  private closed = false;
  /** Recent milliseconds per job (moving average), for Retry-After. */
  private averageMs = 1_000;
  private drained?: () => void;

  constructor(readonly options: PoolOptions) {
    this.data = { workerCacheBytes: options.workerCacheBytes, channel: `turnussjekk-${randomUUID()}` };
  }

  /** Jobs running on a thread now. */
  get running(): number {
    return this.threads.reduce((n, t) => n + (t.task ? 1 : 0), 0);
  }

  /** Threads started (warm() starts them all at once; else the first job does). */
  get started(): number {
    return this.threads.length;
  }

  /** Threads that have finished their warm-up, and the warm-up runs they made (some stop early for a client's job). */
  warmedThreads = 0;
  warmUpRuns = 0;

  /** Jobs waiting for a thread. */
  get waiting(): number {
    return this.queue.length;
  }

  /**
   * Runs the job on a free thread, or queues it; QueueFullError when the queue is full. A save on a
   * held rota (`steps`) goes to a free thread that holds it; else to a free one that rebuilds it in
   * a few recipes; else it waits for a busy thread that holds it (or is nearer), unless none is. A
   * freed thread takes the first waiting job no other thread is nearer to, else the first it may
   * take. The answer says which thread gave it (`thread`).
   */
  run(job: EvaluateJob, steps?: RebuildSteps): Promise<JobAnswer> {
    if (this.closed) return Promise.reject(new Error('the evaluation pool is closed'));
    // All threads start with the first job, so each is listening on the channel before the first
    // workers' reports are shared (a thread started later would miss them and evaluate them again).
    if (this.threads.length === 0) while (this.spawn());
    const pending: Pending = {
      id: this.nextId++,
      job,
      resolve: () => {},
      reject: () => {},
      ...(steps ? { steps } : {}),
    };
    const idle = this.freeFor(pending) ?? this.spawn();
    if (!idle && this.queue.length >= this.options.maxQueue) {
      return Promise.reject(new QueueFullError(this.retryAfterSeconds()));
    }
    return new Promise<JobAnswer>((resolve, reject) => {
      pending.resolve = resolve;
      pending.reject = reject;
      if (idle) this.start(idle, pending);
      else {
        this.queue.push(pending);
        const free = this.queue.length >= STEAL_AT ? this.threads.find((t) => !t.task) : undefined;
        if (free) this.start(free, this.queue.shift()!);
      }
    });
  }

  private stepsOn(p: Pending, thread: Thread): number {
    if (!p.steps) return 0;
    const id = thread.worker.threadId;
    p.known ??= new Map();
    let n = p.known.get(id);
    if (n === undefined) p.known.set(id, (n = p.steps(id)));
    return n;
  }

  /** Whether no other thread is nearer to the job's rota than this one. */
  private nearest(p: Pending, thread: Thread): boolean {
    const n = this.stepsOn(p, thread);
    return n === 0 || !this.threads.some((t) => t !== thread && this.stepsOn(p, t) < n);
  }

  /** Whether the thread may take the job: it rebuilds the rota in a few recipes, or no other thread is nearer. */
  private mayTake(p: Pending, thread: Thread): boolean {
    return this.stepsOn(p, thread) <= MAX_REBUILD || this.nearest(p, thread);
  }

  /** The free thread nearest to the job's rota, if it may take it. */
  private freeFor(p: Pending): Thread | undefined {
    let best: Thread | undefined;
    for (const t of this.threads) if (!t.task && (!best || this.stepsOn(p, t) < this.stepsOn(p, best))) best = t;
    return best && this.mayTake(p, best) ? best : undefined;
  }

  /** Seconds until a thread is likely free for one more job: the work ahead of it, spread over the threads. */
  retryAfterSeconds(): number {
    const ahead = this.queue.length + this.running;
    return Math.max(1, Math.ceil((ahead * this.averageMs) / this.options.threads / 1000));
  }

  /**
   * Starts every thread now, each running the warm-up job (PoolOptions.warmUp) before it takes a job
   * of the clients': for a server that has just started, so its first requests do not pay for code
   * V8 has not yet optimized. Jobs that come meanwhile wait in the threads' ports.
   */
  warm(): void {
    if (this.closed || !this.options.warmUp?.length) return;
    while (this.spawn(true));
  }

  /** Lets the jobs running and waiting finish, then ends the threads. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.running + this.queue.length > 0) await new Promise<void>((resolve) => (this.drained = resolve));
    await Promise.all(this.threads.map((t) => t.worker.terminate()));
    this.threads.length = 0;
  }

  /** A new thread, unless there are enough; with `warm`, it runs the warm-up jobs first. */
  private spawn(warm = false): Thread | undefined {
    if (this.threads.length >= this.options.threads) return undefined;
    // A larger young generation: the engine makes many short-lived objects (as the server's own flag).
    const worker = new Worker(THREAD_ENTRY, {
      workerData: warm ? ({ ...this.data, warmUp: this.options.warmUp } satisfies ThreadData) : this.data,
      resourceLimits: { maxYoungGenerationSizeMb: 64 },
    });
    const thread: Thread = { worker };
    worker.on('message', (message: { id: number; answer: JobAnswer } | { warmedUp: number }) => {
      if ('warmedUp' in message) {
        this.warmUpRuns += message.warmedUp;
        this.warmedThreads++;
        return;
      }
      const { id, answer } = message;
      const task = thread.task;
      if (!task || task.id !== id) return;
      thread.task = undefined;
      // An idle thread does not keep the process alive; a busy one does, until its job is answered.
      worker.unref();
      this.averageMs = 0.8 * this.averageMs + 0.2 * (performance.now() - task.started!);
      task.resolve({ ...answer, thread: worker.threadId });
      this.next(thread);
    });
    // A thread that dies (out of memory, a defect outside a job) fails its job and is replaced when next needed.
    const fail = (err: Error) => {
      const at = this.threads.indexOf(thread);
      if (at >= 0) this.threads.splice(at, 1);
      const task = thread.task;
      thread.task = undefined;
      task?.reject(err);
      const waiting = this.queue.shift();
      if (waiting) {
        const replacement = this.spawn();
        if (replacement) this.start(replacement, waiting);
        else this.queue.unshift(waiting);
      }
      this.checkDrained();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => {
      if (!this.closed || thread.task) fail(new Error(`an evaluation thread ended (exit code ${code})`));
    });
    this.threads.push(thread);
    return thread;
  }

  private start(thread: Thread, task: Pending): void {
    thread.task = task;
    thread.worker.ref();
    task.started = performance.now();
    thread.worker.postMessage({ id: task.id, job: task.job } satisfies ThreadTask);
  }

  /**
   * The first waiting job no other thread is nearer to (in order of arrival: a job no thread holds
   * is not passed over for ever by those some thread holds), else the first it may take (mayTake).
   */
  private next(thread: Thread): void {
    let at = this.queue.findIndex((p) => this.nearest(p, thread));
    if (at < 0) at = this.queue.findIndex((p) => this.mayTake(p, thread));
    if (at < 0 && this.queue.length >= STEAL_AT) at = 0;
    if (at >= 0) this.start(thread, this.queue.splice(at, 1)[0]!);
    this.checkDrained();
  }

  private checkDrained(): void {
    if (this.drained && this.running + this.queue.length === 0) this.drained();
  }
}
