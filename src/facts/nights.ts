// Night windows (AML § 10-11 (1): 21:00–06:00 unless agreed otherwise), one per day frame, on the
// wall clock: 9 hours on an ordinary night, 8 on the spring-forward night, 10 on the fall-back one.
import { DateTime } from 'luxon';
import type { Frame } from '../time/frames.ts';
import type { WorkBlock } from './workBlocks.ts';

export interface NightWindow extends Frame {
  /** Index of the day frame the night starts in. */
  day: number;
}

function atHour(date: DateTime, hour: number): number {
  const h = Math.floor(hour);
  return date.set({ hour: h, minute: Math.round((hour - h) * 60), second: 0, millisecond: 0 }).toMillis();
}

const nights = new Map<string, Frame>();

/** The night that starts on each day frame's date, from startHour that evening to endHour the next morning. */
export function nightWindows(days: Frame[], zone: string, startHour: number, endHour: number): NightWindow[] {
  return days.map((d, i) => {
    // Computed once per zone, hours and day: many small rotas share the same nights.
    const key = `${zone}|${startHour}|${endHour}|${d.start}`;
    let night = nights.get(key);
    if (!night) {
      const date = DateTime.fromMillis(d.start, { zone }).startOf('day');
      night = { start: atHour(date, startHour), end: atHour(date.plus({ days: 1 }), endHour) };
      if (nights.size >= 200_000) nights.clear();
      nights.set(key, night);
    }
    return { ...night, day: i };
  });
}

/** Work hours (ms) inside each window, in one pass over sorted blocks and sorted windows. */
export function workInWindows(blocks: WorkBlock[], windows: Frame[]): number[] {
  const out = new Array<number>(windows.length).fill(0);
  let b0 = 0;
  windows.forEach((w, i) => {
    while (b0 < blocks.length && blocks[b0]!.end <= w.start) b0++;
    for (let b = b0; b < blocks.length && blocks[b]!.start < w.end; b++) {
      out[i]! += Math.min(blocks[b]!.end, w.end) - Math.max(blocks[b]!.start, w.start);
    }
  });
  return out;
}
