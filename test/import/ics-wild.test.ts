// Calendar files from the wild (issue 17): fixtures of the `ical` 0.8.0 npm package and typical
// Google and Outlook exports (test/fixtures/ics-wild/README.md). Bad input is an error naming the
// event, the property and the line, never a crash; revisions of one event count once; what a
// file breaks but can be read is a warning; and no calendar converts into a rota check refuses.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { testApp, expectProblem } from '../api/helpers.ts';
import { parseIcsText } from '../../src/import/ics.ts';
import type { ImportNote } from '../../src/import/notes.ts';
import { InputError, type InputIssue } from '../../src/rota/errors.ts';
import type { Rota } from '../../src/rota/schema.ts';
import { buildTimeline } from '../../src/timeline/build.ts';

const WILD = new URL('../fixtures/ics-wild/', import.meta.url);
const wild = (name: string) => readFileSync(new URL(name, WILD), 'utf8');

const calendar = (body: string) => `BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//NO\r\n${body}END:VCALENDAR\r\n`;
/** An event on lines 4 (BEGIN), 5 (UID), 6 (DTSTAMP), then `lines` from line 7. */
const vevent = (lines: string, uid = 'e') =>
  `BEGIN:VEVENT\r\nUID:${uid}\r\nDTSTAMP:20250101T000000Z\r\n${lines
    .trim()
    .split('\n')
    .map((l) => l.trim())
    .join('\r\n')}\r\nEND:VEVENT\r\n`;

function read(text: string, options = {}): { rota: Rota; notes: ImportNote[] } {
  const notes: ImportNote[] = [];
  const rota = parseIcsText(text, options, (n) => notes.push(n));
  return { rota, notes };
}

/** The issues, each with its line as a field (the CLI prints it as "(line N)", the API's problems carry it). */
function issuesOf(text: string, options = {}): InputIssue[] {
  try {
    parseIcsText(text, options);
  } catch (err) {
    if (!(err instanceof InputError)) throw err; // anything else is the crash (exit 3) this file is about
    for (const i of err.issues) expect(i.message).not.toMatch(/\(line \d+\)$/);
    return err.issues;
  }
  throw new Error('expected an InputError');
}

const starts = (rota: Rota) => rota.periods.map((p) => p.start);

