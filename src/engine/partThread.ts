// One worker thread of engine/parallel.ts: evaluates the rota parts it is sent with the default
// rule book and sends each report back. A defect becomes an error message, not a dead thread.
import { parentPort } from 'node:worker_threads';
import { evaluate, type EvaluateOptions } from './evaluate.ts';
import type { Rota } from '../rota/schema.ts';

export interface PartTask {
  id: number;
  rota: Rota;
  options: Pick<EvaluateOptions, 'asOf' | 'conversions' | 'violationsOnly' | 'span'>;
}

parentPort!.on('message', async (task: PartTask) => {
  try {
    parentPort!.postMessage({ id: task.id, report: await evaluate(task.rota, task.options) });
  } catch (err) {
    parentPort!.postMessage({ id: task.id, error: { name: (err as Error).name, message: (err as Error).message, stack: (err as Error).stack } });
  }
});
