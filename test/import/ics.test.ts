import { describe, expect, it } from 'vitest';
import { parseIcsText, resolveWallTime } from '../../src/import/ics.ts';
import { loadInputFile } from '../../src/import/index.ts';
import { InputError, type InputIssue } from '../../src/rota/errors.ts';
import type { Rota } from '../../src/rota/schema.ts';
import { parseInstant } from '../../src/time/instant.ts';

const FIXTURES = new URL('../fixtures/import/', import.meta.url).pathname;

const calendar = (body: string, head = '') =>
  `BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//NO\r\n${head}${body}END:VCALENDAR\r\n`;
const vevent = (lines: string) =>
  `BEGIN:VEVENT\r\nDTSTAMP:20250101T000000Z\r\n${lines
    .trim()
    .split('\n')
    .map((l) => l.trim())
    .join('\r\n')}\r\nEND:VEVENT\r\n`;

/** Each period as [start, end, hours] (instants exact, so DST nights show their true length). */
function spans(rota: Rota): Array<[string, string, number]> {
  return rota.periods.map((p) => [
    p.start,
    p.end,
    (parseInstant(p.end, rota.timezone) - parseInstant(p.start, rota.timezone)) / 3_600_000,
  ]);
}

function issuesOf(fn: () => unknown): InputIssue[] {
  try {
    fn();
  } catch (err) {
    if (err instanceof InputError) return err.issues;
    throw err;
  }
  throw new Error('expected an InputError');
}

