// One worker process of engine/parallel.ts: evaluates the rota parts it is sent with the default
// rule book and sends each report back; asked to, it also renders the part's findings as JSON
// text into a file the parent names, so the parent only copies them to its output, or makes the
// part's text report (the default format). A defect (a file that cannot be written included)
// becomes an error message, not a dead process.
//
// Outside src/engine/: the process puts the engine and the formats together, as the CLI does, and
// the engine may not import the formats (docs/architecture.md, "Import direction").
import { readFileSync, unlinkSync } from 'node:fs';
import { deserialize } from 'node:v8';
import type { PartResult, PartTask } from '../engine/partTask.ts';
import { evaluatePart } from '../engine/rendered.ts';
import { partText, workerNames } from '../format/text.ts';
import { reusePieces } from '../report/encode.ts';
import { writePieces } from '../report/pieceFiles.ts';
import type { Rota } from '../rota/schema.ts';
import { defaultRuleBook } from '../rules/load.ts';

// A parent gone (it failed on another part and removed the folder, or its output was closed and it
// ended) wants no answer and no file; it may go between the check and the send, which then fails
// with EPIPE, answered here rather than as an unhandled error (the channel's 'disconnect' ends this process).
const send = (m: PartResult) => {
  if (process.connected) process.send!(m, undefined, undefined, () => {});
};

/**
 * The part evaluated; its rendered findings written to the task's file, only their counts sent back,
 * or its text made here, only the text sent back.
 */
async function partResult(rota: Rota, task: PartTask): Promise<PartResult> {
  const { render } = task;
  const { rendered, ...evaluated } = await evaluatePart(rota, task.options, {
    ...(render ? { render: { part: render, style: render.style ?? 'json' } } : {}),
    ...(task.annotate ? { annotate: task.annotate } : {}),
    ...(task.suppress ? { suppress: new Set(task.suppress) } : {}),
    ...(task.entries ? { entries: true } : {}),
  });
  const result: PartResult = { id: task.id, ...evaluated };
  if (task.text && evaluated.report) {
    const { report } = evaluated;
    const names = workerNames(rota.workers);
    const text = partText(report, { ...task.text, agreements: defaultRuleBook().agreements, names });
    return { ...result, report: { ...report, findings: [] }, text };
  }
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
