// The API's JSON written from the response schema (api/schemaJson.ts): the same text as
// JSON.stringify(z.encode(schema, value)) for every report, in any key order, with keys the schema
// does not name; and the same error as z.encode for a value the schema refuses.
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { jsonBytesWriter, schemaWriter } from '../../api/schemaJson.ts';
import { evaluate } from '../../src/engine/evaluate.ts';
import { HeadroomSchema, type Report, ReportSchema } from '../../src/report/schema.ts';
import { defaultRuleBook } from '../../src/rules/load.ts';
import { validateRotaDocument } from '../../src/rota/load.ts';
import { buildLoadRota } from '../../scripts/load-test.ts';

const SCENARIOS = new URL('../../scenarios/', import.meta.url);
/** What the API answers (jsonBytesWriter), read back as text. */
function jsonWriter<S extends z.ZodType>(schema: S): (value: z.output<S>) => string {
  const write = jsonBytesWriter(schema);
  return (value) => Buffer.from(write(value)).toString('utf8');
}
const writeReport = jsonWriter(ReportSchema);
// The schema's own writer, without z.encode behind it: a report it writes did not fall back.
const fromSchema = schemaWriter(ReportSchema)!;
const zodWay = (value: unknown) => JSON.stringify(z.encode(ReportSchema, value as Report));

/** The records of the schemas here (their keys are data, in the order given, and any key is theirs). */
const RECORDS = new Set(['details', 'findingsByRule', 'conversionsByKind', 'r']);

/** Every object of the value with its keys in reverse order, and a key no schema names; records as they are. */
function reordered(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reordered);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = { extra: 'not in the schema' };
  for (const k of Object.keys(value).reverse()) {
    const v = (value as Record<string, unknown>)[k];
    out[k] = RECORDS.has(k) ? v : reordered(v);
  }
  return out;
}

describe('JSON written from the report schema', () => {
  it('writes the whole report schema itself, and the headroom schema', () => {
    expect(schemaWriter(ReportSchema)).toBeDefined();
    expect(schemaWriter(z.object({ headroom: z.array(HeadroomSchema) }))).toBeDefined();
    // A schema with checks it does not write (a string's length) is written by z.encode.
    const checked = z.object({ s: z.string().min(2) });
    expect(schemaWriter(checked)).toBeUndefined();
    expect(jsonWriter(checked)({ s: 'ab' })).toBe('{"s":"ab"}');
  });

  const expected = readdirSync(SCENARIOS).filter((f) => f.endsWith('.expected.json'));
  it.each(expected)('writes %s as z.encode and JSON.stringify do, in any key order', (file) => {
    const report = JSON.parse(readFileSync(new URL(file, SCENARIOS), 'utf8')) as Report;
    expect(fromSchema(report)).toBe(zodWay(report));
    const shuffled = reordered(report) as Report;
    expect(fromSchema(shuffled)).toBe(zodWay(shuffled));
    expect(writeReport(shuffled)).toBe(writeReport(report));
    expect(writeReport(shuffled)).not.toContain('not in the schema');
  });

  it('writes a report as the engine made it (its own key order, undefined optional fields) as z.encode does', async () => {
    const report = await evaluate(validateRotaDocument(buildLoadRota({ workers: 12, weeks: 6 })), {
      ruleBook: defaultRuleBook(),
    });
    expect(report.findings.length).toBeGreaterThan(0);
    expect(fromSchema(report)).toBe(zodWay(report));
  });

  it('writes any value of a small schema of every kind as z.encode and JSON.stringify do', () => {
    const schema = z.object({
      s: z.string(),
      n: z.number(),
      i: z.array(z.number().int()),
      b: z.boolean().optional(),
      e: z.enum(['a', 'b']),
      l: z.literal(1),
      r: z.record(z.string(), z.number()).optional(),
      o: z.array(z.object({ x: z.string(), y: z.number().optional() })),
    });
    const write = schemaWriter(schema)!;
    const value = fc.record(
      {
        // Every code point, and what JSON.stringify escapes: quotes, backslashes, control characters, lone surrogates.
        s: fc.oneof(
          fc.string({ unit: 'binary' }),
          fc.constantFrom('\ud800', 'a\udc00b', '\ud83d\ude00', '"\\', '\u0000\u001f\u007f', 'æøå € §'),
        ),
        n: fc.double({ noNaN: true, noDefaultInfinity: true }),
        i: fc.array(fc.integer()),
        b: fc.option(fc.boolean(), { nil: undefined }),
        e: fc.constantFrom('a' as const, 'b' as const),
        l: fc.constant(1 as const),
        r: fc.option(fc.dictionary(fc.string(), fc.double({ noNaN: true, noDefaultInfinity: true })), {
          nil: undefined,
        }),
        o: fc.array(fc.record({ x: fc.string(), y: fc.option(fc.integer(), { nil: undefined }) })),
      },
      { requiredKeys: ['s', 'n', 'i', 'e', 'l', 'o'] },
    );
    fc.assert(
      fc.property(value, (v) => {
        expect(write(v)).toBe(JSON.stringify(z.encode(schema, v)));
        const r = reordered(v) as typeof v;
        expect(write(r)).toBe(JSON.stringify(z.encode(schema, r)));
      }),
      { numRuns: 300, seed: 16 },
    );
  });

  it('throws what z.encode throws for a value the schema refuses', () => {
    const report = JSON.parse(readFileSync(new URL('weekend-respite-48h.expected.json', SCENARIOS), 'utf8')) as Report;
    const refused = [
      { ...report, version: 2 },
      { ...report, findings: [{ ...report.findings[0]!, measured: Number.NaN }] },
      { ...report, findings: [{ ...report.findings[0]!, severity: 'fatal' }] },
      { ...report, findings: [{ ...report.findings[0]!, ruleId: undefined }] },
      { ...report, incidents: [{ ...report.incidents[0]!, findingIndexes: [0.5] }] },
    ];
    for (const bad of refused) {
      let zodError: unknown;
      try {
        zodWay(bad);
      } catch (err) {
        zodError = err;
      }
      expect(zodError).toBeInstanceOf(z.ZodError);
      expect(() => fromSchema(bad as Report)).toThrow();
      expect(() => writeReport(bad as Report)).toThrow((zodError as Error).message);
    }
    // A record's key "__proto__" is what z.encode's copy drops: written its way.
    const proto = { ...report, findings: [{ ...report.findings[0]!, details: JSON.parse('{"__proto__":1,"a":2}') }] };
    expect(() => fromSchema(proto)).toThrow();
    expect(writeReport(proto)).toBe(zodWay(proto));
  });
});

