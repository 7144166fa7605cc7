// A response's JSON written straight from its zod schema: the same text as JSON.stringify of
// z.encode (each object's keys in the schema's order, keys the schema does not name left out,
// undefined properties left out), without z.encode's copy of the whole value first. The load
// turnus's whole report (552 KB) took 2.4-2.5 ms that way and takes 1.7 ms so; a save's answer
// (one worker, 34 KB) was a ninth of the save's time, and its copy a good share of its garbage.
// A string is written as it is unless JSON.stringify would escape something in it.
// The API answers with the bytes (jsonBytesWriter): the text goes into UTF-8 a few kilobytes at a
// time and is never one long string (BytesOut says why): the load turnus's report as bytes took
// 8.1–8.5 ms as one string then encoded, and 2.8–3.9 ms so.
//
// It does not validate beyond what writing needs: whatever it does not expect (a value of another
// type, a number that is not finite, an enum value the schema does not list, a schema it cannot
// write) makes it write the value the old way, z.encode then JSON.stringify, so a defect still
// throws zod's error, and the text is the same whichever way it was written.
import { z } from 'zod';

/** Thrown inside a writer where the value is not what the schema describes: the caller writes it with z.encode. */
class Unexpected extends Error {}
const unexpected = new Unexpected();

/** Where a writer puts its text: one string, or UTF-8 bytes (BytesOut). */
interface Out {
  add(text: string): void;
}

type Write = (value: unknown, out: Out) => void;

/** What JSON.stringify writes other than itself in a string: a quote, a backslash, a control character, a surrogate (a lone one is escaped). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters are what it looks for.
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/** The text as one string (concatenated, as V8 joins strings: a rope flattened when first read). */
class StringOut implements Out {
  text = '';
  add(text: string): void {
    this.text += text;
  }
}

/** Characters gathered before they are encoded: a string this long is still an ordinary young object. */
const FLUSH_CHARS = 8192;
/** Scratch memory a thread keeps for BytesOut (a larger answer's is let go after it). */
const KEEP_SCRATCH_BYTES = 16 << 20;
let scratch: Buffer | undefined;
function takeScratch(): Buffer {
  const taken = scratch ?? Buffer.allocUnsafeSlow(1 << 20);
  scratch = undefined;
  return taken;
}

/**
 * The text as UTF-8 bytes, encoded a few kilobytes at a time into scratch memory and copied out at
 * the end into memory of its own (the answer's buffer is handed to the event loop's thread without
 * a copy, so it may not be a slice of Buffer's shared pool). Why not one string encoded at the end:
 * on Node 20 the first read of a long string built by concatenation (or by JSON.stringify) flattens
 * it into a large object, and for the load turnus's report (570 KB) that took 4.0–5.0 ms, where
 * writing the whole report into bytes this way takes about the time of building the string.
 */
class BytesOut implements Out {
  private pending = '';
  // Taken, so two writers at once (there are none: writing is synchronous) could not share it.
  private buf: Buffer = takeScratch();
  private at = 0;

  add(text: string): void {
    this.pending += text;
    if (this.pending.length >= FLUSH_CHARS) this.flush();
  }

  private flush(): void {
    // A UTF-16 code unit is at most three bytes in UTF-8.
    const need = this.at + this.pending.length * 3;
    if (need > this.buf.length) {
      const grown = Buffer.allocUnsafeSlow(Math.max(need, this.buf.length * 2));
      this.buf.copy(grown, 0, 0, this.at);
      this.buf = grown;
    }
    this.at += this.buf.write(this.pending, this.at, 'utf8');
    this.pending = '';
  }

  bytes(): Uint8Array {
    this.flush();
    const bytes = Buffer.allocUnsafeSlow(this.at);
    this.buf.copy(bytes, 0, 0, this.at);
    scratch = this.buf.length <= KEEP_SCRATCH_BYTES ? this.buf : undefined;
    return bytes;
  }
}

