import { describe, expect, it } from 'vitest';
import { nightHourSeries } from '../../src/calendar/nightHours.ts';
import { offsetChanges, offsetText } from '../../src/calendar/offsetChanges.ts';
import { pageCalendar, spanDays } from '../../src/calendar/pageCalendar.ts';
import { defaultRuleBook } from '../../src/rules/load.ts';

const range = { zone: 'Europe/Oslo', dayStart: '00:00', weekStart: 'monday' as const };

describe('offsetChanges', () => {
  it('finds both summer-time changes of a year in Oslo, to the minute', () => {
    const changes = offsetChanges(
      'Europe/Oslo',
      Date.parse('2026-01-01T00:00:00Z'),
      Date.parse('2027-01-01T00:00:00Z'),
    );
    expect(changes).toEqual([
      { at: Date.parse('2026-03-29T01:00:00Z'), before: 60, after: 120 },
      { at: Date.parse('2026-10-25T01:00:00Z'), before: 120, after: 60 },
    ]);
  });

  it('finds a half-hour change (Lord Howe) and none in a zone without summer time', () => {
    const from = Date.parse('2025-04-01T00:00:00Z');
    const to = Date.parse('2025-04-10T00:00:00Z');
    expect(offsetChanges('Australia/Lord_Howe', from, to)).toEqual([
      { at: Date.parse('2025-04-05T15:00:00Z'), before: 660, after: 630 },
    ]);
    expect(offsetChanges('UTC', from, to)).toEqual([]);
  });

  it('writes offsets as ISO 8601 does', () => {
    expect([offsetText(120), offsetText(-210), offsetText(0)]).toEqual(['+02:00', '-03:30', '+00:00']);
  });
});

describe('pageCalendar', () => {
  const book = defaultRuleBook();

  it('gives the nights of § 10-11 from the rule book, the evening before the range included', () => {
    const cal = pageCalendar(book, { ...range, from: '2026-03-02', to: '2026-03-03' });
    expect(cal.nightHours).toEqual({ start: 21, end: 6 });
    expect(cal.nights).toEqual([
      { start: '2026-03-01T21:00:00+01:00', end: '2026-03-02T06:00:00+01:00' },
      { start: '2026-03-02T21:00:00+01:00', end: '2026-03-03T06:00:00+01:00' },
      { start: '2026-03-03T21:00:00+01:00', end: '2026-03-04T06:00:00+01:00' },
    ]);
  });

  it('has no nights when the rule book does not define the night worker, even if another provision names night hours', () => {
    const without = { ...book, files: book.files.filter((f) => !f.parameters.nightWorkerMinHours) };
    expect(without.files.some((f) => f.parameters.nightStartHour)).toBe(true);
    expect(nightHourSeries(without, 'Europe/Oslo')).toBeUndefined();
    const cal = pageCalendar(without, { ...range, from: '2026-03-02', to: '2026-03-03' });
    expect(cal.nights).toEqual([]);
    expect(cal.nightHours).toBeUndefined();
  });

  it('names the holiday a Sunday window protects and the summer-time change inside the range', () => {
    const cal = pageCalendar(book, { ...range, from: '2026-03-28', to: '2026-04-06' });
    expect(cal.offsetChanges).toEqual([{ at: '2026-03-29T03:00:00+02:00', before: '+01:00', after: '+02:00' }]);
    const easter = cal.sundays.find((s) => s.dates.includes('2026-04-05'));
    expect(easter?.names.map((n) => n.en)).toContain('Easter Sunday');
    expect(cal.days).toHaveLength(10);
    expect(cal.days.find((d) => d.date === '2026-03-29')).toEqual({
      start: '2026-03-29T00:00:00+01:00',
      end: '2026-03-30T00:00:00+02:00',
      date: '2026-03-29',
    });
  });

  it('counts calendar days between two dates', () => {
    expect([spanDays('2026-03-01', '2026-04-01'), spanDays('2026-04-01', '2026-03-01')]).toEqual([31, -31]);
  });
});
