// The night of AML § 10-11 as dated windows. The hours come from the rule book: the one rule file
// that declares `night` is the night's provision, so no provision id is named here. The night hours
// of other provisions (medleverforskriften § 3's night rest) are their own checks' parameters and
// make no one a night worker.
import { nightWindows, type NightWindow } from '../facts/nights.ts';
import { compileSeries, valueAt, type DatedSeries } from '../rules/limits.ts';
import { nightOf, type RuleBook } from '../rules/load.ts';
import type { AgreementType } from '../rota/schema.ts';
import type { Frame } from '../time/frames.ts';

export interface NightHourSeries {
  start: DatedSeries;
  end: DatedSeries;
  minHours?: DatedSeries;
}

/**
 * The night's dated hours, from the provision that declares them (`night` in its rule file), or
 * the hours an agreement that moves the night's start gives (§ 10-11 (3) evening work), when the
 * rule book has them.
 */
export function nightHourSeries(book: RuleBook, zone: string, movedBy?: AgreementType): NightHourSeries | undefined {
  const declared = nightOf(book);
  if (!declared) return undefined;
  const { file, night } = declared;
  const startName = movedBy ? night.agreements.find((a) => a.type === movedBy)?.startHour : night.startHour;
  const series = (name: string | undefined) =>
    name && file.parameters[name] ? compileSeries(file.parameters[name]!, zone) : undefined;
  const start = series(startName);
  const end = series(night.endHour);
  if (!start || !end) return undefined;
  const minHours = series(night.workerMinHours);
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
