// Sundays and public holidays as AML § 10-10 protects them: merged wall-clock windows from the
// eve (18:00; 15:00 before Christmas, Easter and Whit Sunday; 22:00 before 1 and 17 May) to 22:00
// on the day before the next working day. Saturdays are working days here, so Good Friday and
// Easter Sunday are two windows, not one. The days and times are data in rules/calendar/.
import { readFileSync } from 'node:fs';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { Localized } from '../rules/schema.ts';
import { easterSunday } from './easter.ts';

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const Time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);
const EveStart = z.enum(['greatEve', 'mayEve']);

export const HolidayCalendarSchema = z.strictObject({
  title: Localized,
  sources: z.array(z.string()),
  confidence: z.enum(['verified', 'secondary', 'unverified']),
  sundays: z.literal(true),
  fixed: z.array(
    z.strictObject({
      month: z.number().int().min(1).max(12),
      day: z.number().int().min(1).max(31),
      name: Localized,
      since: IsoDate,
      eveStart: EveStart.optional(),
    }),
  ),
  easterRelative: z.array(
    z.strictObject({ offset: z.number().int(), name: Localized, since: IsoDate, eveStart: EveStart.optional() }),
  ),
  windowTimes: z.strictObject({
    ordinaryEve: z.strictObject({ time: Time, note: z.string() }),
    greatEve: z.strictObject({ time: Time, note: z.string() }),
    mayEve: z.strictObject({ time: Time, note: z.string() }),
    end: z.strictObject({ time: Time, note: z.string() }),
  }),
});
export type HolidayCalendar = z.infer<typeof HolidayCalendarSchema>;

let cached: HolidayCalendar | undefined;
export function norwegianCalendar(): HolidayCalendar {
  cached ??= HolidayCalendarSchema.parse(
    JSON.parse(readFileSync(new URL('../../rules/calendar/holidays-no.json', import.meta.url), 'utf8')),
  );
  return cached;
}

export interface ProtectedDay {
  /** Local date YYYY-MM-DD. */
  date: string;
  names: Array<{ nb: string; en: string }>;
  eveStart?: 'greatEve' | 'mayEve';
}

export interface SundayWindow {
  start: number;
  end: number;
  /** The Sundays and holidays the window protects, in order. */
  days: ProtectedDay[];
}

const SUNDAY = { nb: 'søndag', en: 'Sunday' };

/** Public holidays (not plain Sundays) of one year, keyed by local date. */
export function holidaysOf(year: number, cal: HolidayCalendar = norwegianCalendar()): Map<string, ProtectedDay> {
  const out = new Map<string, ProtectedDay>();
  const add = (d: DateTime, name: { nb: string; en: string }, since: string, eveStart?: 'greatEve' | 'mayEve') => {
    const date = d.toISODate()!;
    if (date < since) return;
    const day = out.get(date) ?? { date, names: [] };
    day.names.push(name);
    if (eveStart === 'greatEve' || (eveStart && !day.eveStart)) day.eveStart = eveStart;
    out.set(date, day);
  };
  for (const f of cal.fixed) add(DateTime.utc(year, f.month, f.day), f.name, f.since, f.eveStart);
  const e = easterSunday(year);
  const easter = DateTime.utc(year, e.month, e.day);
  for (const r of cal.easterRelative) add(easter.plus({ days: r.offset }), r.name, r.since, r.eveStart);
  return out;
}

function at(date: DateTime, time: string, zone: string): number {
  const [h, m] = time.split(':').map(Number) as [number, number];
  return DateTime.fromObject(
    { year: date.year, month: date.month, day: date.day, hour: h, minute: m },
    { zone },
  ).toMillis();
}

const byYears = new Map<string, SundayWindow[]>();

/** The § 10-10 windows that overlap [from, to), merged over adjacent Sundays and holidays. */
export function sundayWindows(
  from: number,
  to: number,
  zone: string,
  cal: HolidayCalendar = norwegianCalendar(),
): SundayWindow[] {
  // Whole years are computed once per zone and calendar, then cut to the range asked for.
  const y0 = new Date(from).getUTCFullYear() - 1;
  const y1 = new Date(to).getUTCFullYear() + 1;
  if (cal !== norwegianCalendar()) return windowsBetween(from, to, zone, cal);
  const key = `${zone}|${y0}|${y1}`;
  let all = byYears.get(key);
  if (!all) {
    all = windowsBetween(Date.UTC(y0, 0, 1), Date.UTC(y1, 11, 31), zone, cal);
    if (byYears.size > 1000) byYears.clear();
    byYears.set(key, all);
  }
  return all.filter((w) => w.end > from && w.start < to);
}

function windowsBetween(from: number, to: number, zone: string, cal: HolidayCalendar): SundayWindow[] {
  // Calendar dates are walked as UTC days (plain date arithmetic); only window edges need the zone.
  const DAY = 86_400_000;
  const dateOf = (ms: number) => Date.parse(`${DateTime.fromMillis(ms, { zone }).toISODate()}T00:00:00Z`);
  const first = dateOf(from) - 3 * DAY;
  const last = dateOf(to) + 3 * DAY;
  const years = new Map<number, Map<string, ProtectedDay>>();
  const protectedDay = (utcDay: number): ProtectedDay | undefined => {
    const d = new Date(utcDay);
    const year = d.getUTCFullYear();
    if (!years.has(year)) years.set(year, holidaysOf(year, cal));
    const date = d.toISOString().slice(0, 10);
    const holiday = years.get(year)!.get(date);
    if (d.getUTCDay() === 0)
      return holiday ? { ...holiday, names: [SUNDAY, ...holiday.names] } : { date, names: [SUNDAY] };
    return holiday;
  };
  const windows: SundayWindow[] = [];
  let run: ProtectedDay[] = [];
  const close = () => {
    if (run.length === 0) return;
    const d1 = DateTime.fromISO(run[0]!.date, { zone });
    const dk = DateTime.fromISO(run[run.length - 1]!.date, { zone });
    const firstIsSunday = d1.weekday === 7;
    const eveTime =
      run[0]!.eveStart === 'greatEve'
        ? cal.windowTimes.greatEve.time
        : run[0]!.eveStart === 'mayEve' && !firstIsSunday
          ? cal.windowTimes.mayEve.time
          : cal.windowTimes.ordinaryEve.time;
    const start = at(d1.minus({ days: 1 }), eveTime, zone);
    const end = at(dk, cal.windowTimes.end.time, zone);
    if (end > from && start < to) windows.push({ start, end, days: run });
    run = [];
  };
  for (let d = first; d <= last; d += DAY) {
    const p = protectedDay(d);
    if (p) run.push(p);
    else close();
  }
  close();
  return windows;
}