describe('iCalendar from the wild: a bad value is an error naming its line, never a crash', () => {
  it('ical 0.8.0 test1.ics: DTSTART;VALUE=DATE:Next Year names line 74', () => {
    const issues = issuesOf(wild('ical-0.8.0-test1.ics'));
    expect(issues).toContainEqual({
      path: 'VEVENT[8].DTSTART',
      message: 'event "Foobar": DTSTART "Next Year" is not a date; write it like 20250307',
      line: 74,
    });
    // In the order of the file, every one with its line.
    const lines = issues.map((i) => i.line!);
    expect(lines.every((l) => Number.isInteger(l))).toBe(true);
    expect(lines).toEqual([...lines].sort((a, b) => a - b));
  });

  it('a date-only DTSTART with DURATION, and a garbage date, name their event and line', () => {
    expect(issuesOf(wild('bad-dates.ics'))).toEqual([
      {
        path: 'VEVENT[1].DTSTART',
        message:
          'event "Dagvakt": DTSTART "20250307" is a date without a time of day (and not marked VALUE=DATE); a work period needs start and end times, like 20250307T160000',
        line: 16,
      },
      {
        path: 'VEVENT[2].DTSTART',
        message:
          'event "Kveldsvakt": DTSTART "2025-03-08 15:00" is not a date-time; write it like 20250307T160000 (with TZID=… or a Z for UTC)',
        line: 23,
      },
    ]);
  });

  it('garbage in DTEND, DURATION, EXDATE and RECURRENCE-ID, and a date that does not exist', () => {
    const cases: Array<[string, string, RegExp]> = [
      ['DTSTART:20250307T080000\nDTEND:garbage', 'DTEND', /DTEND "garbage" is not a date-time/],
      ['DTSTART:20250307T080000\nDURATION:8H', 'DURATION', /DURATION "8H" is not a duration; write it like PT8H/],
      [
        'DTSTART:20250307T080000\nDURATION:PT8H\nRRULE:FREQ=DAILY;COUNT=3\nEXDATE:garbage',
        'EXDATE',
        /EXDATE "garbage" is not a date-time/,
      ],
      [
        'DTSTART:20250231T080000\nDURATION:PT8H',
        'DTSTART',
        /DTSTART "20250231T080000" is not a real time: there is no 31\.2\.2025/,
      ],
    ];
    for (const [lines, property, message] of cases) {
      const issues = issuesOf(calendar(vevent(lines)));
      expect(issues).toEqual([
        { path: `VEVENT[0].${property}`, message: expect.stringMatching(message), line: expect.any(Number) },
      ]);
      const written = calendar(vevent(lines)).split('\r\n');
      expect(written[issues[0]!.line! - 1]).toMatch(new RegExp(`^${property}[;:]`));
    }
    const rid = issuesOf(
      calendar(
        vevent('DTSTART:20250307T080000\nDURATION:PT8H\nRRULE:FREQ=DAILY;COUNT=3') +
          vevent('RECURRENCE-ID:nonsense\nDTSTART:20250308T090000\nDURATION:PT8H'),
      ),
    );
    expect(rid).toEqual([
      { path: 'VEVENT[1].RECURRENCE-ID', message: expect.stringContaining('"nonsense" is not a date-time'), line: 14 },
    ]);
  });

  it('a line ical.js cannot parse at all is named with its event, property and line', () => {
    expect(issuesOf(calendar(vevent('DTSTART:20250307T080000\nDURATION:PT8H\nRRULE:FREQ=WEEKLY;BYDAY=XX')))).toEqual([
      {
        path: 'VEVENT[0].RRULE',
        message: 'not valid iCalendar: RRULE "FREQ=WEEKLY;BYDAY=XX" cannot be read: invalid BYDAY value "XX"',
        line: 9,
      },
    ]);
  });

  it('the API answers 400 naming the event and the line', async () => {
    const app = await testApp();
    try {
      const res = await app.inject({
        method: 'POST',
        url: '/v1/evaluate',
        payload: wild('bad-dates.ics'),
        headers: { 'content-type': 'text/calendar' },
      });
      const p = expectProblem(res, 400);
      expect(p.errors.map((e) => [e.path, e.line])).toEqual([
        ['VEVENT[1].DTSTART', 16],
        ['VEVENT[2].DTSTART', 23],
      ]);
    } finally {
      await app.close();
    }
  });
});