/** A writer for each kind of schema a response uses; undefined for any other (the schema is then written with z.encode). */
function writerOf(schema: z.ZodType): Write | undefined {
  const def = schema._zod.def as z.core.$ZodTypeDef & Record<string, unknown>;
  const checks = (def.checks ?? []) as Array<{ _zod: { def: { check: string; format?: string } } }>;
  switch (def.type) {
    case 'string':
      if (checks.length > 0) return undefined;
      return (v, out) => {
        if (typeof v !== 'string') throw unexpected;
        out.add(NEEDS_ESCAPE.test(v) ? JSON.stringify(v) : `"${v}"`);
      };
    case 'number': {
      const safeint =
        checks.length === 1 &&
        checks[0]!._zod.def.check === 'number_format' &&
        checks[0]!._zod.def.format === 'safeint';
      if (checks.length > 0 && !safeint) return undefined;
      return (v, out) => {
        if (typeof v !== 'number' || !Number.isFinite(v) || (safeint && !Number.isSafeInteger(v))) throw unexpected;
        out.add(String(v));
      };
    }
    case 'boolean':
      return (v, out) => {
        if (typeof v !== 'boolean') throw unexpected;
        out.add(v ? 'true' : 'false');
      };
    case 'enum':
    case 'literal': {
      const allowed = new Set<unknown>(
        def.type === 'enum' ? Object.values(def.entries as object) : (def.values as unknown[]),
      );
      return (v, out) => {
        if (!allowed.has(v)) throw unexpected;
        out.add(JSON.stringify(v));
      };
    }
    case 'array': {
      if (checks.length > 0) return undefined;
      const item = writerOf(def.element as z.ZodType);
      if (!item) return undefined;
      return (v, out) => {
        if (!Array.isArray(v)) throw unexpected;
        out.add('[');
        for (let i = 0; i < v.length; i++) {
          if (i > 0) out.add(',');
          item(v[i], out);
        }
        out.add(']');
      };
    }
    case 'record': {
      const key = (def.keyType as z.ZodType)._zod.def as z.core.$ZodTypeDef;
      const value = writerOf(def.valueType as z.ZodType);
      if (key.type !== 'string' || (key.checks ?? []).length > 0 || checks.length > 0 || !value) return undefined;
      return (v, out) => {
        if (typeof v !== 'object' || v === null || Array.isArray(v)) throw unexpected;
        let first = true;
        out.add('{');
        for (const k of Object.keys(v)) {
          // z.encode's copy would set its prototype, not a property.
          if (k === '__proto__') throw unexpected;
          out.add(`${first ? '' : ','}${JSON.stringify(k)}:`);
          first = false;
          value((v as Record<string, unknown>)[k], out);
        }
        out.add('}');
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
      return (v, out) => {
        if (typeof v !== 'object' || v === null || Array.isArray(v)) throw unexpected;
        let first = true;
        for (const f of fields) {
          const x = (v as Record<string, unknown>)[f.key];
          if (x === undefined) {
            if (f.optional) continue;
            throw unexpected;
          }
          out.add(first ? `{${f.head}` : `,${f.head}`);
          first = false;
          f.write(x, out);
        }
        out.add(first ? '{}' : '}');
      };
    }
    default:
      return undefined;
  }
}

/**
 * The writer from the schema alone, as one string, without z.encode behind it: it throws where
 * jsonBytesWriter would write the value with z.encode; undefined for a schema it cannot write. For
 * the tests, which show that a report is written from the schema and not by z.encode.
 */
export function schemaWriter<S extends z.ZodType>(schema: S): ((value: z.output<S>) => string) | undefined {
  const write = writerOf(schema);
  if (!write) return undefined;
  return (value) => {
    const out = new StringOut();
    write(value, out);
    return out.text;
  };
}

/**
 * JSON.stringify(z.encode(schema, value)) as UTF-8 bytes in memory of their own, written from the
 * schema where it can be, and never held as one long string (BytesOut).
 */
export function jsonBytesWriter<S extends z.ZodType>(schema: S): (value: z.output<S>) => Uint8Array {
  const write = writerOf(schema);
  const slow = (value: z.output<S>) => new Uint8Array(Buffer.from(JSON.stringify(z.encode(schema, value)), 'utf8'));
  if (!write) return slow;
  return (value) => {
    const out = new BytesOut();
    try {
      write(value, out);
    } catch (err) {
      if (err !== unexpected) throw err;
      return slow(value);
    }
    return out.bytes();
  };
}
