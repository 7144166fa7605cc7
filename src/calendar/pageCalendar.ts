// The frames and windows of a date range in a zone, as a client draws them without time arithmetic
// of its own (GET /v1/calendar): day and week frames from the plan's døgnskille and week start, the
// night windows of AML § 10-11 (hours from the rule book), the Sunday and holiday windows of
// § 10-10 with the holidays' names, and every UTC offset change. Instants are ISO 8601 with the
// offset in force.
import { DateTime } from 'luxon';
import { WEEKDAYS } from '../rota/schema.ts';
import { valueAt } from '../rules/limits.ts';
import type { RuleBook } from '../rules/load.ts';
import { dayFrames, weekFrames, type FrameAnchor } from '../time/frames.ts';
import { formatInstant, startOfLocalDate } from '../time/instant.ts';
import { sundayWindows } from './holidays.ts';
import { datedNightWindows, nightHourSeries } from './nightHours.ts';
import { offsetChanges, offsetText } from './offsetChanges.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

export interface PageCalendarRange {
  /** First and last local date (YYYY-MM-DD), both included. */
  from: string;
  to: string;
  zone: string;
  /** The døgnskille, HH:MM. */
  dayStart: string;
  weekStart: (typeof WEEKDAYS)[number];
}

interface Window {
  start: string;
  end: string;
}

export interface PageCalendar {
  timezone: string;
  start: string;
  end: string;
  days: Array<Window & { date: string }>;
  weeks: Array<Window & { isoWeek: number; weekYear: number }>;
  nights: Window[];
  nightHours?: { start: number; end: number };
  sundays: Array<Window & { dates: string[]; names: Array<{ nb: string; en: string }> }>;
  offsetChanges: Array<{ at: string; before: string; after: string }>;
}

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export function spanDays(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

export function pageCalendar(book: RuleBook, { from, to, zone, dayStart, weekStart }: PageCalendarRange): PageCalendar {
  const [h, m] = dayStart.split(':').map(Number) as [number, number];
  const anchor: FrameAnchor = {
    zone,
    dayStartMinutes: h * 60 + m,
    weekStartWeekday: WEEKDAYS.indexOf(weekStart) + 1,
  };
  const start = startOfLocalDate(from, zone);
  const end = startOfLocalDate(DateTime.fromISO(to, { zone: 'UTC' }).plus({ days: 1 }).toISODate()!, zone);
  const fmt = (ms: number) => formatInstant(ms, zone);
  const window = (w: { start: number; end: number }) => ({ start: fmt(w.start), end: fmt(w.end) });

  const days = dayFrames(start, end, anchor).map((d) => ({
    ...window(d),
    date: DateTime.fromMillis(d.start, { zone }).toISODate()!,
  }));
  const weeks = weekFrames(start, end, anchor).map((w) => {
    const local = DateTime.fromMillis(w.start, { zone });
    return { ...window(w), isoWeek: local.weekNumber, weekYear: local.weekYear };
  });
  // Nights start on calendar days (midnight to midnight), including the evening before `from`.
  const midnight = { ...anchor, dayStartMinutes: 0 };
  // The hours in force on each night's date; the ones on `from` are reported as the range's.
  const nightSeries = nightHourSeries(book, zone);
  const nights = (nightSeries ? datedNightWindows(dayFrames(start - DAY_MS, end, midnight), zone, nightSeries) : [])
    .filter((n) => n.end > start && n.start < end)
    .map(window);
  const nightStart = nightSeries && valueAt(nightSeries.start, start);
  const nightEnd = nightSeries && valueAt(nightSeries.end, start);
  const night =
    nightStart !== undefined && nightEnd !== undefined ? { nightHours: { start: nightStart, end: nightEnd } } : {};
  const sundays = sundayWindows(start, end, zone).map((w) => {
    const names = new Map<string, { nb: string; en: string }>();
    for (const d of w.days) for (const n of d.names) names.set(n.nb, n);
    return { ...window(w), dates: w.days.map((d) => d.date), names: [...names.values()] };
  });
  // From an hour before the range, so a change at its very first instant is seen.
  const changes = offsetChanges(zone, start - HOUR_MS, end).map((c) => ({
    at: fmt(c.at),
    before: offsetText(c.before),
    after: offsetText(c.after),
  }));
  return {
    timezone: zone,
    start: fmt(start),
    end: fmt(end),
    days,
    weeks,
    nights,
    ...night,
    sundays,
    offsetChanges: changes,
  };
}
