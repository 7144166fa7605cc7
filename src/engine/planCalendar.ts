import { sundayWindows } from '../calendar/holidays.ts';
import { datedNightWindows, nightHourSeries } from '../calendar/nightHours.ts';
import { nightSegments, type PlanCalendar } from '../facts/profile.ts';
import { valueAt } from '../rules/limits.ts';
import type { RuleBook } from '../rules/load.ts';
import type { AgreementType } from '../rota/schema.ts';
import type { Frame } from '../time/frames.ts';
import { memo } from '../memo.ts';

/** Night windows and the night-worker threshold come from the rule book when it defines them (§ 10-11), each at its date. */
export function planCalendar(
  book: RuleBook,
  days: Frame[],
  weeks: Frame[],
  zone: string,
  at: number,
  movedBy?: AgreementType,
  sundays: PlanCalendar['sundays'] = weeks.length
    ? sundayWindows(weeks[0]!.start, weeks[weeks.length - 1]!.end, zone)
    : [],
): PlanCalendar {
  const hours = nightHourSeries(book, zone, movedBy);
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
 * frames, the zone, the instant its threshold is read at, the rule book's night hours and the
 * agreement that moves the night, if any; nothing
 * writes to it.
 */
const kept = new WeakMap<RuleBook, (key: string, build: () => PlanCalendar) => PlanCalendar>();
export function sharedPlanCalendar(
  book: RuleBook,
  days: Frame[],
  weeks: Frame[],
  zone: string,
  at: number,
  movedBy?: AgreementType,
): PlanCalendar {
  let calendars = kept.get(book);
  if (!calendars) kept.set(book, (calendars = memo<string, PlanCalendar>(256)));
  // `at` too: the night-worker threshold is read at that instant, which the frames alone do not fix.
  const key = `${zone}|${movedBy ?? ''}|${at}|${days[0]?.start}|${days.at(-1)?.end}|${days.length}|${weeks[0]?.start}|${weeks.at(-1)?.end}|${weeks.length}`;
  // A moved night leaves the Sunday windows as they are: the calendars share them, and so do the
  // measures that read nothing else (facts/measures.ts MEASURE_READS).
  return calendars(key, () =>
    movedBy === undefined
      ? planCalendar(book, days, weeks, zone, at)
      : planCalendar(book, days, weeks, zone, at, movedBy, sharedPlanCalendar(book, days, weeks, zone, at).sundays),
  );
}
