// One worker process of engine/parallel.ts: evaluates the rota parts it is sent with the default
// rule book and sends each report back; asked to, it also renders the part's findings as JSON
// text into a file the parent names, so the parent only copies them to its output. A defect
// (a file that cannot be written included) becomes an error message, not a dead process.
import { readFileSync, unlinkSync } from 'node:fs';
import { deserialize } from 'node:v8';
import type { EvaluateOptions } from './evaluate.ts';
import type { KeptFinding, Wanted } from './partAnnotations.ts';
import { evaluatePart, type RenderedFindings, type RenderStyle } from './rendered.ts';
import { reusePieces } from '../report/encode.ts';
import { writePieces } from '../report/pieceFiles.ts';
import type { Report } from '../report/schema.ts';
import type { Rota } from '../rota/schema.ts';

export interface PartTask {
  id: number;
  /** The file the part's rota was written to (v8.serialize), read and removed here. */
  input: string;
  options: Pick<EvaluateOptions, 'asOf' | 'conversions' | 'violationsOnly' | 'span'>;
  /**
   * Render the findings here, with the whole rota's indexes (the part's index maps), into `file`
   * (created or emptied): the bytes never cross the IPC channel.
   */
  render?: { periodIndex: number[]; agreementIndex: number[]; style?: RenderStyle; file: string };
  /** Keep this many of the part's first findings of each severity, with their entries, for annotations. */
  annotate?: Wanted;
  /** The baseline's keys of the part's workers: those findings are taken out (--baseline). */
  suppress?: string[];
  /** Name every finding's entry, in the part's lists (SARIF). */
  entries?: boolean;
}

/** A part's findings rendered into the file its task named: only their counts come back. */
export interface RenderedFile {
  file: string;
  counts: RenderedFindings['counts'];
}

export interface PartResult {
  id: number;
  report?: Report;
  rendered?: RenderedFile;
  /** The findings kept for annotations (PartTask.annotate), their entries in the part's lists. */
  annotated?: KeptFinding[];
  /** Findings the baseline took out (PartTask.suppress). */
  suppressed?: number;
  /** Each finding's entry (PartTask.entries). */
  entries?: string[];
  error?: { name: string; message: string; stack?: string };
}

// A parent gone (it failed on another part and removed the folder) wants no answer and no file.
const send = (m: PartResult) => {
  if (process.connected) process.send!(m);
};

/** The part evaluated; its rendered findings written to the task's file, only their counts sent back. */
async function partResult(rota: Rota, task: PartTask): Promise<PartResult> {
  const { render } = task;
  const { rendered, ...evaluated } = await evaluatePart(rota, task.options, {
    ...(render ? { render: { part: render, style: render.style ?? 'json' } } : {}),
    ...(task.annotate ? { annotate: task.annotate } : {}),
    ...(task.suppress ? { suppress: new Set(task.suppress) } : {}),
    ...(task.entries ? { entries: true } : {}),
  });
  const result: PartResult = { id: task.id, ...evaluated };
  if (!render || !rendered || !process.connected) return result;
  try {
    writePieces(render.file, rendered.pieces);
    reusePieces(rendered.pieces);
  } catch (err) {
    throw new Error(`cannot write a part's findings to ${render.file}: ${(err as Error).message}`);
  }
  return { ...result, rendered: { file: render.file, counts: rendered.counts } };
}

process.on('message', (task: PartTask) => answer(task));

/** The task's rota, read from its file (the file removed). */
function rotaOf(task: PartTask): Rota {
  const bytes = readFileSync(task.input);
  unlinkSync(task.input);
  return deserialize(bytes) as Rota;
}

async function answer(task: PartTask): Promise<void> {
  try {
    send(await partResult(rotaOf(task), task));
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
}
// The parent going away ends this process too.
process.on('disconnect', () => process.exit(0));
