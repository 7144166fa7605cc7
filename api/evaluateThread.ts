// One thread of the evaluation pool (api/pool.ts): runs the jobs it is sent (api/evaluateJob.ts)
// with the bundled rule book and answers each with its bytes, which it hands over without a copy.
// Each thread keeps a workers' report cache; a report one thread evaluates for a rota posted whole
// is sent to the others (a BroadcastChannel of the pool), so a turnus posted again with changes is
// a cache hit whichever thread takes it: one worker's report is a few kilobytes, copied once per
// thread. The reports a save makes (POST /v1/evaluate/changes) are not sent: the next save on the
// rota goes to the thread that holds it (api/pool.ts rebuild steps), and sending them cost every other
// thread a copy, a freeze and a place in its cache for reports it was almost never asked for
// (two threads: 524-527 saves/s before, 578-616 with neither the copies nor saves wandering).
import { BroadcastChannel, parentPort, workerData } from 'node:worker_threads';
import { WorkerReportCache } from '../src/engine/workerReports.ts';
import type { Report } from '../src/report/schema.ts';
import { defaultRuleBook } from '../src/rules/load.ts';
import { type EvaluateJob, runJob } from './evaluateJob.ts';
import { RotaStates } from './rotaStates.ts';

export interface ThreadData {
  workerCacheBytes: number;
  /** The pool's channel for sharing workers' reports. */
  channel: string;
  /** Jobs to run, in order, before the first of the clients' (EvaluatePool.warm). */
  warmUp?: EvaluateJob[];
}

export interface ThreadTask {
  id: number;
  job: EvaluateJob;
}

const { workerCacheBytes, channel: channelName, warmUp } = workerData as ThreadData;
const ruleBook = defaultRuleBook();
const channel = new BroadcastChannel(channelName);
channel.unref();

class SharedWorkerCache extends WorkerReportCache {
  /** Whether the reports set now are sent to the other threads: those of a rota posted whole. */
  sharing = true;

  override set(key: string, report: Report): void {
    super.set(key, report);
    if (this.sharing) channel.postMessage([key, report]);
  }

  /** A report another thread evaluated. */
  receive(key: string, report: Report): void {
    if (!this.has(key)) WorkerReportCache.prototype.set.call(this, key, report);
  }
}

const workerCache = workerCacheBytes > 0 ? new SharedWorkerCache(workerCacheBytes, ruleBook) : undefined;
channel.onmessage = (event) => {
  const [key, report] = (event as { data: [string, Report] }).data;
  workerCache?.receive(key, report);
};

// The rotas held for saves: half the workers' cache again (a held rota shares most of its objects
// with the one it was saved from).
const states = workerCache ? new RotaStates(workerCacheBytes / 2) : undefined;

/**
 * A new thread runs its first jobs on code V8 has not yet compiled or optimized: a fresh server took
 * 0.8-0.9 s for its first load-test turnus (50 workers, 6 weeks, 18 oppdrag) and 100-230 ms for the
 * next few, against about 50 ms warm. The warm-up jobs (api/app.ts) start small, so a client who
 * comes during the first waits little, and end with a municipality with oppdrag; without the caches,
 * as a cached answer would warm nothing and the clients' reports are not the scenarios'.
 */
async function warmUpRuns(jobs: EvaluateJob[]): Promise<void> {
  let runs = 0;
  try {
    for (const job of jobs) {
      // A run's own awaits are microtasks: the port's messages are heard only between runs.
      await new Promise((resolve) => setImmediate(resolve));
      if (clientsCame) break;
      await runJob(job, { ruleBook });
      runs++;
    }
  } catch {
    // Only time is at stake: a warm-up that fails leaves the thread as it would have been without one.
  }
  parentPort!.postMessage({ warmedUp: runs });
}

/** Whether a client's job has come: the warm-up stops at the end of the run in hand. */
let clientsCame = false;
// A client's job waits at most for the warm-up's run in hand (one job at a time on a thread).
const warming = warmUp?.length ? warmUpRuns(warmUp) : undefined;
parentPort!.on('message', async (task: ThreadTask) => {
  clientsCame = true;
  if (warming) await warming;
  await runTask(task);
});

async function runTask({ id, job }: ThreadTask): Promise<void> {
  // One job at a time: the pool sends a thread its next job only when it has answered this one.
  if (workerCache) workerCache.sharing = job.route !== 'save';
  const answer = await runJob(job, {
    ruleBook,
    ...(workerCache ? { workerCache } : {}),
    ...(states ? { states } : {}),
  });
  parentPort!.postMessage({ id, answer }, answer.json ? [answer.json.buffer as ArrayBuffer] : []);
}
