// The parts of an invalid rota document that validate on their own, so that the timeline's checks
// (unknown ids, duplicate ids, end before start, wall times in a DST gap, periods outside the plan)
// run in the same pass as the schema's and a file with five mistakes is told all five at once.
// Each list keeps its length, so every path stays the document's own: an entry that validates is
// kept whole, an object entry keeps the fields that validate, anything else is a hole (undefined).
import type { z } from 'zod';
import type { Loose, RotaParts } from '../timeline/build.ts';
import { AgreementSchema, AssignmentSchema, PeriodSchema, RotaSchema, WorkerSchema } from './schema.ts';

const LISTS = ['workers', 'assignments', 'periods', 'agreements'] as const;
export type ListName = (typeof LISTS)[number];

const ENTRY_SCHEMAS = {
  workers: WorkerSchema,
  assignments: AssignmentSchema,
  periods: PeriodSchema,
  agreements: AgreementSchema,
} as const;

export interface Salvage {
  parts: RotaParts;
  /** false when frames, plan or cycle did not validate: the plan and cycle bounds are then not checked. */
  boundsKnown: boolean;
  /** Each variant that is an object: the lists it gives, salvaged (undefined when given but not a list). */
  variants: Array<{ index: number; lists: Partial<Pick<RotaParts, ListName>>; given: ListName[] }>;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** An entry whole when it validates, else the fields of it that do, else (not an object) a hole. */
function entry<S extends z.ZodObject>(schema: S, raw: unknown): Loose<z.infer<S>> | undefined {
  const whole = schema.safeParse(raw);
  if (whole.success) return whole.data as Loose<z.infer<S>>;
  if (!isRecord(raw)) return undefined;
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
    if (!Object.hasOwn(raw, key)) continue;
    const r = field.safeParse(raw[key]);
    if (r.success && r.data !== undefined) out[key] = r.data;
  }
  return out as Loose<z.infer<S>>;
}

function list(name: ListName, raw: unknown): RotaParts[ListName] {
  if (!Array.isArray(raw)) return undefined;
  const schema: z.ZodObject = ENTRY_SCHEMAS[name];
  return raw.map((x) => entry(schema, x)) as RotaParts[ListName];
}

/** The parts of `doc` that validate; undefined when the document is not even an object. */
export function salvage(doc: unknown): Salvage | undefined {
  if (!isRecord(doc)) return undefined;
  const field = (key: string): z.ZodSafeParseResult<unknown> =>
    (RotaSchema.shape as Record<string, z.ZodType>)[key]!.safeParse(doc[key]);
  const timezone = field('timezone');
  const frames = field('frames');
  const plan = field('plan');
  const cycle = field('cycle');
  const parts: RotaParts = {
    ...(timezone.success ? { timezone: timezone.data as string } : {}),
    ...(frames.success && frames.data !== undefined ? { frames: frames.data as RotaParts['frames'] } : {}),
    ...(plan.success && plan.data !== undefined ? { plan: plan.data as RotaParts['plan'] } : {}),
    ...(cycle.success && cycle.data !== undefined ? { cycle: cycle.data as RotaParts['cycle'] } : {}),
  };
  for (const name of LISTS) {
    // A rota without agreements has none (the schema's default); a missing list of the others is an issue of its own.
    const salvaged = name === 'agreements' && doc[name] === undefined ? [] : list(name, doc[name]);
    if (salvaged) Object.assign(parts, { [name]: salvaged });
  }
  const variants: Salvage['variants'] = [];
  if (Array.isArray(doc.variants)) {
    doc.variants.forEach((v, index) => {
      if (!isRecord(v)) return;
      const given = LISTS.filter((name) => v[name] !== undefined);
      const lists: Salvage['variants'][number]['lists'] = {};
      for (const name of given) Object.assign(lists, { [name]: list(name, v[name]) });
      variants.push({ index, lists, given });
    });
  }
  return { parts, boundsKnown: frames.success && plan.success && cycle.success, variants };
}

/** A variant's rota: the base with each list the variant gives in its place (as src/variants/compare.ts builds it). */
export function variantParts(base: RotaParts, variant: Salvage['variants'][number]): RotaParts {
  const out: RotaParts = { ...base };
  for (const name of variant.given) {
    const given = variant.lists[name];
    if (given) Object.assign(out, { [name]: given });
    else delete out[name];
  }
  return out;
}
