// Errors in one pass (issue 14, item 4): a rota file with several independent mistakes is told all
// of them at once, by the loader, the CLI and the API alike, each with its path and (for a file or
// a body whose text is known) its line and column; a missing field reads "missing"; an unknown
// agreement type, time zone, kind or contract echoes what was given and suggests the nearest name.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../api/app.ts';
import { parseCsvText } from '../../src/import/csv.ts';
import { InputError, type InputIssue } from '../../src/rota/errors.ts';
import { loadRotaFile, parseRotaText, validateRotaDocument } from '../../src/rota/load.ts';
import { editDistance, nearest, nearestTimeZone } from '../../src/rota/suggest.ts';
import { buildTimeline } from '../../src/timeline/build.ts';
import { expectProblem, postJson, postYaml, testApp } from '../api/helpers.ts';
import { lineOf, run, tempDir, write } from '../format/fixtures.ts';

/** The issues `f` throws as an InputError (fails the test when it throws nothing or something else). */
async function issuesOf(f: () => unknown): Promise<InputIssue[]> {
  try {
    await f();
  } catch (err) {
    if (err instanceof InputError) return err.issues;
    throw err;
  }
  throw new Error('expected an InputError');
}

// Five independent mistakes, one of each kind: a schema error (a misspelt kind), a reference to an
// assignment that is not there, an end before its start, a wall time in the spring-forward gap,
// and an unknown agreement type. Each line that holds one carries a marker comment.
const FIVE = `# five mistakes
version: 1
timezone: Europe/Oslo
workers:
  - id: w1
assignments:
  - id: a1
    workerId: w1
    kind: respite-carer   # M1
    contract: oppdrag
periods:
  - assignmentId: a1
    start: 2025-03-07T16:00
    end: 2025-03-09T16:00
  - assignmentId: a2   # M2
    start: 2025-03-14T16:00
    end: 2025-03-16T16:00
  - assignmentId: a1
    start: 2025-03-21T16:00
    end: 2025-03-21T08:00   # M3
  - assignmentId: a1
    start: 2025-03-29T16:00
    end: 2025-03-30T02:30   # M4
agreements:
  - type: avl-4-60   # M5
    workerId: w1
`;

const DST_GAP =
  '"2025-03-30T02:30" does not exist in Europe/Oslo: the clocks skip this hour when summer time starts; write the time with an explicit offset or move it';

const FIVE_ISSUES: InputIssue[] = [
  {
    path: 'assignments[0].kind',
    message: '"respite-carer" is not an assignment kind; did you mean "respite-carer-home"?',
    line: lineOf(FIVE, '# M1'),
    column: 5,
  },
  {
    path: 'periods[1].assignmentId',
    message: 'unknown assignment "a2" (not in assignments)',
    line: lineOf(FIVE, '# M2'),
    column: 5,
  },
  {
    path: 'periods[2].end',
    message: 'must be after start (2025-03-21T16:00); a period cannot end before it begins or last zero time',
    line: lineOf(FIVE, '# M3'),
    column: 5,
  },
  { path: 'periods[3].end', message: DST_GAP, line: lineOf(FIVE, '# M4'), column: 5 },
  {
    path: 'agreements[0].type',
    message: '"avl-4-60" is not an agreement type; did you mean "avl-4-60h"?',
    line: lineOf(FIVE, '# M5'),
    column: 5,
  },
];

/** The same document as plain data, for JSON bodies. */
const FIVE_DOC = {
  version: 1,
  timezone: 'Europe/Oslo',
  workers: [{ id: 'w1' }],
  assignments: [{ id: 'a1', workerId: 'w1', kind: 'respite-carer', contract: 'oppdrag' }],
  periods: [
    { assignmentId: 'a1', start: '2025-03-07T16:00', end: '2025-03-09T16:00' },
    { assignmentId: 'a2', start: '2025-03-14T16:00', end: '2025-03-16T16:00' },
    { assignmentId: 'a1', start: '2025-03-21T16:00', end: '2025-03-21T08:00' },
    { assignmentId: 'a1', start: '2025-03-29T16:00', end: '2025-03-30T02:30' },
  ],
  agreements: [{ type: 'avl-4-60', workerId: 'w1' }],
};

