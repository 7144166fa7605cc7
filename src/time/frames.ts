// Fixed frames (docs/legal/01-fixed-frames.md): 24-hour frames start at the plan's day boundary on the wall
// clock, 7-day frames at its week start. On DST days a frame is 23 or 25 elapsed hours long;
// what is measured inside it is always elapsed time.
import { DateTime } from 'luxon';
import { memo, memoPer } from '../memo.ts';

export interface FrameAnchor {
  zone: string;
  /** Minutes after local midnight at which a 24-hour frame starts (default 0). */
  dayStartMinutes: number;
  /** ISO weekday (1 = Monday) on which a 7-day frame starts. */
  weekStartWeekday: number;
}

export interface Frame {
  start: number;
  end: number;
}

function atDayStart(dt: DateTime, anchor: FrameAnchor): DateTime {
  return dt.set({
    hour: Math.floor(anchor.dayStartMinutes / 60),
    minute: anchor.dayStartMinutes % 60,
    second: 0,
    millisecond: 0,
  });
}

/** Start of the 24-hour frame that contains the instant. */
export function dayFrameStart(ms: number, anchor: FrameAnchor): number {
  return remembered('d', ms, anchor, () => {
    const dt = DateTime.fromMillis(ms, { zone: anchor.zone });
    let start = atDayStart(dt, anchor);
    if (start.toMillis() > ms) start = atDayStart(dt.minus({ days: 1 }), anchor);
    return start.toMillis();
  });
}

/** Start of the 7-day frame that contains the instant. */
export function weekFrameStart(ms: number, anchor: FrameAnchor): number {
  return remembered('w', ms, anchor, () => {
    const dayStart = DateTime.fromMillis(dayFrameStart(ms, anchor), { zone: anchor.zone });
    const back = (dayStart.weekday - anchor.weekStartWeekday + 7) % 7;
    return atDayStart(dayStart.minus({ days: back }), anchor).toMillis();
  });
}

// Frame starts and boundaries are functions of the zone and anchor alone, so each is computed once
// (luxon's zone arithmetic is the cost): the conversion assessment evaluates a worker's part many
// times from the same first instant and over the same weeks.
const frameStarts = memo<string, number>(50_000);
function remembered(kind: 'd' | 'w', ms: number, anchor: FrameAnchor, compute: () => number): number {
  return frameStarts(`${kind}|${anchor.zone}|${anchor.dayStartMinutes}|${anchor.weekStartWeekday}|${ms}`, compute);
}

// Boundaries per zone, day start and frame length, by instant: a number key, no text built per frame.
const boundaries = memoPer<string, number, number>(200_000);

// Whole frame lists, by zone, anchor, first frame, end and length: the conversion assessment
// evaluates a worker's part again and again over the same span. Every evaluation shares them, so
// each frame is frozen; the list is not, and nothing writes to it: V8 (Node 20) takes its slow
// paths for slice, filter, forEach and findIndex on a frozen array (slice of 42 frames 2.6 µs
// against 0.05 µs), and every pass slices the plan's days and weeks.
const frameLists = memo<string, readonly Frame[]>(2_048);

function frames(to: number, anchor: FrameAnchor, first: number, days: number): Frame[] {
  const at = `${anchor.zone}|${anchor.dayStartMinutes}|${days}`;
  return frameLists(`${at}|${first}|${to}`, () => {
    const after = boundaries(at);
    const out: Frame[] = [];
    let cursor = first;
    while (cursor < to || out.length === 0) {
      const start = cursor;
      const next = after(start, () =>
        atDayStart(DateTime.fromMillis(start, { zone: anchor.zone }).plus({ days }), anchor).toMillis(),
      );
      out.push(Object.freeze({ start, end: next }));
      cursor = next;
    }
    return out;
  }) as Frame[];
}

/** Consecutive 24-hour frames covering [from, to). */
export function dayFrames(from: number, to: number, anchor: FrameAnchor): Frame[] {
  return frames(to, anchor, dayFrameStart(from, anchor), 1);
}

/** Consecutive 7-day frames covering [from, to). */
export function weekFrames(from: number, to: number, anchor: FrameAnchor): Frame[] {
  return frames(to, anchor, weekFrameStart(from, anchor), 7);
}
