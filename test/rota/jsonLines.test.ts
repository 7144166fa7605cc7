// The lines of a JSON rota's entries, found by a scan (src/rota/jsonLines.ts), must be the lines the
// YAML parser gives (locate.ts's yamlLines, which read JSON files before): over random documents
// written in any layout, with strings full of brackets, quotes, escapes and commas, nested values
// and a BOM or CRLF line ends; over the load test's turnus and a generated municipality written the
// way the generator writes them. What the scan cannot stand for goes to the parser.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildLoadRota } from '../../scripts/load-test.ts';
import { generateRota, writeRotaJson } from '../../scripts/generate-rota.ts';
import { jsonEntryLines, topLevelEntries } from '../../src/rota/jsonLines.ts';
import { type LineLocator, yamlLines } from '../../src/rota/locate.ts';

/** Every entry path of the document's top-level lists, and one past the end of each. */
function entryPaths(doc: Record<string, unknown>): string[] {
  const paths: string[] = [];
  for (const [key, value] of Object.entries(doc))
    if (Array.isArray(value)) for (let i = 0; i <= value.length; i++) paths.push(`${key}[${i}]`);
  return paths;
}

function expectSameLines(text: string, doc: Record<string, unknown>): number {
  let asked = 0;
  const scanned = jsonEntryLines(text, () => {
    asked++;
    return yamlLines(text);
  });
  const parsed = yamlLines(text);
  const paths = entryPaths(doc);
  for (const path of paths) expect([path, scanned(path)]).toEqual([path, parsed(path)]);
  // One past the end of a list is not in the document: the scan may ask the parser, which says so.
  return asked;
}

// Strings that a careless scan would read as structure.
const trickyString = fc.oneof(
  fc.string(),
  fc.constantFrom(
    '[',
    ']',
    '{',
    '}',
    ',',
    '"',
    '\\',
    '\\"',
    '"]',
    '\\\\',
    'a,b',
    '[1, 2]',
    '{"k": [3]}',
    'line\nbreak',
    'æøå €',
  ),
);
const leaf = fc.oneof(
  trickyString,
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
);
const value = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    leaf,
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(trickyString, tie('value'), { maxKeys: 3 }),
  ),
})).value;
const docArb = fc
  .record({
    lists: fc.dictionary(
      fc.oneof(
        fc.constantFrom('periods', 'assignments', 'workers', 'agreements'),
        fc.string({ minLength: 1 }).filter((k) => !/[.[\]]/.test(k)),
      ),
      fc.array(value, { maxLength: 6 }),
      { maxKeys: 4 },
    ),
    others: fc.dictionary(trickyString, value, { maxKeys: 3 }),
    indent: fc.constantFrom(undefined, 0, 1, 2, 4, '\t'),
    crlf: fc.boolean(),
    bom: fc.boolean(),
  })
  .map(({ lists, others, indent, crlf, bom }) => {
    const doc: Record<string, unknown> = { ...others, ...lists };
    let text = JSON.stringify(doc, null, indent);
    if (crlf) text = text.replace(/\n/g, '\r\n');
    return { doc: JSON.parse(text) as Record<string, unknown>, text: (bom ? '\uFEFF' : '') + text };
  });

describe('the lines of a JSON rota’s entries, by a scan', () => {
  it('are the YAML parser’s on random documents in any layout', () => {
    let entries = 0;
    fc.assert(
      fc.property(docArb, ({ doc, text }) => {
        expectSameLines(text, doc);
        entries += entryPaths(doc).length;
      }),
      { numRuns: 400, seed: 20261203 },
    );
    expect(entries).toBeGreaterThan(1000);
  });

  it('are the YAML parser’s on the load test’s turnus and a generated municipality, without asking it', () => {
    const turnus = buildLoadRota();
    for (const text of [JSON.stringify(turnus), JSON.stringify(turnus, null, 2)])
      expect(expectSameLines(text, turnus)).toBe(0);
    const parts: string[] = [];
    writeRotaJson(generateRota({ workers: 40, weeks: 8, seed: 3 }), (t) => parts.push(t));
    const text = parts.join('');
    expect(expectSameLines(text, JSON.parse(text))).toBe(0);
  });

  it('leaves to the parser what it cannot stand for', () => {
    const parser = (): LineLocator => () => 99;
    // A key written twice: JSON.parse keeps the last, the parser the first.
    expect(topLevelEntries('{"periods": [1], "periods": [2, 3]}')).toBeUndefined();
    expect(jsonEntryLines('{"periods": [1], "periods": [2, 3]}', parser)('periods[0]')).toBe(99);
    // A carriage return alone is a line break to YAML.
    expect(topLevelEntries('{"periods":\r[1]}')).toBeUndefined();
    // Not a document of lists: an array, an unterminated string.
    expect(topLevelEntries('[1, 2]')).toBeUndefined();
    expect(topLevelEntries('{"periods": ["a]}')).toBeUndefined();
    // A path that is not an entry of a top-level list.
    const lines = jsonEntryLines('{\n"periods": [\n{"start": "x"}\n]\n}', parser);
    expect(lines('periods[0]')).toBe(3);
    expect(lines('periods[0].start')).toBe(99);
    expect(lines('')).toBe(1);
  });
});
