// The lines of a YAML rota's entries, found by a pass over its lines (src/rota/yamlLines.ts), must
// be the lines the YAML parser gives (locate.ts's yamlLines): over random documents as the yaml
// package writes them in any of its styles (indentation, sequences at their key's indentation or
// in from it, folded long lines, every kind of string), with comments and blank lines between
// entries; over the bundled scenarios, the formatter tests' rota and a generated municipality. What
// the pass does not read, it leaves to the parser.
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { generateRota } from '../../scripts/generate-rota.ts';
import { type LineLocator, yamlLines } from '../../src/rota/locate.ts';
import { topLevelYamlEntries, yamlEntryLines } from '../../src/rota/yamlLines.ts';
import { YAML_ROTA } from '../format/fixtures.ts';
import { parse } from 'yaml';

/** Every entry path of the document's top-level lists, one past the end of each, and a path below an entry. */
function entryPaths(doc: Record<string, unknown>): string[] {
  const paths: string[] = [];
  for (const [key, value] of Object.entries(doc ?? {}))
    if (Array.isArray(value)) for (let i = 0; i <= value.length; i++) paths.push(`${key}[${i}]`);
  return paths;
}

/** Whether the pass read the text itself (true) or left it to the parser; the lines are the same either way. */
function expectSameLines(text: string): boolean {
  let asked = 0;
  const passed = yamlEntryLines(text, () => {
    asked++;
    return yamlLines(text);
  });
  const parsed = yamlLines(text);
  for (const path of entryPaths(parse(text) as Record<string, unknown>))
    expect([path, passed(path)]).toEqual([path, parsed(path)]);
  return asked === 0;
}

const text = fc.oneof(
  fc.string(),
  fc.constantFrom(
    '- a',
    'key: value',
    '# not a comment',
    'a\nb\n- c',
    '  - x',
    "it's",
    '"q"',
    '&a',
    '*b',
    '|',
    '>',
    'x'.repeat(90),
    'ord og ord '.repeat(12),
  ),
);
const leaf = fc.oneof(text, fc.integer(), fc.boolean(), fc.constant(null));
const value = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    leaf,
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), tie('value'), { maxKeys: 3 }),
  ),
})).value;
const key = fc.oneof(
  fc.constantFrom('periods', 'assignments', 'workers', 'agreements', 'version'),
  fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_-]{0,8}$/),
);
const docArb = fc.record({
  doc: fc.dictionary(
    key,
    fc.oneof(
      fc.array(value, { maxLength: 5 }),
      fc.array(fc.dictionary(fc.stringMatching(/^[a-z]{1,6}$/), leaf, { maxKeys: 4 }), { maxLength: 5 }),
      value,
    ),
    { minKeys: 1, maxKeys: 4 },
  ),
  indent: fc.constantFrom(2, 4),
  indentSeq: fc.boolean(),
  lineWidth: fc.constantFrom(0, 20, 80),
  stringType: fc.constantFrom(
    'PLAIN',
    'QUOTE_DOUBLE',
    'QUOTE_SINGLE',
    'BLOCK_LITERAL',
    'BLOCK_FOLDED',
  ) as fc.Arbitrary<'PLAIN'>,
  // Keys plain mostly, as rota files write them; quoted sometimes (the parser's, then).
  keyType: fc.constantFrom('PLAIN', 'PLAIN', 'PLAIN', 'QUOTE_DOUBLE') as fc.Arbitrary<'PLAIN'>,
  crlf: fc.boolean(),
  comments: fc.array(fc.constantFrom('', '# note', '# - not an entry'), { maxLength: 4 }),
});

function written({
  doc,
  indent,
  indentSeq,
  lineWidth,
  stringType,
  keyType,
  crlf,
  comments,
}: typeof docArb extends fc.Arbitrary<infer T> ? T : never): string {
  const lines = stringify(doc, {
    indent,
    indentSeq,
    lineWidth,
    defaultStringType: stringType,
    defaultKeyType: keyType,
    aliasDuplicateObjects: false,
  }).split('\n');
  // Comments and blank lines before top-level lines, where they cannot fall inside a scalar.
  const out: string[] = [];
  let k = 0;
  for (const line of lines) {
    if (line.length > 0 && line[0] !== ' ' && k < comments.length) out.push(comments[k++]!);
    out.push(line);
  }
  return out.join(crlf ? '\r\n' : '\n');
}

describe('the lines of a YAML rota’s entries, by a pass over its lines', () => {
  it('are the parser’s on random documents in the yaml package’s styles', () => {
    let read = 0;
    let runs = 0;
    fc.assert(
      fc.property(docArb, (d) => {
        runs++;
        if (expectSameLines(written(d))) read++;
      }),
      { numRuns: 400, seed: 20261203 },
    );
    // Most documents are read by the pass itself: the comparison is not the parser against itself.
    expect(read).toBeGreaterThan(runs / 3);
  });

  it('are the parser’s on the scenarios, the formatter tests’ rota and a generated municipality, read by the pass', () => {
    const texts = readdirSync('scenarios')
      .filter((f) => /\.ya?ml$/.test(f))
      .map((f) => readFileSync(`scenarios/${f}`, 'utf8'));
    texts.push(
      YAML_ROTA,
      YAML_ROTA.replace(/\n/g, '\r\n'),
      stringify(generateRota({ workers: 40, weeks: 8, seed: 3 }), { aliasDuplicateObjects: false }),
    );
    for (const t of texts) expect(expectSameLines(t)).toBe(true);
  });

  it('leaves to the parser what it does not read', () => {
    const unread = [
      'periods:\n  - &a {x: 1}\n  - *a\n', // an anchor and an alias where entries start
      'periods: [1, 2]\n', // a flow sequence: no block entries to count, so no list of its own
      '"periods":\n  - 1\n', // a quoted key
      '---\nperiods:\n  - 1\n', // a document marker
      'periods:\n\t- 1\n', // a tab
      'periods:\r  - 1\r', // carriage returns without line feeds
      'periods:\n  - "one\n    - two"\n', // a quoted scalar over lines
      'periods:\n  -\n  - 2\n', // an empty entry
      'periods:\n  - 1\nperiods:\n  - 2\n', // a key twice
      '? periods\n: - 1\n', // a complex key
    ];
    for (const t of unread.slice(1, 2)) expect(topLevelYamlEntries(t)?.get('periods')).toBeUndefined();
    for (const t of [...unread.slice(0, 1), ...unread.slice(2)])
      expect([t, topLevelYamlEntries(t)]).toEqual([t, undefined]);
    const parser = (): LineLocator => () => 99;
    const lines = yamlEntryLines('periods:\n  # first\n  -\n    start: x\n  - end: y\n', parser);
    expect(lines('periods[0]')).toBe(4);
    expect(lines('periods[1]')).toBe(5);
    expect(lines('periods[2]')).toBeUndefined();
    expect(lines('periods[0].start')).toBe(99);
    expect(lines('')).toBe(1);
  });
});