const strip = ({ path, message }: InputIssue) => ({ path, message });

let dir: string;
let app: App;
beforeAll(async () => {
  dir = tempDir();
  app = await testApp();
});
afterAll(async () => {
  await app?.close();
});

describe('five independent mistakes, all five at once', () => {
  it('loadRotaFile: exactly the five, each with its path, line and column, in the order of the file', async () => {
    const file = write(dir, 'five.yaml', FIVE);
    expect(await issuesOf(() => loadRotaFile(file))).toEqual(FIVE_ISSUES);
  });

  it('the CLI: exit 2, no report, one line per mistake naming file, path, message and line', async () => {
    const file = write(dir, 'five-cli.yaml', FIVE);
    const r = await run(['check', file, '--format', 'json']);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err.split('\n')).toEqual(
      FIVE_ISSUES.map((i) => `${file}: ${i.path}: ${i.message} (line ${i.line}, column ${i.column})`),
    );
  });

  it('the API, YAML body: one 400 problem with the five, at the lines and columns the CLI names', async () => {
    const p = expectProblem(await postYaml(app, FIVE), 400);
    expect(p.errors).toEqual(FIVE_ISSUES.map((i) => ({ ...strip(i), in: 'body', line: i.line, column: i.column })));
    expect(p.detail).toMatch(/^5 problems in the rota document/);
  });

  it('the API, JSON body: the same five, in the order of the body', async () => {
    const p = expectProblem(await postJson(app, FIVE_DOC), 400);
    // Placed in the one-line JSON body: line 1, at increasing columns.
    expect(p.errors.map(({ line: _l, column: _c, ...rest }) => rest)).toEqual(
      FIVE_ISSUES.map((i) => ({ ...strip(i), in: 'body' })),
    );
    expect(p.errors.every((e) => e.line === 1)).toBe(true);
    const columns = p.errors.map((e) => e.column ?? 0);
    expect(columns).toEqual([...columns].sort((a, b) => a - b));
    expect(columns[0]).toBeGreaterThan(0);
  });

  it('plain data (no text): the same five in the same order, without lines', async () => {
    expect(await issuesOf(() => validateRotaDocument(FIVE_DOC))).toEqual(FIVE_ISSUES.map(strip));
  });

  it('fixed one by one, the file gets no new round of errors: each fix removes exactly its issue', async () => {
    const fixes: Array<[marker: string, from: string, to: string]> = [
      ['# M1', 'respite-carer ', 'respite-carer-home '],
      ['# M2', 'a2', 'a1'],
      ['# M3', '2025-03-21T08:00', '2025-03-21T20:00'],
      ['# M4', '2025-03-30T02:30', '2025-03-30T04:00'],
      ['# M5', 'avl-4-60 ', 'avl-4-60h '],
    ];
    let text = FIVE;
    let left = FIVE_ISSUES.map((i) => i.path);
    for (const [marker, from, to] of fixes) {
      const lines = text.split('\n');
      const at = lineOf(text, marker) - 1;
      lines[at] = lines[at]!.replace(from, to);
      text = lines.join('\n');
      left = left.slice(1);
      if (left.length === 0) expect(parseRotaText(text, 'yaml').periods).toHaveLength(4);
      else expect((await issuesOf(() => parseRotaText(text, 'yaml'))).map((i) => i.path)).toEqual(left);
    }
    expect(() => buildTimeline(parseRotaText(text, 'yaml'))).not.toThrow();
  });
});

