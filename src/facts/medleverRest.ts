// Daily rest under the medlever regulation (FOR-2005-06-24-686 § 3): in each 24 hours at least
// two continuous rest periods, of 2 and 8 hours, the longer one between 22:00 and 08:00; a tariff
// agreement may arrange rest otherwise, with at least 10 hours in all.
//
// Rest is the time between the worker's work blocks in the medlever group (time when the worker
// must be available is work: the rota shows it as a period, passive or not). Off-duty time before
// the first and after the last block counts as rest. Frames are the fixed 24-hour frames from the
// day boundary (docs/legal/01-fixed-frames.md); a frame is judged when the worker works in it.
import { firstEndingAfter } from '../time/sorted.ts';
import { DateTime } from 'luxon';
import type { Frame } from '../time/frames.ts';
import { hours, msFromHours } from '../time/instant.ts';
import type { FactWindow, Measure, MeasureInput } from './types.ts';
import type { WorkBlock } from './workBlocks.ts';

/**
 * The wall-clock night is read in the rota's time zone (Europe/Oslo when a caller gives none).
 */
const DEFAULT_ZONE = 'Europe/Oslo';

function atHour(date: DateTime, hour: number): number {
  const h = Math.floor(hour);
  return date.set({ hour: h, minute: Math.round((hour - h) * 60), second: 0, millisecond: 0 }).toMillis();
}

/**
 * The wall-clock night [startHour, endHour) that begins in the frame (or `daysBack` days before):
 * 22:00–08:00 is 10 hours, 9 the night summer time starts and 11 the night it ends. With the day
 * boundary at 00:00 it runs into the next frame; that is where a night's rest lies, so it is not
 * cut at the boundary.
 */
export function nightOf(frame: Frame, zone: string, startHour: number, endHour: number, daysBack = 0): Frame {
  let date = DateTime.fromMillis(frame.start, { zone }).startOf('day');
  if (atHour(date, startHour) < frame.start) date = date.plus({ days: 1 });
  date = date.minus({ days: daysBack });
  const start = atHour(date, startHour);
  const end = atHour(endHour <= startHour ? date.plus({ days: 1 }) : date, endHour);
  return { start, end };
}

/** A continuous rest [from, to) (±Infinity before the first and after the last block) and its part inside a window. */
interface Rest {
  from: number;
  to: number;
  inside: number;
}

/** The continuous rests that reach into [lo, hi), and the blocks [first, end) that do. */
function restsIn(blocks: WorkBlock[], lo: number, hi: number): { rests: Rest[]; blockRange: [number, number] } {
  const first = firstEndingAfter(blocks, lo);
  const rests: Rest[] = [];
  let from = first > 0 ? blocks[first - 1]!.end : -Infinity;
  let b = first;
  const add = (to: number) => {
    const inside = Math.min(to, hi) - Math.max(from, lo);
    if (inside > 0) rests.push({ from, to, inside });
  };
  for (; b < blocks.length && blocks[b]!.start < hi; b++) {
    add(blocks[b]!.start);
    from = blocks[b]!.end;
  }
  add(b < blocks.length ? blocks[b]!.start : Infinity);
  return { rests, blockRange: [first, b] };
}

/** The rest that gives the night its rest: the longest continuous rest inside it (the first, on a tie). */
function nightRest(
  blocks: WorkBlock[],
  night: Frame,
): { rest: Rest | undefined; rests: Rest[]; blockRange: [number, number] } {
  const { rests, blockRange } = restsIn(blocks, night.start, night.end);
  const rest = rests.reduce<Rest | undefined>((best, r) => (!best || r.inside > best.inside ? r : best), undefined);
  return { rest, rests, blockRange };
}

const clipped = (from: number, to: number, lo: number, hi: number) =>
  Math.max(0, Math.min(to, hi) - Math.max(from, lo));

/**
 * The longest piece of `rest` inside [lo, hi) that is left once each night it holds has taken its
 * part (`take` ms, placed inside the night at its earliest or its latest, whichever leaves more).
 */
function leftOver(rest: Rest, nights: Array<{ night: Frame; take: number }>, lo: number, hi: number): number {
  let best = 0;
  const choices = 1 << nights.length;
  for (let choice = 0; choice < choices; choice++) {
    const parts = nights
      .map(({ night, take }, i) => {
        const from = Math.max(rest.from, night.start);
        const to = Math.min(rest.to, night.end);
        return choice & (1 << i) ? { start: to - take, end: to } : { start: from, end: from + take };
      })
      .sort((a, b) => a.start - b.start);
    let cursor = rest.from;
    for (const p of parts) {
      best = Math.max(best, clipped(cursor, p.start, lo, hi));
      cursor = Math.max(cursor, p.end);
    }
    best = Math.max(best, clipped(cursor, rest.to, lo, hi));
  }
  return best;
}

