import { describe, expect, it } from 'vitest';
import {
  decodeCsvBytes,
  detectDelimiter,
  parseCsvText,
  readDateTimeCell,
  readHoursCell,
  columnLetter,
} from '../../src/import/csv.ts';
import { loadInputFile } from '../../src/import/index.ts';
import { InputError, type InputIssue } from '../../src/rota/errors.ts';

const FIXTURES = new URL('../fixtures/import/', import.meta.url).pathname;

/** The issues an import throws (fails the test when it does not throw an InputError). */
function issuesOf(fn: () => unknown): InputIssue[] {
  try {
    fn();
  } catch (err) {
    if (err instanceof InputError) return err.issues;
    throw err;
  }
  throw new Error('expected an InputError');
}

const HEADER = 'worker;assignment;kind;contract;start;end';
const csv = (...rows: string[]) => [HEADER, ...rows].join('\n');
const ok = 'w1;a1;employment;arbeidsavtale;07.03.2025 08:00;07.03.2025 16:00';

describe('CSV import: reading spreadsheets', () => {
  it('reads a Norwegian Excel export: BOM, ";", Norwegian headers and dates, decimal comma, a comment column', async () => {
    const rota = await loadInputFile(`${FIXTURES}vakter-semikolon.csv`);
    expect(rota.timezone).toBe('Europe/Oslo');
    expect(rota.workers).toEqual([
      { id: 'w-ingrid', name: 'Ingrid Solbakken' },
      { id: 'w-ola', name: 'Ola Nordmann' },
    ]);
    expect(rota.assignments).toEqual([
      {
        id: 'avl-helg',
        workerId: 'w-ingrid',
        kind: 'respite-carer-home',
        contract: 'oppdrag',
        employer: 'fjordvik-kommune',
      },
      {
        id: 'sykepleie',
        workerId: 'w-ingrid',
        kind: 'employment',
        contract: 'arbeidsavtale',
        employer: 'fjordvik-kommune',
      },
      { id: 'stotte-ola', workerId: 'w-ola', kind: 'support-contact', contract: 'oppdrag' },
    ]);
    expect(rota.periods).toEqual([
      { assignmentId: 'avl-helg', start: '2025-03-07T16:00', end: '2025-03-09T16:00', passiveHours: 16 },
      { assignmentId: 'avl-helg', start: '2025-04-04T16:00', end: '2025-04-06T16:00', passiveHours: 15.5 },
      { assignmentId: 'sykepleie', start: '2025-03-10T07:30', end: '2025-03-10T15:00' },
      { assignmentId: 'stotte-ola', start: '2025-03-08T10:00', end: '2025-03-08T14:00' },
    ]);
    expect(rota.agreements).toEqual([]);
  });

  it('reads a "," file with English headers, ISO dates, a quoted "7,5" and 24:00', async () => {
    const rota = await loadInputFile(`${FIXTURES}vakter-komma.csv`);
    expect(rota.periods).toEqual([
      { assignmentId: 'a1', start: '2025-10-25T22:00', end: '2025-10-26T07:00' },
      { assignmentId: 'a1', start: '2025-03-29T22:00', end: '2025-03-30T07:00', passiveHours: 7.5 },
      { assignmentId: 'a2', start: '2025-12-24T15:00', end: '2025-12-26T00:00', passiveHours: 8 },
    ]);
    expect(rota.assignments.map((a) => a.id)).toEqual(['a1', 'a2']);
  });

  it('gives the same rota for the same sheet saved with ";" and with ","', () => {
    const semi = parseCsvText(
      'arbeidstaker;oppdrag;type;kontrakt;fra;til;passive timer\nw1;a1;employment;arbeidsavtale;7.3.2025 16:00;8.3.2025 08:00;7,5\n',
    );
    const comma = parseCsvText(
      'worker,assignment,kind,contract,start,end,passiveHours\r\nw1,a1,employment,arbeidsavtale,2025-03-07 16:00,2025-03-08T08:00,7.5\r\n',
    );
    expect(semi).toEqual(comma);
  });

  it('detects the separator from the header, honours an Excel "sep=" line and reads tabs', () => {
    expect(detectDelimiter('a;b;c')).toBe(';');
    expect(detectDelimiter('a,b,c')).toBe(',');
    expect(detectDelimiter('"a,b";c;d')).toBe(';');
    expect(detectDelimiter('a\tb\tc')).toBe('\t');
    expect(detectDelimiter('abc')).toBe(',');
    const withSep = parseCsvText(
      `sep=,\nworker,assignment,kind,contract,start,end\nw1,a1,employment,arbeidsavtale,07.03.2025 08:00,07.03.2025 16:00\n`,
    );
    expect(withSep.periods).toHaveLength(1);
    const tabs = parseCsvText(`${HEADER.replaceAll(';', '\t')}\n${ok.replaceAll(';', '\t')}\n`);
    expect(tabs.periods).toEqual([{ assignmentId: 'a1', start: '2025-03-07T08:00', end: '2025-03-07T16:00' }]);
  });

  it('reads UTF-8 with BOM, Windows-1252 (Excel "CSV (semikolondelt)") and UTF-16', () => {
    const text = 'worker;workerName\nw1;Bjørn Ærø\n';
    const utf8 = new TextEncoder().encode(`\uFEFF${text}`);
    const cp1252 = Uint8Array.from([...text].map((c) => ({ ø: 0xf8, Æ: 0xc6 })[c] ?? c.charCodeAt(0)));
    const utf16 = Uint8Array.from([
      0xff,
      0xfe,
      ...[...text].flatMap((c) => [c.charCodeAt(0) & 0xff, c.charCodeAt(0) >> 8]),
    ]);
    expect(decodeCsvBytes(utf8)).toBe(text); // the BOM is consumed
    expect(decodeCsvBytes(cp1252)).toBe(text);
    expect(decodeCsvBytes(utf16)).toBe(text);
    const rota = parseCsvText(
      decodeCsvBytes(cp1252).replace('worker;workerName\nw1;Bjørn Ærø', `${HEADER};navn\n${ok};Bjørn Ærø`),
    );
    expect(rota.workers).toEqual([{ id: 'w1', name: 'Bjørn Ærø' }]);
  });

  it('accepts the date and hour forms a spreadsheet writes', () => {
    const z = 'Europe/Oslo';
    const text = (raw: string) => {
      const r = readDateTimeCell(raw, z);
      return r.ok ? r.value.text : r.message;
    };
    expect(text('2025-03-07T16:00')).toBe('2025-03-07T16:00');
    expect(text('2025-03-07 16:00')).toBe('2025-03-07T16:00');
    expect(text('07.03.2025 16:00')).toBe('2025-03-07T16:00');
    expect(text('7.3.2025 16:00')).toBe('2025-03-07T16:00');
    expect(text('7.3.2025 7:05')).toBe('2025-03-07T07:05');
    expect(text('07.03.2025 kl. 16.00')).toBe('2025-03-07T16:00');
    expect(text('07.03.2025 16:00:30')).toBe('2025-03-07T16:00:30');
    expect(text('31.12.2025 24:00')).toBe('2026-01-01T00:00');
    expect(text('2025-10-26T02:30+01:00')).toBe('2025-10-26T02:30+01:00');
    expect(text('2025-10-26 02:30 +0200')).toBe('2025-10-26T02:30+02:00');
    expect(text('07.03.2025')).toMatch(/has no time of day/);
    expect(text('45723,5')).toMatch(/Excel serial number/);
    expect(text('07/03/2025 16:00')).toMatch(/is not a date and time/);
    expect(text('07.03.25 16:00')).toMatch(/is not a date and time/);
    expect(text('07.03.2025 25:00')).toMatch(/not a valid time of day/);

    const hours = (raw: string) => {
      const r = readHoursCell(raw);
      return r.ok ? r.value : r.message;
    };
    expect(hours('8')).toBe(8);
    expect(hours('7,5')).toBe(7.5);
    expect(hours('7.25')).toBe(7.25);
    expect(hours('7:30')).toBe(7.5);
    expect(hours('-2')).toMatch(/negative/);
    expect(hours('åtte')).toMatch(/not a number of hours/);
    expect(columnLetter(0)).toBe('A');
    expect(columnLetter(25)).toBe('Z');
    expect(columnLetter(26)).toBe('AA');
  });

  it('lets options fill a column the sheet leaves out, and a blank cell', () => {
    const rota = parseCsvText(
      'arbeidstaker;fra;til;type\nw1;07.03.2025 08:00;07.03.2025 16:00;\nw1;08.03.2025 08:00;08.03.2025 16:00;employment\n',
      {
        assignment: 'a1',
        kind: 'employment',
        contract: 'arbeidsavtale',
        employer: 'kommune-x',
      },
    );
    expect(rota.assignments).toEqual([
      { id: 'a1', workerId: 'w1', kind: 'employment', contract: 'arbeidsavtale', employer: 'kommune-x' },
    ]);
    expect(rota.periods).toHaveLength(2);
  });

  it('reads kind and contract case-insensitively, ignores blank rows and "#" columns, keeps the time zone option', () => {
    const rota = parseCsvText(
      `${HEADER};# notat\nw1;a1;Employment;ARBEIDSAVTALE;07.03.2025 08:00;07.03.2025 16:00;x\n;;;;;;\n\n`,
      { timezone: 'Europe/London' },
    );
    expect(rota.timezone).toBe('Europe/London');
    expect(rota.assignments[0]).toMatchObject({ kind: 'employment', contract: 'arbeidsavtale' });
    expect(rota.periods).toHaveLength(1);
  });
});

