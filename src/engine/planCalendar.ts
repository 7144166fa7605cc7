import { sundayWindows } from '../calendar/holidays.ts';
import { nightWindows, type NightWindow } from '../facts/nights.ts';
import { nightSegments, type PlanCalendar } from '../facts/profile.ts';
import { compileSeries, valueAt, type DatedSeries } from '../rules/limits.ts';
import type { RuleBook } from '../rules/load.ts';
import type { Frame } from '../time/frames.ts';
import { memo } from '../memo.ts';

/** The night's dated hours (§ 10-11 (1), or (3) under an evening-work agreement) from the rule book, when it has them. */
export function nightHourSeries(
  book: RuleBook,
  zone: string,
  evening = false,
): { start: DatedSeries; end: DatedSeries; minHours?: DatedSeries } | undefined {
  const file = book.files.find((f) => f.provision === 'aml.10-11');
  const series = (name: string) => (file?.parameters[name] ? compileSeries(file.parameters[name]!, zone) : undefined);
  const start = series(evening ? 'eveningAgreementNightStartHour' : 'nightStartHour');
  const end = series('nightEndHour');
  if (!start || !end) return undefined;
  const minHours = series('nightWorkerMinHours');
  return { start, end, ...(minHours ? { minHours } : {}) };
}

/**
 * The night that starts on each day frame's date, with the hours in force on that date (a change
 * of the law moves the nights from its date on, not before).
 */
export function datedNightWindows(
  days: Frame[],
  zone: string,
  hours: { start: DatedSeries; end: DatedSeries },
): NightWindow[] {
  const out: NightWindow[] = [];
  let run: Frame[] = [];
  let runFirst = 0;
  let current: [number, number] | undefined;
  const flush = () => {
    if (current && run.length)
      for (const n of nightWindows(run, zone, current[0], current[1])) out.push({ ...n, day: n.day + runFirst });
  };
  days.forEach((d, i) => {
    const start = valueAt(hours.start, d.start);
    const end = valueAt(hours.end, d.start);
    const next: [number, number] | undefined = start === undefined || end === undefined ? undefined : [start, end];
    if (next?.[0] !== current?.[0] || next?.[1] !== current?.[1]) {
      flush();
      run = [];
      runFirst = i;
      current = next;
    }
    run.push(d);
  });
  flush();
  return out;
}

/** Night windows and the night-worker threshold come from the § 10-11 rule file when it is loaded, each at its date. */
export function planCalendar(
  book: RuleBook,
  days: Frame[],
  weeks: Frame[],
  zone: string,
  at: number,
  evening = false,
): PlanCalendar {
  const sundays = weeks.length ? sundayWindows(weeks[0]!.start, weeks[weeks.length - 1]!.end, zone) : [];
  const hours = nightHourSeries(book, zone, evening);
  if (!hours) return { days, sundays };
  // The night that began the evening before the plan's first day reaches into it too.
  const before = days.length ? [{ start: days[0]!.start - 86_400_000, end: days[0]!.start }] : [];
  const nights = datedNightWindows([...before, ...days], zone, hours)
    .filter((n) => n.end > (days[0]?.start ?? 0))
    .map((n) => ({ ...n, day: Math.max(0, n.day - before.length) }));
  const minHours = hours.minHours ? valueAt(hours.minHours, at) : undefined;
  return {
    days,
    sundays,
    nights,
    nightSegments: nightSegments(nights, days),
    nightFrameMinHours: minHours ?? Infinity,
  };
}

/**
 * The calendar of a plan's frames, kept per rule book: the conversion assessment evaluates each
 * worker's part of the rota again and again over the same days, and nights and Sunday windows over
 * a year take longer to build than a small part takes to judge. The calendar depends only on the
 * frames, the zone and the rule book's night hours; nothing writes to it.
 */
const kept = new WeakMap<RuleBook, (key: string, build: () => PlanCalendar) => PlanCalendar>();
export function sharedPlanCalendar(
  book: RuleBook,
  days: Frame[],
  weeks: Frame[],
  zone: string,
  at: number,
  evening = false,
): PlanCalendar {
  let calendars = kept.get(book);
  if (!calendars) kept.set(book, (calendars = memo<string, PlanCalendar>(256)));
  const key = `${zone}|${evening ? 1 : 0}|${days[0]?.start}|${days.at(-1)?.end}|${days.length}|${weeks[0]?.start}|${weeks.at(-1)?.end}|${weeks.length}`;
  return calendars(key, () => planCalendar(book, days, weeks, zone, at, evening));
}