describe('the timeline checks on the parts that validated', () => {
  const base = () => structuredClone(FIVE_DOC) as Record<string, any>;

  it('a reference to an entry whose own id is bad is not called unknown', async () => {
    const doc = base();
    doc.assignments[0].id = '';
    const paths = (await issuesOf(() => validateRotaDocument(doc))).map((i) => i.path);
    expect(paths).toContain('assignments[0].id');
    expect(paths).not.toContain('periods[0].assignmentId');
    expect(paths).not.toContain('periods[1].assignmentId');
  });

  it('a time zone that is none: no DST verdicts, but an end before its start and a date that is none are still named', async () => {
    const doc = base();
    doc.timezone = 'Europe/Olso';
    doc.periods[0].start = '2025-02-30T16:00';
    const issues = (await issuesOf(() => validateRotaDocument(doc))).map(strip);
    expect(issues).toContainEqual({
      path: 'timezone',
      message: '"Europe/Olso" is not a known IANA time zone; did you mean "Europe/Oslo"?',
    });
    expect(issues).toContainEqual({
      path: 'periods[0].start',
      message: '"2025-02-30T16:00" is not a real calendar date and time',
    });
    expect(issues.map((i) => i.path)).toContain('periods[2].end');
    expect(issues.map((i) => i.path)).not.toContain('periods[3].end');
  });

  it('duplicate ids, unknown workers and periods outside the plan come with a schema error elsewhere', async () => {
    const doc = base();
    doc.workers.push({ id: 'w1' });
    doc.assignments.push({ id: 'a3', workerId: 'w9', kind: 'employment', contract: 'arbeidsavtale' });
    doc.plan = { from: '2025-03-03', to: '2025-03-23' };
    const issues = (await issuesOf(() => validateRotaDocument(doc))).map(strip);
    expect(issues).toEqual(
      expect.arrayContaining([
        { path: 'workers[1].id', message: 'duplicate worker id "w1" (first at workers[0])' },
        { path: 'assignments[1].workerId', message: 'unknown worker "w9" (not in workers)' },
        { path: 'periods[3].start', message: 'lies outside the plan (2025-03-03 to 2025-03-23)' },
        { path: 'agreements[0].type', message: '"avl-4-60" is not an agreement type; did you mean "avl-4-60h"?' },
      ]),
    );
  });

  it('an invalid plan is named, and the periods are not judged against it', async () => {
    const doc = base();
    doc.plan = { from: '2025-03-03', to: '23.03.2025' };
    const paths = (await issuesOf(() => validateRotaDocument(doc))).map((i) => i.path);
    expect(paths).toContain('plan.to');
    expect(paths.filter((p) => p.endsWith('.start'))).toEqual([]);
  });

  it('a period with a bad field still has its other fields checked', async () => {
    const doc = base();
    doc.periods[1].passiveHours = -2;
    const issues = (await issuesOf(() => validateRotaDocument(doc))).map(strip);
    expect(issues).toContainEqual({ path: 'periods[1].passiveHours', message: 'must not be negative' });
    expect(issues).toContainEqual({
      path: 'periods[1].assignmentId',
      message: 'unknown assignment "a2" (not in assignments)',
    });
  });

  it('a valid document with variants: the base and every variant in one pass, variant paths under variants[i]', async () => {
    const doc = {
      ...base(),
      assignments: [{ id: 'a1', workerId: 'w1', kind: 'respite-carer-home', contract: 'oppdrag' }],
      agreements: [],
      periods: [{ assignmentId: 'a1', start: '2025-03-07T16:00', end: '2025-03-07T08:00' }],
      variants: [
        { name: 'ok' },
        { name: 'broken', periods: [{ assignmentId: 'nope', start: '2025-03-07T16:00', end: '2025-03-09T16:00' }] },
        { name: 'same-as-base', workers: [{ id: 'w1' }] },
      ],
    };
    expect((await issuesOf(() => validateRotaDocument(doc))).map(strip)).toEqual([
      {
        path: 'periods[0].end',
        message: 'must be after start (2025-03-07T16:00); a period cannot end before it begins or last zero time',
      },
      { path: 'variants[1].periods[0].assignmentId', message: 'unknown assignment "nope" (not in assignments)' },
    ]);
  });
});

