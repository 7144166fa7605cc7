// One worker process of engine/parallel.ts: evaluates the rota parts it is sent with the default
// rule book and sends each report back; asked to, it also renders the part's findings as JSON
// text, so the parent only writes them. A defect becomes an error message, not a dead process.
import type { EvaluateOptions } from './evaluate.ts';
import { evaluateWhole } from './pipeline.ts';
import { evaluateRendered, type RenderedFindings, type RenderStyle } from './rendered.ts';
import type { Report } from '../report/schema.ts';
import type { Rota } from '../rota/schema.ts';

export interface PartTask {
  id: number;
  rota: Rota;
  options: Pick<EvaluateOptions, 'asOf' | 'conversions' | 'violationsOnly' | 'span'>;
  /** Render the findings here, with the whole rota's indexes (the part's index maps). */
  render?: { periodIndex: number[]; agreementIndex: number[]; style?: RenderStyle };
}

export interface PartResult {
  id: number;
  report?: Report;
  rendered?: RenderedFindings;
  error?: { name: string; message: string; stack?: string };
}

const send = (m: PartResult) => process.send!(m);

process.on('message', async (task: PartTask) => {
  try {
    send(
      task.render
        ? { id: task.id, ...(await evaluateRendered(task.rota, task.options, task.render, task.render.style)) }
        : { id: task.id, report: await evaluateWhole(task.rota, task.options) },
    );
  } catch (err) {
    send({
      id: task.id,
      error: {
        name: (err as Error).name,
        message: (err as Error).message,
        ...((err as Error).stack ? { stack: (err as Error).stack } : {}),
      },
    });
  }
});
// The parent going away ends this process too.
process.on('disconnect', () => process.exit(0));
