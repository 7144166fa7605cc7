// Night windows (AML § 10-11 (1): 21:00–06:00 unless agreed otherwise), one per day frame, on the
// wall clock: 9 hours on an ordinary night, 8 on the spring-forward night, 10 on the fall-back one.
import { DateTime } from 'luxon';
import { memoPer } from '../memo.ts';
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

// Computed once per zone, hours and day: many small rotas, and every conversion part of a national
// rota over its own span, share the same nights. Looked up by the day's instant (a number key, no
// text built per night).
const nights = memoPer<string, number, Frame>(200_000);

/** The night that starts on each day frame's date, from startHour that evening to endHour the next morning. */
export function nightWindows(days: Frame[], zone: string, startHour: number, endHour: number): NightWindow[] {
  const nightOf = nights(`${zone}|${startHour}|${endHour}`);
  return days.map((d, i) => {
    const night = nightOf(d.start, () => {
      const date = DateTime.fromMillis(d.start, { zone }).startOf('day');
      return { start: atHour(date, startHour), end: atHour(date.plus({ days: 1 }), endHour) };
    });
    return { start: night.start, end: night.end, day: i };
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