describe('YAML errors carry the line (and column)', () => {
  it('a syntax error', async () => {
    const issues = await issuesOf(() => parseRotaText('version: 1\nworkers:\n  - id: w1\n  - id: "w2\n', 'yaml'));
    expect(issues).toHaveLength(1);
    expect(issues[0]!.message).toMatch(/^not valid YAML at line \d+, column \d+: /);
  });

  it('a schema error: the line of the field, or of the entry that lacks it', async () => {
    const text =
      'version: 1\nworkers:\n  - id: w1\nassignments:\n  - { id: a1, workerId: w1, kind: employment, contract: arbeidsavtale }\nperiods:\n  - assignmentId: a1\n    start: 2025-03-10T08:00\n  - { assignmentId: a1, start: 2025-03-11T08:00, end: 2025-03-11T16:00, colour: red }\n';
    expect(await issuesOf(() => parseRotaText(text, 'yaml'))).toEqual([
      { path: 'periods[0].end', message: 'missing', line: 7, column: 5 },
      {
        path: 'periods[1].colour',
        message: 'unknown field (not part of rota file v1; check the spelling)',
        line: 9,
        column: 73,
      },
    ]);
  });

  it('an error the engine finds in a valid file (evaluation, not the schema) names its line too', async () => {
    const file = write(
      dir,
      'gap.yaml',
      FIVE.replace('respite-carer ', 'respite-carer-home ')
        .replace('a2', 'a1')
        .replace('2025-03-21T08:00', '2025-03-21T20:00')
        .replace('avl-4-60 ', 'avl-4-60h '),
    );
    const rota = await loadRotaFile(file);
    expect(await issuesOf(() => buildTimeline(rota))).toEqual([
      { path: 'periods[3].end', message: DST_GAP, line: lineOf(FIVE, '# M4'), column: 5 },
    ]);
    const r = await run(['check', file]);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`${file}: periods[3].end: ${DST_GAP} (line ${lineOf(FIVE, '# M4')}, column 5)`);
  });

  it('a JSON file gets line and column too', async () => {
    const file = write(dir, 'five.json', JSON.stringify(FIVE_DOC, null, 2));
    const issues = await issuesOf(() => loadRotaFile(file));
    expect(issues.map((i) => i.path)).toEqual(FIVE_ISSUES.map((i) => i.path));
    const text = JSON.stringify(FIVE_DOC, null, 2);
    expect(issues[0]!.line).toBe(lineOf(text, '"respite-carer"'));
  });
});

describe('"missing", not "got undefined"', () => {
  it('a missing text, number, enum or version', async () => {
    const doc = structuredClone(FIVE_DOC) as Record<string, any>;
    delete doc.version;
    delete doc.periods[2].end;
    delete doc.assignments[0].contract;
    delete doc.agreements[0].type;
    const issues = (await issuesOf(() => validateRotaDocument(doc))).map(strip);
    expect(issues).toEqual(
      expect.arrayContaining([
        { path: 'version', message: 'missing (must be 1)' },
        { path: 'periods[2].end', message: 'missing' },
        { path: 'assignments[0].contract', message: 'missing (one of "oppdrag", "arbeidsavtale")' },
        { path: 'agreements[0].type', message: 'missing' },
      ]),
    );
    expect(issues.some((i) => /undefined/.test(i.message))).toBe(false);
  });

  it('a missing list', async () => {
    const doc = structuredClone(FIVE_DOC) as Record<string, any>;
    delete doc.periods;
    expect((await issuesOf(() => validateRotaDocument(doc))).map(strip)).toContainEqual({
      path: 'periods',
      message: 'missing',
    });
  });
});