describe('one revision per event and per changed occurrence: the highest SEQUENCE (RFC 5545)', () => {
  it('a Google export holding a series and one occurrence each in two revisions', () => {
    const { rota, notes } = read(wild('google-kari.ics'));
    // The revised series (SEQUENCE 1) runs to 31 March; the moved Monday is the SEQUENCE 2
    // change (12–20), which comes before the SEQUENCE 1 change (16–23:30) in the file.
    expect(rota.periods.map((p) => `${p.start}→${p.end.slice(11, 16)}`)).toEqual([
      '2025-03-03T15:00:00+01:00→23:00',
      '2025-03-08T08:00:00+01:00→16:00',
      '2025-03-10T12:00:00+01:00→20:00',
      '2025-03-17T15:00:00+01:00→23:00',
      '2025-03-24T15:00:00+01:00→23:00',
      '2025-03-31T15:00:00+02:00→23:00',
    ]);
    expect(notes).toEqual([
      {
        level: 'note',
        path: 'VEVENT[0]',
        message: expect.stringMatching(
          /^event "Kveldsvakt" \(SEQUENCE 0\) is left out: VEVENT\[3\] has the same UID and a higher SEQUENCE \(1\)/,
        ),
        line: 26,
      },
      {
        level: 'note',
        path: 'VEVENT[2]',
        message: expect.stringMatching(
          /RECURRENCE-ID 2025-03-10T15:00:00\+01:00, SEQUENCE 1\) is left out: VEVENT\[1\] has the same UID and RECURRENCE-ID and a higher SEQUENCE \(2\)/,
        ),
        line: 52,
      },
    ]);
  });

  it('two masters with one UID: the higher SEQUENCE wins wherever it stands; a tie goes to the later DTSTAMP', () => {
    const v1 = (seq: number, stamp: string, hour: string) =>
      `BEGIN:VEVENT\r\nUID:same\r\nDTSTAMP:${stamp}\r\nSEQUENCE:${seq}\r\nDTSTART:20250310T${hour}0000Z\r\nDURATION:PT8H\r\nEND:VEVENT\r\n`;
    expect(starts(read(calendar(v1(2, '20250101T000000Z', '07') + v1(1, '20250201T000000Z', '08'))).rota)).toEqual([
      '2025-03-10T08:00:00+01:00',
    ]);
    const tie = read(calendar(v1(1, '20250201T000000Z', '07') + v1(1, '20250101T000000Z', '08')));
    expect(starts(tie.rota)).toEqual(['2025-03-10T08:00:00+01:00']);
    expect(tie.notes.map((n) => [n.path, n.message.match(/later DTSTAMP/)?.[0]])).toEqual([
      ['VEVENT[1]', 'later DTSTAMP'],
    ]);
  });

  it('ical 0.8.0 test3.ics (tvcountdown.com) lists one episode twice under one UID: counted once', () => {
    const { rota, notes } = read(wild('ical-0.8.0-test3.ics'));
    expect(notes).toEqual([
      expect.objectContaining({
        level: 'note',
        path: 'VEVENT[13]',
        message: expect.stringContaining('VEVENT[14] repeats it'),
      }),
    ]);
    expect(new Set(starts(rota)).size).toBe(rota.periods.length);
  });

  it('ical 0.8.0 example_rrule.ics (Google): EXDATEs and a moved occurrence', () => {
    const { rota, notes } = read(wild('ical-0.8.0-example_rrule.ics'));
    expect(notes).toEqual([]);
    expect(rota.periods.map((p) => `${p.start.slice(0, 16)}–${p.end.slice(11, 16)}`)).toEqual([
      '2017-06-01T09:00–17:00',
      '2017-06-08T09:00–17:00',
      '2017-06-15T09:00–17:00',
      '2017-06-22T09:00–17:00',
      '2017-07-03T09:00–12:00', // 29 June, moved and shortened
      '2017-07-27T09:00–17:00',
      '2017-08-10T09:00–17:00',
      '2017-12-01T13:00–15:00',
    ]);
  });
});