describe('iCalendar import', () => {
  it('reads a calendar file: TZID night across the autumn DST change is 10 h, a UTC event, a weekly RRULE', async () => {
    const rota = await loadInputFile(`${FIXTURES}vakter.ics`);
    expect(rota.timezone).toBe('Europe/Oslo');
    expect(rota.workers).toEqual([{ id: 'kari' }]);
    expect(rota.assignments).toEqual([{ id: 'a1', workerId: 'kari', kind: 'employment', contract: 'arbeidsavtale' }]);
    expect(rota.periods.every((p) => p.assignmentId === 'a1')).toBe(true);
    expect(spans(rota)).toEqual([
      ['2025-03-10T07:30:00+01:00', '2025-03-10T15:00:00+01:00', 7.5],
      // Wednesdays 15:00–23:00: summer time starts on 30 March, the clock times stay.
      ['2025-03-19T15:00:00+01:00', '2025-03-19T23:00:00+01:00', 8],
      ['2025-03-26T15:00:00+01:00', '2025-03-26T23:00:00+01:00', 8],
      ['2025-04-02T15:00:00+02:00', '2025-04-02T23:00:00+02:00', 8],
      // 22:00 CEST to 07:00 CET: the clocks go back an hour in the night, so 10 hours of work.
      ['2025-10-25T22:00:00+02:00', '2025-10-26T07:00:00+01:00', 10],
    ]);
  });

  it('a weekly Saturday night across the autumn change keeps 22:00–07:00 (10 h that night, 9 h the others)', () => {
    const rota = parseIcsText(
      calendar(
        vevent(`UID:lordag
        DTSTART;TZID=Europe/Oslo:20251018T220000
        DTEND;TZID=Europe/Oslo:20251019T070000
        RRULE:FREQ=WEEKLY;COUNT=3`),
      ),
    );
    expect(spans(rota).map((s) => s[2])).toEqual([9, 10, 9]);
    expect(rota.periods[2]).toEqual({
      assignmentId: 'a1',
      start: '2025-11-01T22:00:00+01:00',
      end: '2025-11-02T07:00:00+01:00',
    });
  });

  it('UNTIL written in UTC (as Google does) includes the last occurrence, even without a VTIMEZONE', () => {
    const rota = parseIcsText(
      calendar(
        vevent(`UID:g
        DTSTART;TZID=Europe/Oslo:20251018T220000
        DTEND;TZID=Europe/Oslo:20251019T070000
        RRULE:FREQ=WEEKLY;UNTIL=20251101T210000Z`),
      ),
    );
    expect(rota.periods.map((p) => p.start)).toEqual([
      '2025-10-18T22:00:00+02:00',
      '2025-10-25T22:00:00+02:00',
      '2025-11-01T22:00:00+01:00',
    ]);
  });

  it('EXDATE removes, RECURRENCE-ID moves and STATUS:CANCELLED cancels an occurrence', () => {
    const rota = parseIcsText(
      calendar(
        vevent(`UID:x
        DTSTART;TZID=Europe/Oslo:20250303T080000
        DTEND;TZID=Europe/Oslo:20250303T160000
        RRULE:FREQ=DAILY;COUNT=5
        EXDATE;TZID=Europe/Oslo:20250304T080000`) +
          vevent(`UID:x
        RECURRENCE-ID;TZID=Europe/Oslo:20250305T080000
        DTSTART;TZID=Europe/Oslo:20250305T120000
        DTEND;TZID=Europe/Oslo:20250305T200000`) +
          vevent(`UID:x
        RECURRENCE-ID;TZID=Europe/Oslo:20250306T080000
        STATUS:CANCELLED
        DTSTART;TZID=Europe/Oslo:20250306T080000
        DTEND;TZID=Europe/Oslo:20250306T160000`) +
          vevent(`UID:other
        STATUS:CANCELLED
        DTSTART;TZID=Europe/Oslo:20250310T080000
        DTEND;TZID=Europe/Oslo:20250310T160000`),
      ),
    );
    expect(rota.periods.map((p) => `${p.start}→${p.end}`)).toEqual([
      '2025-03-03T08:00:00+01:00→2025-03-03T16:00:00+01:00',
      '2025-03-05T12:00:00+01:00→2025-03-05T20:00:00+01:00',
      '2025-03-07T08:00:00+01:00→2025-03-07T16:00:00+01:00',
    ]);
  });

  it('an open-ended rule is expanded for one year from its start, deterministically', () => {
    const text = calendar(
      vevent(`UID:w
      DTSTART;TZID=Europe/Oslo:20250106T080000
      DTEND;TZID=Europe/Oslo:20250106T160000
      RRULE:FREQ=WEEKLY`),
    );
    const rota = parseIcsText(text);
    expect(rota.periods).toHaveLength(53);
    expect(rota.periods.at(-1)!.start).toBe('2026-01-05T08:00:00+01:00');
    expect(parseIcsText(text)).toEqual(rota);
  });

  it('--from/--until choose the period, for repeating and single events', () => {
    const text = calendar(
      vevent(`UID:w
      DTSTART;TZID=Europe/Oslo:20250106T080000
      DTEND;TZID=Europe/Oslo:20250106T160000
      RRULE:FREQ=WEEKLY`) +
        vevent(`UID:single
        DTSTART;TZID=Europe/Oslo:20250402T080000
        DTEND;TZID=Europe/Oslo:20250402T160000`),
    );
    expect(
      parseIcsText(text, { from: '2025-03-01', until: '2025-03-31' }).periods.map((p) => p.start.slice(0, 10)),
    ).toEqual(['2025-03-03', '2025-03-10', '2025-03-17', '2025-03-24', '2025-03-31']);
    expect(
      parseIcsText(text, { from: '2025-04-01', until: '2025-04-07' }).periods.map((p) => p.start.slice(0, 10)),
    ).toEqual(['2025-04-02', '2025-04-07']);
  });

  it('more than 1000 occurrences within the horizon is refused, not cut short', () => {
    const issues = issuesOf(() =>
      parseIcsText(
        calendar(
          vevent(`UID:h
          DTSTART:20250101T000000Z
          DTEND:20250101T003000Z
          RRULE:FREQ=HOURLY`),
        ),
      ),
    );
    expect(issues).toEqual([
      { path: 'VEVENT[0].RRULE', message: expect.stringMatching(/more than 1000 occurrences/), line: 9 },
    ]);
  });

  it('an all-day event is rejected with a clear message', async () => {
    const err = (await loadInputFile(`${FIXTURES}heldag.ics`).catch((e: unknown) => e)) as InputError;
    expect(err).toBeInstanceOf(InputError);
    expect(err.file).toMatch(/heldag\.ics$/);
    expect(err.issues).toEqual([
      {
        path: 'VEVENT[1].DTSTART',
        message: expect.stringMatching(
          /event "Avspasering" on 2025-03-07 is an all-day event; a work period needs start and end times/,
        ),
        line: 15,
      },
    ]);
    expect(err.message).toMatch(/heldag\.ics: VEVENT\[1\]\.DTSTART: .* \(line 15\)$/);
  });

  it('worker, assignment, kind, contract and employer come from the options', () => {
    const rota = parseIcsText(
      calendar(
        vevent(`UID:o
        DTSTART;TZID=Europe/Oslo:20250303T080000
        DTEND;TZID=Europe/Oslo:20250303T160000`),
        'X-WR-CALNAME:Kari sine vakter\r\n',
      ),
      { worker: 'w-kari', assignment: 'avl-1', kind: 'respite-carer-home', contract: 'oppdrag', employer: 'kommune-x' },
    );
    expect(rota.workers).toEqual([{ id: 'w-kari' }]);
    expect(rota.assignments).toEqual([
      { id: 'avl-1', workerId: 'w-kari', kind: 'respite-carer-home', contract: 'oppdrag', employer: 'kommune-x' },
    ]);
    expect(rota.periods[0]!.assignmentId).toBe('avl-1');
    const unnamed = parseIcsText(calendar(vevent(`UID:o\nDTSTART:20250303T070000Z\nDTEND:20250303T150000Z`)));
    expect(unnamed.workers).toEqual([{ id: 'w1' }]);
    expect(issuesOf(() => parseIcsText(calendar(''), { kind: 'nurse' }))).toEqual([
      { path: 'options.kind', message: expect.stringContaining('"nurse" is not a kind') },
    ]);
  });

  it('DURATION, floating times and a VTIMEZONE with a Windows zone name', () => {
    const outlookZone =
      'BEGIN:VTIMEZONE\r\nTZID:W. Europe Standard Time\r\nBEGIN:STANDARD\r\nDTSTART:16010101T030000\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\n' +
      'RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10\r\nEND:STANDARD\r\nBEGIN:DAYLIGHT\r\nDTSTART:16010101T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\n' +
      'RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3\r\nEND:DAYLIGHT\r\nEND:VTIMEZONE\r\n';
    const rota = parseIcsText(
      calendar(
        outlookZone +
          vevent(`UID:outlook
          DTSTART;TZID=W. Europe Standard Time:20251025T220000
          DTEND;TZID=W. Europe Standard Time:20251026T070000`) +
          vevent(`UID:duration
          DTSTART;TZID=Europe/Oslo:20251025T220000
          DURATION:PT9H`) +
          vevent(`UID:floating
          DTSTART:20250707T080000
          DTEND:20250707T160000`),
      ),
    );
    expect(spans(rota)).toEqual([
      ['2025-07-07T08:00:00+02:00', '2025-07-07T16:00:00+02:00', 8],
      ['2025-10-25T22:00:00+02:00', '2025-10-26T06:00:00+01:00', 9], // PT9H is exact
      ['2025-10-25T22:00:00+02:00', '2025-10-26T07:00:00+01:00', 10],
    ]);
  });

  it('local times at a DST change follow RFC 5545: a skipped time moves forward, a repeated time is the first', () => {
    expect(new Date(resolveWallTime(Date.UTC(2025, 2, 30, 2, 30), 'Europe/Oslo')).toISOString()).toBe(
      '2025-03-30T01:30:00.000Z',
    );
    expect(new Date(resolveWallTime(Date.UTC(2025, 9, 26, 2, 30), 'Europe/Oslo')).toISOString()).toBe(
      '2025-10-26T00:30:00.000Z',
    );
    const rota = parseIcsText(
      calendar(
        vevent(`UID:gap
        DTSTART;TZID=Europe/Oslo:20250330T023000
        DTEND;TZID=Europe/Oslo:20250330T080000`),
      ),
    );
    expect(rota.periods[0]!.start).toBe('2025-03-30T03:30:00+02:00');
  });

  it('unknown time zones, missing ends, end before start and non-calendars are errors', () => {
    expect(
      issuesOf(() => parseIcsText(calendar(vevent(`UID:m\nDTSTART;TZID=Mars/Base:20250707T080000\nDURATION:PT8H`)))),
    ).toEqual([
      { path: 'VEVENT[0].DTSTART', message: expect.stringMatching(/unknown time zone TZID=Mars\/Base/), line: 7 },
    ]);
    expect(issuesOf(() => parseIcsText(calendar(vevent(`UID:n\nSUMMARY:Vakt\nDTSTART:20250707T080000Z`))))).toEqual([
      {
        path: 'VEVENT[0].DTEND',
        // No DTEND to point at: the line of the event's BEGIN.
        message: expect.stringMatching(/event "Vakt" at 2025-07-07T08:00:00Z has no end/),
        line: 4,
      },
    ]);
    expect(
      issuesOf(() => parseIcsText(calendar(vevent(`UID:b\nDTSTART:20250707T080000Z\nDTEND:20250707T070000Z`))))[0]!
        .message,
    ).toMatch(/does not end after it starts/);
    expect(issuesOf(() => parseIcsText('hello'))[0]!.message).toMatch(/not valid iCalendar/);
    expect(issuesOf(() => parseIcsText(calendar('')))[0]!.message).toMatch(/no shifts/);
  });
});