describe('an unknown name echoes what was given and suggests the nearest', () => {
  const withValue = (set: (doc: Record<string, any>) => void) => {
    const doc = {
      version: 1,
      workers: [{ id: 'w1' }],
      assignments: [{ id: 'a1', workerId: 'w1', kind: 'employment', contract: 'arbeidsavtale' }],
      periods: [],
    } as Record<string, any>;
    set(doc);
    return issuesOf(() => validateRotaDocument(doc)).then((issues) => issues.map(strip));
  };

  it.each([
    [
      'agreement type',
      (d: Record<string, any>) => (d.agreements = [{ type: 'avl-4-60' }]),
      'agreements[0].type',
      '"avl-4-60" is not an agreement type; did you mean "avl-4-60h"?',
    ],
    [
      'agreement type, other case',
      (d: Record<string, any>) => (d.agreements = [{ type: 'AML-10-12-4-union-agreemnt' }]),
      'agreements[0].type',
      '"AML-10-12-4-union-agreemnt" is not an agreement type; did you mean "aml-10-12-4-union-agreement"?',
    ],
    [
      'time zone',
      (d: Record<string, any>) => (d.timezone = 'Europe/Olso'),
      'timezone',
      '"Europe/Olso" is not a known IANA time zone; did you mean "Europe/Oslo"?',
    ],
    [
      'time zone, the city alone',
      (d: Record<string, any>) => (d.timezone = 'Oslo'),
      'timezone',
      '"Oslo" is not a known IANA time zone; did you mean "Europe/Oslo"?',
    ],
    [
      'time zone, nothing near',
      (d: Record<string, any>) => (d.timezone = 'Mars/Olympus_Mons'),
      'timezone',
      '"Mars/Olympus_Mons" is not a known IANA time zone (e.g. Europe/Oslo)',
    ],
    [
      'kind',
      (d: Record<string, any>) => (d.assignments[0].kind = 'employmnet'),
      'assignments[0].kind',
      '"employmnet" is not an assignment kind; did you mean "employment"?',
    ],
    [
      'contract',
      (d: Record<string, any>) => (d.assignments[0].contract = 'opdrag'),
      'assignments[0].contract',
      '"opdrag" is not a contract type; did you mean "oppdrag"?',
    ],
    [
      'weekday',
      (d: Record<string, any>) => (d.frames = { weekStart: 'mandag' }),
      'frames.weekStart',
      '"mandag" is not a weekday; did you mean "monday"?',
    ],
    [
      'a field name',
      (d: Record<string, any>) => (d.assignments[0].shiftPatern = 'semi-continuous'),
      'assignments[0].shiftPatern',
      'unknown field (not part of rota file v1; check the spelling); did you mean "shiftPattern"?',
    ],
    [
      'kind, nothing near: every kind, as before',
      (d: Record<string, any>) => (d.assignments[0].kind = 'babysitting'),
      'assignments[0].kind',
      'must be one of "respite-carer-home", "respite-user-home", "support-contact", "employment", got "babysitting"',
    ],
  ])('%s', async (_what, set, path, message) => {
    expect(await withValue(set)).toEqual([{ path, message }]);
  });

  it('CSV rows and import options suggest too', async () => {
    const csv =
      'ansatt;oppdrag;type;kontrakt;start;slutt\nw1;a1;employmnt;arbeidsavtale;10.03.2025 08:00;10.03.2025 16:00\nw2;a2;employment;opdrag;10.03.2025 08:00;10.03.2025 16:00\n';
    const issues = await issuesOf(() => parseCsvText(csv));
    expect(issues.map((i) => i.message)).toEqual([
      expect.stringMatching(/^"employmnt" is not a kind; did you mean "employment"\? \(column C/),
      expect.stringMatching(/^"opdrag" is not a contract type; did you mean "oppdrag"\? \(column D/),
    ]);
    expect((await issuesOf(() => parseCsvText(csv, { timezone: 'Europe/Olso' })))[0]).toEqual({
      path: 'options.timezone',
      message: '"Europe/Olso" is not a known IANA time zone; did you mean "Europe/Oslo"?',
    });
  });
});

describe('edit distance and the nearest name', () => {
  it('counts insertions, deletions, substitutions and neighbour transpositions as one edit each', () => {
    expect(editDistance('', '')).toBe(0);
    expect(editDistance('abc', '')).toBe(3);
    expect(editDistance('avl-4-60', 'avl-4-60h')).toBe(1);
    expect(editDistance('Olso', 'Oslo')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('opdrag', 'oppdrag')).toBe(1);
  });

  it('suggests only what is near, the first of equals', () => {
    expect(nearest('xyz', ['oppdrag', 'arbeidsavtale'])).toBeUndefined();
    expect(nearest('', ['a'])).toBeUndefined();
    expect(nearest('ab', ['ax', 'ay'])).toBe('ax');
    expect(nearestTimeZone('america/new york')).toBe('America/New_York');
    expect(nearestTimeZone('new york')).toBe('America/New_York');
  });
});
