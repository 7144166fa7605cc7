// The JSON writer that never holds a national report's tail as one string (src/format/chunkedJson.ts):
// its pieces joined are JSON.stringify's text, byte for byte, at indent 2 and compact, and no piece
// grows with the document.
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { writeJson } from '../../src/format/chunkedJson.ts';
import { JsonReportStream } from '../../src/format/jsonStream.ts';
import { formatNdjson, writeNdjsonTail } from '../../src/format/ndjson.ts';
import type { Report } from '../../src/report/schema.ts';

const written = (value: unknown, indent: 0 | 2, depth?: number) => {
  const chunks: string[] = [];
  writeJson(value, (c) => chunks.push(c), indent, depth);
  return { text: chunks.join(''), chunks };
};

const reports = readdirSync('scenarios')
  .filter((f) => f.endsWith('.expected.json'))
  .map((f) => [f, JSON.parse(readFileSync(`scenarios/${f}`, 'utf8')) as Report] as const);

describe('writeJson writes what JSON.stringify writes', () => {
  it.each(reports)('%s, at indent 2 and compact, at every depth', (_file, report) => {
    for (const indent of [2, 0] as const)
      for (const depth of [0, 1, 3, 8])
        expect(written(report, indent, depth).text).toBe(JSON.stringify(report, null, indent));
  });

  it('leaves out undefined, functions and symbols as members, writes null for them in arrays, and calls toJSON', () => {
    const odd = {
      a: undefined,
      b: () => 1,
      c: Symbol('s'),
      d: [undefined, () => 1, Symbol('t'), Number.NaN, -0, Number.POSITIVE_INFINITY],
      e: new Date(Date.UTC(2025, 2, 30, 1, 0)),
      f: {},
      g: [],
      h: 'two\nlines "quoted" \u2028',
      i: { nested: { deeper: [{}, [], [[]]] } },
    };
    for (const indent of [2, 0] as const)
      for (const depth of [1, 2, 5]) expect(written(odd, indent, depth).text).toBe(JSON.stringify(odd, null, indent));
  });

  it('on any JSON value (fast-check)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(0 as const, 2 as const), fc.nat(6), (value, indent, depth) => {
        expect(written(value, indent, depth).text).toBe(JSON.stringify(value, null, indent));
      }),
      { numRuns: 300, seed: 20261202 },
    );
  });

  it('writes a long list a slice of elements at a time, the slices following the elements’ sizes', () => {
    // Small elements, then large ones, then small again: the slices grow, shrink and grow.
    const sizes = [...Array(600).fill(5), ...Array(40).fill(20_000), ...Array(900).fill(1)];
    const list = sizes.map((n, i) => ({ i, text: 'å'.repeat(n), nested: [i, { deeper: [] }] }));
    for (const value of [list, { list, after: 1 }, [list]])
      for (const indent of [2, 0] as const)
        for (const depth of [1, 2, 3])
          expect(written(value, indent, depth).text).toBe(JSON.stringify(value, null, indent));
  });

  it('in pieces of about a megabyte however large the document (V8 caps a string near 512 MB)', () => {
    const element = { assignmentId: 'x'.repeat(40), caveats: [{ nb: 'ø'.repeat(2_000), en: 'e'.repeat(2_000) }] };
    const tail = { conversions: Array.from({ length: 3_000 }, () => element) };
    const { text, chunks } = written(tail, 2);
    expect(text).toBe(JSON.stringify(tail, null, 2));
    expect(chunks.length).toBeGreaterThan(10);
    const one = JSON.stringify(element, null, 2).length;
    for (const c of chunks) expect(c.length).toBeLessThan((1 << 20) + 2 * one);
  });
});

describe('the streamed report ends with the tail written in pieces', () => {
  it.each(reports)('%s: the JSON stream and the NDJSON tail are what the whole report gives', (_file, report) => {
    const { version: _v, findings, variants: _x, ...tail } = report;
    let json = '';
    const stream = new JsonReportStream((c) => (json += typeof c === 'string' ? c : new TextDecoder().decode(c)));
    stream.add(findings);
    stream.end(tail);
    const { variants: _variants, ...withoutVariants } = report;
    expect(json).toBe(`${JSON.stringify(withoutVariants, null, 2)}\n`);
    let line = '';
    writeNdjsonTail(tail, (c) => (line += c));
    expect(line).toBe(formatNdjson({ ...withoutVariants, findings: [] }));
  });
});