const worksIn = (blocks: WorkBlock[], fr: Frame, from: number): boolean =>
  from < blocks.length && blocks[from]!.start < fr.end;

type Mode =
  | { kind: 'night'; startHour: number; endHour: number }
  | { kind: 'other'; startHour: number; endHour: number; nightRest: number }
  | { kind: 'total'; minCounted: number };

/**
 * Which rest a check measures is given by the parameters it names. Undefined when they are not in
 * force at that time (before the regulation).
 */
function modeAt(param: MeasureInput['param'], at: number): Mode | undefined {
  const startHour = param?.('nightStartHour', at);
  const endHour = param?.('nightEndHour', at);
  const nightRestHours = param?.('minNightRestHours', at);
  const minCounted = param?.('minCountedRestHours', at);
  const night = startHour !== undefined && endHour !== undefined;
  if (minCounted !== undefined && (night || nightRestHours !== undefined)) {
    throw new Error(
      'restBlocksInDayFrame: name minCountedRestHours alone, or nightStartHour + nightEndHour (+ minNightRestHours)',
    );
  }
  if (minCounted !== undefined) return { kind: 'total', minCounted };
  if (!night) return undefined;
  return nightRestHours === undefined
    ? { kind: 'night', startHour, endHour }
    : { kind: 'other', startHour, endHour, nightRest: nightRestHours };
}

/**
 * One window per 24-hour frame with work in it. The check's parameters say what is measured:
 * - `nightStartHour` + `nightEndHour`: the longest continuous rest inside the night that begins in
 *   the frame (window = that night);
 * - the same and `minNightRestHours`: the other rest, inside the frame. A rest that gives a night
 *   its rest (this frame's night, or the one before, whose morning lies in the frame) counts only
 *   with what is left of it once the night rest (`minNightRestHours`, or all it has in the night
 *   when that is less) is taken; every other rest counts with its part inside the frame. So the
 *   previous night does not count as this day's second rest, and one continuous rest of 8 + 2
 *   hours holds both (the free day before an evening arrival is not "only one rest"); window = frame;
 * - `minCountedRestHours`: all rest in the frame, counting only continuous rests at least this
 *   long (shorter free periods are not free time; window = frame).
 */
export const restBlocksInDayFrame: Measure = (input) => {
  const { facts, param } = input;
  const zone = input.zone ?? DEFAULT_ZONE;
  const { blocks } = facts;
  const out: FactWindow[] = [];
  for (const fr of facts.dayFrames) {
    if (!worksIn(blocks, fr, firstEndingAfter(blocks, fr.start))) continue;
    const mode = modeAt(param, fr.start);
    if (!mode) continue;
    const inFrame = restsIn(blocks, fr.start, fr.end);
    if (mode.kind === 'night') {
      const night = nightOf(fr, zone, mode.startHour, mode.endHour);
      const { rest, rests, blockRange } = nightRest(blocks, night);
      const nightMs = night.end - night.start;
      out.push({
        start: night.start,
        end: night.end,
        measured: hours(rest?.inside ?? 0),
        at: fr.start,
        blockRange: blockRange[1] > blockRange[0] ? blockRange : inFrame.blockRange,
        details: {
          nightHours: hours(nightMs),
          workInNightHours: hours(nightMs - rests.reduce((s, r) => s + r.inside, 0)),
        },
      });
    } else if (mode.kind === 'other') {
      const take = msFromHours(mode.nightRest);
      const hosts = [1, 0].flatMap((back) => {
        const night = nightOf(fr, zone, mode.startHour, mode.endHour, back);
        const { rest } = nightRest(blocks, night);
        return rest ? [{ night, rest, take: Math.min(take, rest.inside) }] : [];
      });
      let other = 0;
      for (const r of inFrame.rests) {
        const held = hosts.filter((h) => h.rest.from === r.from);
        other = Math.max(other, held.length ? leftOver(r, held, fr.start, fr.end) : r.inside);
      }
      out.push({
        start: fr.start,
        end: fr.end,
        measured: hours(other),
        at: fr.start,
        blockRange: inFrame.blockRange,
        details: {
          longestRestHours: hours(inFrame.rests.reduce((m, r) => Math.max(m, r.inside), 0)),
          restPeriods: inFrame.rests.length,
        },
      });
    } else {
      const min = msFromHours(mode.minCounted);
      const counted = inFrame.rests.filter((r) => r.to - r.from >= min);
      const total = counted.reduce((s, r) => s + r.inside, 0);
      const all = inFrame.rests.reduce((s, r) => s + r.inside, 0);
      out.push({
        start: fr.start,
        end: fr.end,
        measured: hours(total),
        at: fr.start,
        blockRange: inFrame.blockRange,
        details: { restPeriods: counted.length, uncountedRestHours: hours(all - total) },
      });
    }
  }
  return out;
};
