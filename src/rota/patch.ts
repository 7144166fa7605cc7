// A save of some workers: their parts of a rota (the workers themselves, their assignments, their
// periods and the agreements that name them) sent in place of theirs in a rota the server already
// holds (POST /v1/evaluate/changes). A planner who moves one shift sends that worker's couple of
// kilobytes, not the whole turnus, and the server evaluates only the workers the save changed.
//
// What a save means is this module's: the rota it makes (applyPatch) is the document the answer is
// the report of, so a client can always check an answer by posting that document whole.
import { z } from 'zod';
import { buildTimeline, type Timeline } from '../timeline/build.ts';
import { InputError, type InputIssue } from './errors.ts';
import { validateRotaDocument } from './load.ts';
import { AgreementSchema, AssignmentSchema, PeriodSchema, type Rota, WorkerSchema } from './schema.ts';

export const PATCH_LISTS = ['workers', 'assignments', 'periods', 'agreements'] as const;

/** The body of a save; the schema of the OpenAPI document (the route validates with validatePatch). */
export const RotaPatchSchema = z
  .strictObject({
    workers: z
      .array(WorkerSchema)
      .min(1, 'must list at least one worker')
      .describe('The workers saved: each replaces the worker with the same id, or is added after the others'),
    assignments: z
      .array(AssignmentSchema)
      .default([])
      .describe('Every assignment of the workers saved: they replace all of those workers’ assignments'),
    periods: z
      .array(PeriodSchema)
      .default([])
      .describe('Every period of those assignments: they replace all of the workers’ periods'),
    agreements: z
      .array(AgreementSchema)
      .default([])
      .describe(
        'Every agreement that names one of the workers saved (each must name its worker): they replace theirs; agreements for everyone are changed by posting the whole rota',
      ),
  })
  .describe(
    "Some workers' parts of the rota held under `base`: the workers, all their assignments, periods and agreements. The rota's other fields and the other workers stay as they are.",
  );

/** The workers' parts of a save, validated as a rota of their own (the held rota's frame, plan and time zone). */
export type RotaPatch = Pick<Rota, (typeof PATCH_LISTS)[number]>;

/** A validated save, with the timeline of the saved workers alone (their periods as instants). */
export interface ValidPatch {
  patch: RotaPatch;
  timeline: Timeline;
}

/**
 * The save's document as a rota of the saved workers alone, or an InputError whose paths are the
 * save's own (`periods[2].end`) with its lines and columns where the text is known. Checks, besides
 * the schema and the timeline (wall times, references, the plan): each agreement names a saved
 * worker, and no assignment id is another worker's in the held rota.
 */
export function validatePatch(doc: unknown, base: Rota): ValidPatch {
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc))
    throw new InputError([
      { path: '', message: 'must be an object with workers, assignments, periods and agreements' },
    ]);
  const fields = Object.keys(doc);
  const extra = fields.filter((k) => !(PATCH_LISTS as readonly string[]).includes(k));
  if (extra.length > 0)
    throw new InputError(
      extra.map((k) => ({
        path: k,
        message:
          'not part of a save: a save holds workers, assignments, periods and agreements; the rota’s other fields are the held rota’s (post the whole rota to change them)',
      })),
    );
  // The save read as a rota in the held rota's frame: the schema's and the timeline's messages, with
  // the save's own paths (the same object keeps the text it was read from, for lines and columns).
  const { timezone, frames, plan } = base;
  const lists = doc as Partial<Record<(typeof PATCH_LISTS)[number], unknown>>;
  const asRota = Object.assign(doc, {
    // A list left out is empty, as the schema of the save says.
    ...(lists.assignments === undefined ? { assignments: [] } : {}),
    ...(lists.periods === undefined ? { periods: [] } : {}),
    version: 1,
    timezone,
    ...(frames ? { frames } : {}),
    ...(plan ? { plan } : {}),
  });
  const slice = validateRotaDocument(asRota);
  const timeline = buildTimeline(slice);
  const saved = new Set(slice.workers.map((w) => w.id));
  const ownerOf = new Map(base.assignments.map((a) => [a.id, a.workerId]));
  const issues: InputIssue[] = [];
  slice.assignments.forEach((a, i) => {
    const owner = ownerOf.get(a.id);
    if (owner !== undefined && !saved.has(owner))
      issues.push({
        path: `assignments[${i}].id`,
        message: `assignment id "${a.id}" is worker "${owner}"'s in the held rota (ids are unique across the rota)`,
      });
  });
  slice.agreements.forEach((a, i) => {
    if (a.workerId === undefined)
      issues.push({
        path: `agreements[${i}].workerId`,
        message: 'required in a save: an agreement for every worker is changed by posting the whole rota',
      });
  });
  if (issues.length > 0) throw new InputError(issues);
  const { workers, assignments, periods, agreements } = slice;
  return { patch: { workers, assignments, periods, agreements }, timeline };
}

/**
 * The items of `list` that `owned` picks, replaced by `items`: the first of them take the owned
 * items' places in order, so a save that moves a shift keeps every index of the rota; any more
 * follow the last owned item (or end the list, when none was owned); owned places left over go.
 */
function replaceOwned<T>(list: readonly T[], owned: (item: T) => boolean, items: readonly T[]): T[] {
  const out: T[] = [];
  let next = 0;
  let lastOwned = -1;
  list.forEach((item) => {
    if (!owned(item)) {
      out.push(item);
      return;
    }
    if (next < items.length) out.push(items[next++]!);
    lastOwned = out.length;
  });
  if (next < items.length) {
    const rest = items.slice(next);
    if (lastOwned < 0) out.push(...rest);
    else out.splice(lastOwned, 0, ...rest);
  }
  return out;
}

/**
 * The held rota with the save's workers' parts in place of theirs: a worker with the same id is
 * replaced where it stands, a new one is added after the others; each list's items of the saved
 * workers are replaced as replaceOwned says. Expects a save validated against this rota.
 */
export function applyPatch(base: Rota, patch: RotaPatch): Rota {
  const saved = new Map(patch.workers.map((w) => [w.id, w]));
  const known = new Set(base.workers.map((w) => w.id));
  const workers = base.workers.map((w) => saved.get(w.id) ?? w);
  for (const w of patch.workers) if (!known.has(w.id)) workers.push(w);
  const ownedAssignments = new Set(base.assignments.filter((a) => saved.has(a.workerId)).map((a) => a.id));
  return {
    ...base,
    workers,
    assignments: replaceOwned(base.assignments, (a) => saved.has(a.workerId), patch.assignments),
    periods: replaceOwned(base.periods, (p) => ownedAssignments.has(p.assignmentId), patch.periods),
    agreements: replaceOwned(
      base.agreements,
      (a) => a.workerId !== undefined && saved.has(a.workerId),
      patch.agreements,
    ),
  };
}
