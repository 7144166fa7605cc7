// Exact time: wall-clock text in Europe/Oslo names exactly one instant, or is refused.
import { describe, expect, it } from 'vitest';
import {
  formatInstant,
  hours,
  localDate,
  LocalTimeError,
  msFromHours,
  parseInstant,
  startOfLocalDate,
} from '../../src/time/instant.ts';

const OSLO = 'Europe/Oslo';
const utc = (iso: string): number => Date.parse(iso);

function refusal(text: string): LocalTimeError {
  try {
    parseInstant(text, OSLO);
  } catch (err) {
    if (err instanceof LocalTimeError) return err;
    throw err;
  }
  throw new Error(`"${text}" was accepted`);
}

describe('parseInstant: local wall time in Europe/Oslo', () => {
  it.each([
    { name: 'winter time is UTC+1', text: '2025-03-07T16:00', expected: '2025-03-07T15:00:00Z' },
    { name: 'summer time is UTC+2', text: '2025-07-01T16:00', expected: '2025-07-01T14:00:00Z' },
    { name: 'seconds are read', text: '2025-03-07T10:00:30', expected: '2025-03-07T09:00:30Z' },
    { name: 'a space may separate date and time', text: '2025-03-07 10:00', expected: '2025-03-07T09:00:00Z' },
    { name: 'leap day 2024 exists', text: '2024-02-29T12:00', expected: '2024-02-29T11:00:00Z' },
    {
      name: 'the last minute before the spring gap is still winter time',
      text: '2025-03-30T01:59',
      expected: '2025-03-30T00:59:00Z',
    },
    {
      name: 'the first wall time after the spring gap is summer time',
      text: '2025-03-30T03:00',
      expected: '2025-03-30T01:00:00Z',
    },
    {
      name: 'the last minute before the autumn repeat is summer time',
      text: '2025-10-26T01:59',
      expected: '2025-10-25T23:59:00Z',
    },
    {
      name: 'the first wall time after the autumn repeat is winter time',
      text: '2025-10-26T03:00',
      expected: '2025-10-26T02:00:00Z',
    },
    { name: 'midnight at the start of the spring DST day', text: '2025-03-30T00:00', expected: '2025-03-29T23:00:00Z' },
    { name: 'midnight at the start of the autumn DST day', text: '2025-10-26T00:00', expected: '2025-10-25T22:00:00Z' },
  ])('$name ($text)', ({ text, expected }) => {
    expect(parseInstant(text, OSLO)).toBe(utc(expected));
  });
});

describe('parseInstant: explicit offsets name the instant regardless of the zone', () => {
  it.each([
    {
      name: 'autumn repeated 02:30, first time round (+02:00)',
      text: '2025-10-26T02:30+02:00',
      expected: '2025-10-26T00:30:00Z',
    },
    {
      name: 'autumn repeated 02:30, second time round (+01:00)',
      text: '2025-10-26T02:30+01:00',
      expected: '2025-10-26T01:30:00Z',
    },
    { name: 'Z is UTC', text: '2025-03-07T10:00Z', expected: '2025-03-07T10:00:00Z' },
    { name: 'a negative half-hour offset', text: '2025-03-07T10:00-03:30', expected: '2025-03-07T13:30:00Z' },
    {
      name: 'an offset makes a spring-gap wall time unambiguous',
      text: '2025-03-30T02:30+01:00',
      expected: '2025-03-30T01:30:00Z',
    },
  ])('$name ($text)', ({ text, expected }) => {
    expect(parseInstant(text, OSLO)).toBe(utc(expected));
  });

  it('the two autumn 02:30s are distinct instants exactly one hour apart', () => {
    const first = parseInstant('2025-10-26T02:30+02:00', OSLO);
    const second = parseInstant('2025-10-26T02:30+01:00', OSLO);
    expect(second - first).toBe(3_600_000);
    expect(formatInstant(first, OSLO)).toBe('2025-10-26T02:30:00+02:00');
    expect(formatInstant(second, OSLO)).toBe('2025-10-26T02:30:00+01:00');
  });
});