describe('repeat rules: read as written, or warned about, or one error', () => {
  it("Outlook: a floating UNTIL with a zoned DTSTART is read in DTSTART's zone, with a warning", () => {
    const { rota, notes } = read(wild('outlook-ola.ics'));
    // UNTIL=20250325T213000 is 21:30 on the wall clock, before that Tuesday's 22:00 night shift
    // (read as UTC it would be 22:30 and take the shift in).
    expect(starts(rota)).toEqual([
      '2025-03-04T22:00:00+01:00',
      '2025-03-11T22:00:00+01:00',
      '2025-03-18T22:00:00+01:00',
      '2025-04-08T08:00:00+02:00',
      '2025-04-09T08:00:00+02:00',
    ]);
    expect(notes.map((n) => [n.level, n.path, n.line])).toEqual([
      ['warning', 'VEVENT[1].RRULE', 51],
      ['warning', 'VEVENT[1].RRULE', 51],
      ['warning', 'VEVENT[0].RRULE', 33],
    ]);
    expect(notes.map((n) => n.message)).toEqual([
      'event "Kurs": RRULE part "X-EVOLUTION-ENDDATE=20250409" is not one RFC 5545 defines; it is ignored',
      'event "Kurs": RRULE gives both COUNT=2 and UNTIL=20250409T220000Z, which RFC 5545 does not allow; the event ends at whichever comes first',
      'event "Nattevakt": UNTIL=20250325T213000 has no time zone while DTSTART has one (RFC 5545 wants UNTIL in UTC, ending in Z); read as 2025-03-25 21:30:00 in W. Europe Standard Time',
    ]);
  });

  it('a date UNTIL with a DTSTART that has a time takes in that whole day, with a warning', () => {
    const { rota, notes } = read(
      calendar(vevent('DTSTART;TZID=Europe/Oslo:20250307T080000\nDURATION:PT8H\nRRULE:FREQ=DAILY;UNTIL=20250309')),
    );
    expect(starts(rota).map((s) => s.slice(0, 10))).toEqual(['2025-03-07', '2025-03-08', '2025-03-09']);
    expect(notes).toEqual([
      expect.objectContaining({
        level: 'warning',
        line: 9,
        message: expect.stringContaining('read as the end of that day'),
      }),
    ]);
  });

  it('a rule whose repetitions cannot be known is one error on its line', () => {
    const cases: Array<[string, RegExp]> = [
      ['garbage', /RRULE "garbage" has no FREQ/],
      ['FREQ=WEEKLY;COUNT=0', /COUNT "0" is not a whole number of occurrences/],
      ['FREQ=DAILY;UNTIL=2025-03-20', /UNTIL "2025-03-20" is not a date written 20250320/],
    ];
    for (const [rule, message] of cases) {
      expect(issuesOf(calendar(vevent(`SUMMARY:Vakt\nDTSTART:20250307T080000\nDURATION:PT8H\nRRULE:${rule}`)))).toEqual(
        [{ path: 'VEVENT[0].RRULE', message: expect.stringMatching(message), line: 10 }],
      );
    }
  });

  it('an interval of 0, a part given twice and an empty part are read as ical.js reads them, with warnings', () => {
    const { rota, notes } = read(
      calendar(vevent('DTSTART:20250307T080000\nDURATION:PT8H\nRRULE:FREQ=WEEKLY;;INTERVAL=0;COUNT=2;COUNT=3')),
    );
    expect(rota.periods).toHaveLength(3);
    expect(notes.map((n) => n.message)).toEqual([
      'event UID e: RRULE "FREQ=WEEKLY;;INTERVAL=0;COUNT=2;COUNT=3" has an empty part (";;"); it is ignored',
      'event UID e: RRULE gives COUNT twice; the last (COUNT=3) is used',
      'event UID e: RRULE\'s INTERVAL "0" is not a whole number of 1 or more; read as INTERVAL=1',
    ]);
  });

  it('one bad repeating event is one error, not one per occurrence', () => {
    const issues = issuesOf(
      calendar(vevent('SUMMARY:Natt\nDTSTART:20250307T220000\nDTEND:20250307T070000\nRRULE:FREQ=DAILY;COUNT=250')),
    );
    expect(issues).toEqual([
      { path: 'VEVENT[0].DTEND', message: expect.stringContaining('does not end after it starts'), line: 9 },
    ]);
  });

  it('a file of many bad events names 100 of them and counts the rest', () => {
    const body = Array.from({ length: 130 }, (_, i) => vevent('DTSTART;VALUE=DATE:20250307\nDURATION:P1D', `d${i}`));
    const issues = issuesOf(calendar(body.join('')));
    expect(issues).toHaveLength(101);
    expect(issues.at(-1)).toEqual({ path: '', message: '… and 30 more problems not shown; fix the ones above first' });
  });
});

describe('no calendar converts into a rota that check refuses', () => {
  it('40 years of history: the span error names the dates and says how to choose a period', () => {
    expect(issuesOf(wild('long-history.ics'))).toEqual([
      {
        path: '',
        message:
          'the shifts span 14635 days (1985-03-04 to 2025-03-28); one rota file may span at most 3653 days (about ten years): choose a shorter period with --from and --until',
      },
    ]);
    const { rota } = read(wild('long-history.ics'), { from: '2025-01-01', until: '2025-12-31' });
    expect(rota.periods).toHaveLength(14); // two staff meetings and twelve day shifts
    expect(() => buildTimeline(rota)).not.toThrow();
  });

  it('an event longer than the longest period names the event and its end', () => {
    expect(issuesOf(calendar(vevent('SUMMARY:Lang\nDTSTART:20250301T080000Z\nDTEND:20250410T080000Z')))).toEqual([
      {
        path: 'VEVENT[0].DTEND',
        message:
          'event "Lang": the period lasts 40 days; one period may last at most 31 days (split longer stays into periods)',
        line: 9,
      },
    ]);
  });
});