describe('CSV import: every error names the spreadsheet row and the column', () => {
  it('a date that does not exist: row 5, column start', () => {
    const issues = issuesOf(() =>
      parseCsvText(csv(ok, ok, ok, 'w1;a1;employment;arbeidsavtale;31.02.2025 10:00;01.03.2025 10:00')),
    );
    expect(issues).toEqual([
      { path: 'row 5.start', message: expect.stringContaining('"31.02.2025 10:00" is not a valid date') },
    ]);
    expect(issues[0]!.message).toContain('column E');
  });

  it('a time the clocks skip (30.03.2025 02:30) is refused, not guessed', () => {
    const issues = issuesOf(() =>
      parseCsvText(csv('w1;a1;employment;arbeidsavtale;29.03.2025 22:00;30.03.2025 02:30')),
    );
    expect(issues).toHaveLength(1);
    expect(issues[0]!.path).toBe('row 2.end');
    expect(issues[0]!.message).toMatch(/"30\.03\.2025 02:30" does not exist in Europe\/Oslo/);
  });

  it('a time that happens twice (26.10.2025 02:30) asks for an offset', () => {
    const issues = issuesOf(() =>
      parseCsvText(csv('w1;a1;employment;arbeidsavtale;26.10.2025 02:30;26.10.2025 08:00')),
    );
    expect(issues[0]!.path).toBe('row 2.start');
    expect(issues[0]!.message).toMatch(/happens twice.*\+02:00.*\+01:00/);
  });

  it('the same time with an explicit offset is accepted', () => {
    const rota = parseCsvText(csv('w1;a1;employment;arbeidsavtale;2025-10-26T02:30+01:00;26.10.2025 08:00'));
    expect(rota.periods[0]!.start).toBe('2025-10-26T02:30+01:00');
  });

  it('an unknown kind names the row, the column and the allowed values', () => {
    const issues = issuesOf(() => parseCsvText(csv(ok, 'w1;a2;avlastning;oppdrag;08.03.2025 08:00;08.03.2025 16:00')));
    expect(issues).toEqual([
      {
        path: 'row 3.kind',
        message: expect.stringMatching(
          /"avlastning" is not a kind; use one of respite-carer-home, .*employment \(column C\)/,
        ),
      },
    ]);
  });

  it('a missing column is reported on the header row, with its Norwegian names', () => {
    const issues = issuesOf(() =>
      parseCsvText('arbeidstaker;oppdrag;type;kontrakt;fra\nw1;a1;employment;oppdrag;07.03.2025 08:00\n'),
    );
    expect(issues).toEqual([{ path: 'row 1.end', message: 'missing column "end" (or "slutt", "til", "sluttid")' }]);
  });

  it('an unknown or doubled column is reported on the header row', () => {
    const issues = issuesOf(() => parseCsvText(`${HEADER};passive hourz;fra\n${ok};1;07.03.2025 08:00\n`));
    expect(issues.map((i) => i.path)).toEqual(['row 1.passive hourz', 'row 1.start']);
    expect(issues[0]!.message).toMatch(/unknown column "passive hourz" \(column G\)/);
    expect(issues[1]!.message).toMatch(/column "fra" \(column H\) and column "start" \(column E\) both give start/);
  });

  it('rows of one assignment that disagree: the later row is named, with the earlier one', () => {
    const issues = issuesOf(() =>
      parseCsvText(
        csv(
          ok,
          'w1;a1;support-contact;arbeidsavtale;08.03.2025 08:00;08.03.2025 16:00',
          'w2;a1;employment;oppdrag;09.03.2025 08:00;09.03.2025 16:00',
        ),
      ),
    );
    expect(issues).toEqual([
      {
        path: 'row 3.kind',
        message:
          'assignment "a1" has kind "employment" on row 2 but "support-contact" here; every row of one assignment must agree (column C)',
      },
      {
        path: 'row 4.worker',
        message:
          'assignment "a1" has worker "w1" on row 2 but "w2" here; every row of one assignment must agree (column A)',
      },
      {
        path: 'row 4.contract',
        message:
          'assignment "a1" has contract "arbeidsavtale" on row 2 but "oppdrag" here; every row of one assignment must agree (column D)',
      },
    ]);
  });

  it('conflicting employers and worker names are caught too; a blank cell is not a conflict', () => {
    const issues = issuesOf(() =>
      parseCsvText(
        'worker;name;assignment;kind;contract;employer;start;end\n' +
          'w1;Kari;a1;employment;oppdrag;k1;07.03.2025 08:00;07.03.2025 16:00\n' +
          'w1;;a1;employment;oppdrag;;08.03.2025 08:00;08.03.2025 16:00\n' +
          'w1;Kari N;a1;employment;oppdrag;k2;09.03.2025 08:00;09.03.2025 16:00\n',
      ),
    );
    expect(issues.map((i) => i.path)).toEqual(['row 4.workerName', 'row 4.employer']);
    expect(issues[1]!.message).toContain('employer "k1" on row 2 but "k2" here');
  });

  it('empty required cells, end before start, bad and too many passive hours', () => {
    const issues = issuesOf(() =>
      parseCsvText(
        'worker;assignment;kind;contract;start;end;passive timer\n' +
          ';a1;employment;oppdrag;07.03.2025 08:00;07.03.2025 16:00;\n' +
          'w1;a1;employment;oppdrag;07.03.2025 18:00;07.03.2025 16:00;\n' +
          'w1;a1;employment;oppdrag;08.03.2025 08:00;08.03.2025 16:00;ni\n' +
          'w1;a1;employment;oppdrag;09.03.2025 08:00;09.03.2025 16:00;8,5\n',
      ),
    );
    expect(issues.map((i) => i.path)).toEqual([
      'row 2.worker',
      'row 3.end',
      'row 4.passiveHours',
      'row 5.passiveHours',
    ]);
    expect(issues[0]!.message).toBe('is empty (column A)');
    expect(issues[1]!.message).toMatch(/"07.03.2025 16:00" is not after the start "07.03.2025 18:00"/);
    expect(issues[2]!.message).toMatch(/"ni" is not a number of hours.*\(column G, "passive timer"\)/);
    expect(issues[3]!.message).toMatch(/8,5 passive hours is more than the shift lasts \(8 h\)/);
  });

  it('an unquoted decimal comma in a "," file shows up as a cell beyond the header', () => {
    const issues = issuesOf(() =>
      parseCsvText(
        'worker,assignment,kind,contract,start,end,passiveHours\nw1,a1,employment,oppdrag,2025-03-07 16:00,2025-03-08 08:00,7,5\n',
      ),
    );
    expect(issues).toEqual([
      { path: 'row 2', message: expect.stringMatching(/column H .* must be in quotes \(e\.g\. "7,5"\)/) },
    ]);
  });

  it('row numbers are spreadsheet rows: blank lines count, a cell spanning lines is one row', () => {
    const issues = issuesOf(() =>
      parseCsvText(`${HEADER};kommentar\n${ok};"to\nlinjer"\n\n${ok.replace('07.03.2025 16:00', '7.3.2025 1600')};\n`),
    );
    expect(issues).toEqual([{ path: 'row 4.end', message: expect.stringContaining('"7.3.2025 1600"') }]);
  });

  it('collects every problem in one run', () => {
    const issues = issuesOf(() =>
      parseCsvText(csv('w1;a1;nope;oppdrag;x;y', 'w1;a2;employment;muntlig;07.03.2025 08:00;07.03.2025 16:00')),
    );
    expect(issues.map((i) => i.path)).toEqual(['row 2.kind', 'row 2.start', 'row 2.end', 'row 3.contract']);
  });

  it('a header without rows, an empty file and bad options are errors too', () => {
    expect(issuesOf(() => parseCsvText(`${HEADER}\n`))).toEqual([
      { path: 'row 2', message: expect.stringContaining('no shifts') },
    ]);
    expect(issuesOf(() => parseCsvText(''))[0]!.path).toBe('row 1');
    expect(issuesOf(() => parseCsvText(csv(ok), { kind: 'x', timezone: 'Oslo' })).map((i) => i.path)).toEqual([
      'options.timezone',
      'options.kind',
    ]);
  });

  it('errors from a file carry the file name, the row and the column', async () => {
    const err = await loadInputFile(`${FIXTURES}feil-rader.csv`).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    const e = err as InputError;
    expect(e.file).toMatch(/feil-rader\.csv$/);
    expect(e.issues.map((i) => i.path)).toEqual(['row 3.start', 'row 4.kind', 'row 5.end']);
    expect(e.message).toMatch(/feil-rader\.csv: row 3\.start: "31\.02\.2025 10:00" is not a valid date/);
  });
});