describe('the same JSON as UTF-8 bytes (jsonBytesWriter, what the API answers with)', () => {
  const bytesOf = jsonBytesWriter(ReportSchema);
  const utf8 = (text: string) => Buffer.from(text, 'utf8');

  it('writes every scenario report, in any key order, as the bytes of the text z.encode and JSON.stringify give', () => {
    for (const file of readdirSync(SCENARIOS).filter((f) => f.endsWith('.expected.json'))) {
      const report = JSON.parse(readFileSync(new URL(file, SCENARIOS), 'utf8')) as Report;
      expect(Buffer.from(bytesOf(report)).equals(utf8(zodWay(report)))).toBe(true);
      expect(Buffer.from(bytesOf(reordered(report) as Report)).equals(utf8(zodWay(report)))).toBe(true);
    }
  });

  it('writes a report of several megabytes (past the first scratch memory, many times the gathered text) in memory of its own', async () => {
    const report = await evaluate(validateRotaDocument(buildLoadRota({ workers: 120, weeks: 26 })), {
      ruleBook: defaultRuleBook(),
      conversions: false,
    });
    const first = bytesOf(report);
    expect(first.byteLength).toBeGreaterThan(2 << 20);
    expect(Buffer.from(first).equals(utf8(zodWay(report)))).toBe(true);
    // Its own buffer, exactly its size (it is handed to another thread), not the next answer's.
    expect(first.buffer.byteLength).toBe(first.byteLength);
    const second = bytesOf(report);
    expect(second.buffer).not.toBe(first.buffer);
    expect(Buffer.from(second).equals(Buffer.from(first))).toBe(true);
  });

  it('writes every code point and escape of a small schema as the bytes of JSON.stringify', () => {
    const schema = z.object({ s: z.array(z.string()) });
    const write = jsonBytesWriter(schema);
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.string({ unit: 'binary', maxLength: 3000 }),
            fc.constantFrom('\ud800', 'a\udc00b', '\ud83d\ude00', '"\\', 'æøå € §'),
          ),
          { maxLength: 40 },
        ),
        (s) => {
          expect(Buffer.from(write({ s })).equals(utf8(JSON.stringify({ s })))).toBe(true);
        },
      ),
      { numRuns: 200, seed: 16 },
    );
  });

  it('throws what z.encode throws for a value the schema refuses, and writes what only z.encode writes its way', () => {
    const report = JSON.parse(readFileSync(new URL('weekend-respite-48h.expected.json', SCENARIOS), 'utf8')) as Report;
    const bad = { ...report, findings: [{ ...report.findings[0]!, measured: Number.NaN }] };
    expect(() => zodWay(bad)).toThrow(z.ZodError);
    expect(() => bytesOf(bad)).toThrow(z.ZodError);
    const proto = { ...report, findings: [{ ...report.findings[0]!, details: JSON.parse('{"__proto__":1,"a":2}') }] };
    expect(Buffer.from(bytesOf(proto)).equals(utf8(zodWay(proto)))).toBe(true);
    // And a good report right after a refused one (the scratch memory taken by the failed write).
    expect(Buffer.from(bytesOf(report)).equals(utf8(zodWay(report)))).toBe(true);
  });
});
