// A response's JSON written straight from its zod schema: the same text as JSON.stringify of
// z.encode (each object's keys in the schema's order, keys the schema does not name left out,
// undefined properties left out), without z.encode's copy of the whole value first. The load
// turnus's whole report (552 KB) took 2.4-2.5 ms that way and takes 1.7 ms so; a save's answer
// (one worker, 34 KB) was a ninth of the save's time, and its copy a good share of its garbage.
// A string is written as it is unless JSON.stringify would escape something in it.
//
// It does not validate beyond what writing needs: whatever it does not expect (a value of another
// type, a number that is not finite, an enum value the schema does not list, a schema it cannot
// write) makes it write the value the old way, z.encode then JSON.stringify, so a defect still
// throws zod's error, and the text is the same whichever way it was written.
import { z } from 'zod';

/** Thrown inside a writer where the value is not what the schema describes: the caller writes it with z.encode. */
class Unexpected extends Error {}
const unexpected = new Unexpected();

type Write = (value: unknown) => string;

/** What JSON.stringify writes other than itself in a string: a quote, a backslash, a control character, a surrogate (a lone one is escaped). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters are what it looks for.
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/** A writer for each kind of schema a response uses; undefined for any other (the schema is then written with z.encode). */
function writerOf(schema: z.ZodType): Write | undefined {
  const def = schema._zod.def as z.core.$ZodTypeDef & Record<string, unknown>;
  const checks = (def.checks ?? []) as Array<{ _zod: { def: { check: string; format?: string } } }>;
  switch (def.type) {
    case 'string':
      if (checks.length > 0) return undefined;
      return (v) => {
        if (typeof v !== 'string') throw unexpected;
        return NEEDS_ESCAPE.test(v) ? JSON.stringify(v) : `"${v}"`;
      };
    case 'number': {
      const safeint =
        checks.length === 1 &&
        checks[0]!._zod.def.check === 'number_format' &&
        checks[0]!._zod.def.format === 'safeint';
      if (checks.length > 0 && !safeint) return undefined;
      return (v) => {
        if (typeof v !== 'number' || !Number.isFinite(v) || (safeint && !Number.isSafeInteger(v))) throw unexpected;
        return String(v);
      };
    }
    case 'boolean':
      return (v) => {
        if (typeof v !== 'boolean') throw unexpected;
        return v ? 'true' : 'false';
      };
    case 'enum':
    case 'literal': {
      const allowed = new Set<unknown>(
        def.type === 'enum' ? Object.values(def.entries as object) : (def.values as unknown[]),
      );
      return (v) => {
        if (!allowed.has(v)) throw unexpected;
        return JSON.stringify(v);
      };
    }
    case 'array': {
      if (checks.length > 0) return undefined;
      const item = writerOf(def.element as z.ZodType);
      if (!item) return undefined;
      return (v) => {
        if (!Array.isArray(v)) throw unexpected;
        if (v.length === 0) return '[]';
        let out = `[${item(v[0])}`;
        for (let i = 1; i < v.length; i++) out += `,${item(v[i])}`;
        return `${out}]`;
      };
    }
    case 'record': {
      const key = (def.keyType as z.ZodType)._zod.def as z.core.$ZodTypeDef;
      const value = writerOf(def.valueType as z.ZodType);
      if (key.type !== 'string' || (key.checks ?? []).length > 0 || checks.length > 0 || !value) return undefined;
      return (v) => {
        if (typeof v !== 'object' || v === null || Array.isArray(v)) throw unexpected;
        let out = '';
        for (const k of Object.keys(v)) {
          // z.encode's copy would set its prototype, not a property.
          if (k === '__proto__') throw unexpected;
          out += `${out ? ',' : ''}${JSON.stringify(k)}:${value((v as Record<string, unknown>)[k])}`;
        }
        return `{${out}}`;
      };
    }
    case 'object': {
      if (def.catchall !== undefined || checks.length > 0) return undefined;
      const fields: Array<{ key: string; head: string; optional: boolean; write: Write }> = [];
      for (const [key, field] of Object.entries(def.shape as Record<string, z.ZodType>)) {
        const optional = field._zod.def.type === 'optional';
        const inner = optional ? ((field._zod.def as z.core.$ZodOptionalDef).innerType as z.ZodType) : field;
        const write = writerOf(inner);
        if (!write) return undefined;
        fields.push({ key, head: `${JSON.stringify(key)}:`, optional, write });
      }
      return (v) => {
        if (typeof v !== 'object' || v === null || Array.isArray(v)) throw unexpected;
        let out = '';
        for (const f of fields) {
          const x = (v as Record<string, unknown>)[f.key];
          if (x === undefined) {
            if (f.optional) continue;
            throw unexpected;
          }
          out += `${out ? ',' : ''}${f.head}${f.write(x)}`;
        }
        return `{${out}}`;
      };
    }
    default:
      return undefined;
  }
}

/**
 * The writer from the schema alone, without z.encode behind it: it throws where jsonWriter would
 * write the value with z.encode; undefined for a schema it cannot write. For the tests, which show
 * that a report is written from the schema and not by z.encode.
 */
export function schemaWriter<S extends z.ZodType>(schema: S): ((value: z.output<S>) => string) | undefined {
  return writerOf(schema);
}

/** JSON.stringify(z.encode(schema, value)), written from the schema where it can be. */
export function jsonWriter<S extends z.ZodType>(schema: S): (value: z.output<S>) => string {
  const write = writerOf(schema);
  const slow = (value: z.output<S>) => JSON.stringify(z.encode(schema, value));
  if (!write) return slow;
  return (value) => {
    try {
      return write(value);
    } catch (err) {
      if (err !== unexpected) throw err;
      return slow(value);
    }
  };
}
