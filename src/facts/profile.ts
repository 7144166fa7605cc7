// A worker's plan as a whole (AML § 10-4 (4)–(5), § 10-11 (6); docs/legal/05-night-worker.md): how many of the
// plan's Sundays and holidays they work, how much of their work falls at night, and how many of
// their working days hold more than the night threshold. json-rules-engine reads these facts to
// decide which limit applies; the report shows them so the choice can be checked.
import type { SundayWindow } from '../calendar/holidays.ts';
import type { Frame } from '../time/frames.ts';
import { hours } from '../time/instant.ts';
import type { WorkInterval } from '../timeline/build.ts';
import { workInWindows, type NightWindow } from './nights.ts';
import type { WorkBlock } from './workBlocks.ts';

export interface PlanCalendar {
  days: Frame[];
  /** Sunday/holiday windows of the whole plan. */
  sundays: SundayWindow[];
  /** Night windows of the whole plan, one per day frame; absent when no night rule is loaded. */
  nights?: NightWindow[];
  /** Night parts of each day frame (nights cut at frame boundaries), with the frame index. */
  nightSegments?: Array<Frame & { day: number }>;
  nightFrameMinHours?: number;
}

export interface Profile {
  sundaysInPlan: number;
  sundaysWorked: number;
  sundayShare: number;
  hours: number;
  nightHours: number;
  nightHoursShare: number;
  workedDays: number;
  nightDays: number;
  nightFrameShare: number;
  shiftPattern: string;
  heavyNightWork: boolean;
}

/** Nights cut at day-frame boundaries, so each part belongs to exactly one frame. */
export function nightSegments(nights: NightWindow[], days: Frame[]): Array<Frame & { day: number }> {
  const out: Array<Frame & { day: number }> = [];
  let d = 0;
  for (const n of nights) {
    while (d < days.length && days[d]!.end <= n.start) d++;
    for (let k = d; k < days.length && days[k]!.start < n.end; k++) {
      const start = Math.max(n.start, days[k]!.start);
      const end = Math.min(n.end, days[k]!.end);
      if (end > start) out.push({ start, end, day: k });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

export function profileOf(blocks: WorkBlock[], intervals: WorkInterval[], cal: PlanCalendar): Profile {
  const total = blocks.reduce((s, b) => s + (b.end - b.start), 0);
  const inSundays = workInWindows(blocks, cal.sundays);
  const sundaysWorked = inSundays.filter((ms) => ms > 0).length;
  // The blocks come in order, so the days they touch do: a day is new when it is past the last one counted.
  let workedDays = 0;
  let lastDay = -1;
  let d = 0;
  for (const b of blocks) {
    while (d < cal.days.length && cal.days[d]!.end <= b.start) d++;
    for (let k = d; k < cal.days.length && cal.days[k]!.start < b.end; k++)
      if (k > lastDay) (lastDay = k), workedDays++;
  }
  let nightMs = 0;
  let nightDays = 0;
  if (cal.nightSegments) {
    const threshold = (cal.nightFrameMinHours ?? Infinity) * 3_600_000;
    const inNight = workInWindows(blocks, cal.nightSegments);
    // The segments come in time order, so by day: each day's night work is summed, then compared.
    let day = -1;
    let dayMs = 0;
    cal.nightSegments.forEach((s, i) => {
      const ms = inNight[i]!;
      if (ms > 0) {
        if (s.day !== day) {
          if (dayMs > threshold) nightDays++;
          day = s.day;
          dayMs = 0;
        }
        dayMs += ms;
      }
      nightMs += ms;
    });
    if (dayMs > threshold) nightDays++;
  }
  const patterns = [...new Set(intervals.map((iv) => iv.shiftPattern).filter((p): p is string => p !== undefined))];
  return {
    sundaysInPlan: cal.sundays.length,
    sundaysWorked,
    sundayShare: cal.sundays.length ? sundaysWorked / cal.sundays.length : 0,
    hours: hours(total),
    nightHours: hours(nightMs),
    nightHoursShare: total ? nightMs / total : 0,
    workedDays,
    nightDays,
    nightFrameShare: workedDays ? nightDays / workedDays : 0,
    shiftPattern: patterns.length === 1 ? patterns[0]! : patterns.length > 1 ? 'mixed' : 'none',
    heavyNightWork: intervals.some((iv) => iv.heavyNightWork),
  };
}
