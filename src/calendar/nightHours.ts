// The night of AML § 10-11 as dated windows. The hours come from the rule book: the rule file that
// defines the night worker (nightWorkerMinHours) with the night's hours is the night's provision, so
// no provision id is named here. The night hours of other provisions (medleverforskriften § 3's
// night rest) are their own checks' parameters and make no one a night worker.
import { nightWindows, type NightWindow } from '../facts/nights.ts';
import { compileSeries, valueAt, type DatedSeries } from '../rules/limits.ts';
import type { RuleBook } from '../rules/load.ts';
import type { Frame } from '../time/frames.ts';

export interface NightHourSeries {
  start: DatedSeries;
  end: DatedSeries;
  minHours?: DatedSeries;
}

/** The night's dated hours (§ 10-11 (1), or (3) under an evening-work agreement), when the rule book has them. */
export function nightHourSeries(book: RuleBook, zone: string, evening = false): NightHourSeries | undefined {
  const startName = evening ? 'eveningAgreementNightStartHour' : 'nightStartHour';
  const file = book.files.find(
    (f) => f.parameters.nightWorkerMinHours && f.parameters.nightStartHour && f.parameters.nightEndHour,
  );
  const series = (name: string) => (file?.parameters[name] ? compileSeries(file.parameters[name]!, zone) : undefined);
  const start = series(startName);
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
