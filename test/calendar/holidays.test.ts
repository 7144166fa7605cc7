import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { easterSunday } from '../../src/calendar/easter.ts';
import { holidaysOf, sundayWindows } from '../../src/calendar/holidays.ts';
import { parseInstant } from '../../src/time/instant.ts';

const Z = 'Europe/Oslo';
const iso = (ms: number) => DateTime.fromMillis(ms, { zone: Z }).toISO({ suppressMilliseconds: true });
const windowsBetween = (a: string, b: string) => sundayWindows(parseInstant(a, Z), parseInstant(b, Z), Z);
const hoursOf = (w: { start: number; end: number }) => (w.end - w.start) / 3_600_000;

describe('Easter Sunday (docs/legal/provisions/holidays.md reference dates)', () => {
  it.each([
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2028, '2028-04-16'],
    [2029, '2029-04-01'],
    [2030, '2030-04-21'],
  ])('%i → %s', (year, date) => {
    const e = easterSunday(year);
    expect(`${year}-${String(e.month).padStart(2, '0')}-${String(e.day).padStart(2, '0')}`).toBe(date);
  });
});

describe('holidays', () => {
  it('Ascension 2025, 2026, 2027 and Whit Monday 2027 on 17 May', () => {
    expect(holidaysOf(2025).has('2025-05-29')).toBe(true);
    expect(holidaysOf(2026).has('2026-05-14')).toBe(true);
    expect(holidaysOf(2027).has('2027-05-06')).toBe(true);
    const may17 = holidaysOf(2027).get('2027-05-17')!;
    expect(may17.names.map((n) => n.nb).sort()).toEqual(['17. mai', '2. pinsedag']);
  });
  it('New Year’s Eve is not a holiday', () => {
    expect(holidaysOf(2025).has('2025-12-31')).toBe(false);
  });
});

describe('§ 10-10 windows', () => {
  it('an ordinary Sunday: Saturday 18:00 to Sunday 22:00 is 28 h', () => {
    const [w] = windowsBetween('2025-03-08T00:00', '2025-03-10T00:00');
    expect([iso(w!.start), iso(w!.end), hoursOf(w!)]).toEqual([
      '2025-03-08T18:00:00+01:00',
      '2025-03-09T22:00:00+01:00',
      28,
    ]);
  });
  it('the spring DST Sunday window is 27 h and the autumn one 29 h', () => {
    expect(hoursOf(windowsBetween('2025-03-29T00:00', '2025-03-31T00:00')[0]!)).toBe(27);
    expect(hoursOf(windowsBetween('2025-10-25T00:00', '2025-10-27T00:00')[0]!)).toBe(29);
  });
  it('Easter 2025: Wednesday 18:00 → Good Friday 22:00, then Easter Saturday 15:00 → Easter Monday 22:00', () => {
    const ws = windowsBetween('2025-04-16T00:00', '2025-04-22T00:00');
    expect(ws.map((w) => [iso(w.start), iso(w.end)])).toEqual([
      ['2025-04-16T18:00:00+02:00', '2025-04-18T22:00:00+02:00'],
      ['2025-04-19T15:00:00+02:00', '2025-04-21T22:00:00+02:00'],
    ]);
  });
  it.each([
    [2024, '2024-03-30T15:00:00+01:00', '2024-04-01T22:00:00+02:00', 54],
    [2027, '2027-03-27T15:00:00+01:00', '2027-03-29T22:00:00+02:00', 54],
  ])('Easter %i falls on the spring DST Sunday: the Easter window is one hour short', (year, start, end, h) => {
    const ws = windowsBetween(`${year}-03-26T00:00`, `${year}-04-02T00:00`);
    const easter = ws.find((w) => w.days.some((d) => d.names.some((n) => n.en === 'Easter Sunday')))!;
    expect([iso(easter.start), iso(easter.end), hoursOf(easter)]).toEqual([start, end, h]);
  });
  it('Whit Sunday and Whit Monday on 17 May 2027 merge into one window from Whitsun Eve 15:00', () => {
    const ws = windowsBetween('2027-05-14T00:00', '2027-05-19T00:00');
    expect(ws.map((w) => [iso(w.start), iso(w.end), w.days.map((d) => d.date)])).toEqual([
      ['2027-05-15T15:00:00+02:00', '2027-05-17T22:00:00+02:00', ['2027-05-16', '2027-05-17']],
    ]);
  });
  it('1 May 2025 (a Thursday) starts at 22:00 on the eve, not 18:00', () => {
    const [w] = windowsBetween('2025-04-30T00:00', '2025-05-02T00:00');
    expect([iso(w!.start), iso(w!.end)]).toEqual(['2025-04-30T22:00:00+02:00', '2025-05-01T22:00:00+02:00']);
  });
  it('17 May 2026 is a Sunday: an ordinary Sunday window from Saturday 18:00', () => {
    const [w] = windowsBetween('2026-05-16T00:00', '2026-05-18T00:00');
    expect([iso(w!.start), iso(w!.end)]).toEqual(['2026-05-16T18:00:00+02:00', '2026-05-17T22:00:00+02:00']);
  });
  it('Christmas 2025: Christmas Eve 15:00 to Boxing Day 22:00; New Year from 31 December 18:00', () => {
    const ws = windowsBetween('2025-12-23T00:00', '2026-01-02T00:00');
    expect(ws.map((w) => [iso(w.start), iso(w.end)])).toEqual([
      ['2025-12-24T15:00:00+01:00', '2025-12-26T22:00:00+01:00'],
      ['2025-12-27T18:00:00+01:00', '2025-12-28T22:00:00+01:00'],
      ['2025-12-31T18:00:00+01:00', '2026-01-01T22:00:00+01:00'],
    ]);
  });
});