describe('parseInstant: refuses what does not name exactly one real instant', () => {
  it.each([
    {
      name: 'spring gap 02:30 does not exist',
      text: '2025-03-30T02:30',
      problem: 'gap',
      says: /does not exist in Europe\/Oslo/,
    },
    { name: 'spring gap starts at 02:00', text: '2025-03-30T02:00', problem: 'gap', says: /summer time starts/ },
    { name: 'spring gap ends at 02:59', text: '2025-03-30T02:59', problem: 'gap', says: /explicit offset/ },
    {
      name: 'autumn 02:30 happens twice',
      text: '2025-10-26T02:30',
      problem: 'overlap',
      says: /happens twice in Europe\/Oslo/,
    },
    { name: 'autumn 02:00 happens twice', text: '2025-10-26T02:00', problem: 'overlap', says: /summer time ends/ },
    { name: 'autumn 02:59 happens twice', text: '2025-10-26T02:59', problem: 'overlap', says: /add the offset/ },
    { name: '30 February', text: '2025-02-30T10:00', problem: 'range', says: /not a real calendar date/ },
    {
      name: '29 February in a common year',
      text: '2025-02-29T10:00',
      problem: 'range',
      says: /not a real calendar date/,
    },
    { name: 'hour 24', text: '2025-03-07T24:00', problem: 'range', says: /not a real calendar date and time/ },
    { name: 'month 13', text: '2025-13-01T00:00', problem: 'range', says: /not a real calendar date/ },
    { name: 'minute 60', text: '2025-03-07T10:60', problem: 'range', says: /not a real calendar date/ },
    { name: 'second 60', text: '2025-03-07T10:00:60', problem: 'range', says: /not a real calendar date/ },
    { name: 'offset beyond ±14 h', text: '2025-03-07T10:00+15:00', problem: 'range', says: /impossible UTC offset/ },
    { name: 'offset minutes 60', text: '2025-03-07T10:00+01:60', problem: 'range', says: /impossible UTC offset/ },
    {
      name: 'garbage',
      text: 'garbage',
      problem: 'format',
      says: /"garbage" is not a date-time; expected YYYY-MM-DDTHH:MM/,
    },
    { name: 'a date without a time', text: '2025-03-07', problem: 'format', says: /is not a date-time/ },
    { name: 'fractional seconds', text: '2025-03-07T10:00:00.000', problem: 'format', says: /is not a date-time/ },
    { name: 'the empty string', text: '', problem: 'format', says: /is not a date-time/ },
  ])('$name ($text) → $problem', ({ text, problem, says }) => {
    const err = refusal(text);
    expect(err.name).toBe('LocalTimeError');
    expect(err.problem).toBe(problem);
    expect(err.message).toMatch(says);
  });

  it('the autumn refusal names both candidate instants with their offsets', () => {
    expect(refusal('2025-10-26T02:30').message).toContain('2025-10-26T02:30:00+02:00 or 2025-10-26T02:30:00+01:00');
  });

  it('the message quotes the text that was refused', () => {
    expect(refusal('2025-03-30T02:30').message).toContain('"2025-03-30T02:30"');
  });
});

describe('formatInstant: ISO 8601 with the zone offset and whole seconds', () => {
  it.each([
    { name: 'winter', instant: '2025-03-07T15:00:00Z', expected: '2025-03-07T16:00:00+01:00' },
    { name: 'summer', instant: '2025-07-01T14:00:00Z', expected: '2025-07-01T16:00:00+02:00' },
    { name: 'first instant of summer time', instant: '2025-03-30T01:00:00Z', expected: '2025-03-30T03:00:00+02:00' },
    { name: 'autumn 02:00 first time round', instant: '2025-10-26T00:00:00Z', expected: '2025-10-26T02:00:00+02:00' },
    { name: 'autumn 02:00 second time round', instant: '2025-10-26T01:00:00Z', expected: '2025-10-26T02:00:00+01:00' },
    {
      name: 'milliseconds are dropped when zero',
      instant: '2025-01-01T00:00:00.000Z',
      expected: '2025-01-01T01:00:00+01:00',
    },
  ])('$name → $expected', ({ instant, expected }) => {
    expect(formatInstant(utc(instant), OSLO)).toBe(expected);
  });

  it.each(['2025-03-07T16:00', '2025-03-30T03:00', '2025-10-26T01:59', '2025-10-26T03:00', '2025-12-31T23:59:59'])(
    'round-trips the unambiguous wall time %s',
    (text) => {
      const back = formatInstant(parseInstant(text, OSLO), OSLO);
      expect(back.slice(0, text.length === 16 ? 16 : 19)).toBe(text);
    },
  );
});

describe('local dates', () => {
  it.each([
    { name: '23:30Z on 9 March is 00:30 local on 10 March', instant: '2025-03-09T23:30:00Z', expected: '2025-03-10' },
    {
      name: '21:59Z on 25 October is 23:59 local on 25 October',
      instant: '2025-10-25T21:59:00Z',
      expected: '2025-10-25',
    },
    {
      name: '22:00Z on 25 October is 00:00 local on 26 October',
      instant: '2025-10-25T22:00:00Z',
      expected: '2025-10-26',
    },
  ])('localDate: $name', ({ instant, expected }) => {
    expect(localDate(utc(instant), OSLO)).toBe(expected);
  });

  it.each([
    { name: 'an ordinary winter day', date: '2025-03-07', expected: '2025-03-06T23:00:00Z' },
    { name: 'the spring DST day starts in winter time', date: '2025-03-30', expected: '2025-03-29T23:00:00Z' },
    { name: 'the autumn DST day starts in summer time', date: '2025-10-26', expected: '2025-10-25T22:00:00Z' },
    { name: 'a summer day', date: '2015-07-01', expected: '2015-06-30T22:00:00Z' },
  ])('startOfLocalDate: $name', ({ date, expected }) => {
    expect(startOfLocalDate(date, OSLO)).toBe(utc(expected));
  });

  it('the spring DST day is 23 h and the autumn DST day 25 h from local midnight to local midnight', () => {
    expect(hours(startOfLocalDate('2025-03-31', OSLO) - startOfLocalDate('2025-03-30', OSLO))).toBe(23);
    expect(hours(startOfLocalDate('2025-10-27', OSLO) - startOfLocalDate('2025-10-26', OSLO))).toBe(25);
  });
});

describe('hours ↔ milliseconds', () => {
  it.each([
    { h: 1, ms: 3_600_000 },
    { h: 1.5, ms: 5_400_000 },
    { h: 11, ms: 39_600_000 },
    { h: 1 / 60, ms: 60_000 },
  ])('$h h = $ms ms', ({ h, ms }) => {
    expect(msFromHours(h)).toBe(ms);
    expect(hours(ms)).toBeCloseTo(h, 12);
  });

  it('msFromHours rounds to whole milliseconds', () => {
    expect(msFromHours(12.5)).toBe(45_000_000);
    expect(Number.isInteger(msFromHours(1 / 3))).toBe(true);
  });
});
