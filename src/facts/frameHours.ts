// Hours per fixed frame, in one pass over blocks and frames (decisions.md #1).
// For 24-hour frames a work period is not split at the day boundary: each frame is measured both
// by the hours that fall in it and by the full length of the work that starts in it, and the larger
// counts (a 16:00–02:00 shift is 10 hours in the frame where it starts, not 8 + 2).
import type { Frame } from '../time/frames.ts';
import { hours } from '../time/instant.ts';
import type { WorkInterval } from '../timeline/build.ts';
import type { FactWindow, Measure, WorkBlock, WorkFacts } from './types.ts';

interface FrameTally {
  inFrame: number;
  startingHere: number;
  /** Start of the first and end of the last block that starts in the frame. */
  startingStart: number;
  startingEnd: number;
  /** The work inside the frame, clipped to it. */
  workFrom: number;
  workTo: number;
  firstBlock: number;
  endBlock: number;
}

function tally(blocks: WorkBlock[], frames: Frame[]): Array<FrameTally | undefined> {
  const out: Array<FrameTally | undefined> = new Array(frames.length);
  let f0 = 0;
  blocks.forEach((b, bi) => {
    while (f0 < frames.length && frames[f0]!.end <= b.start) f0++;
    for (let f = f0; f < frames.length && frames[f]!.start < b.end; f++) {
      const fr = frames[f]!;
      const t = (out[f] ??= {
        inFrame: 0,
        startingHere: 0,
        startingStart: Infinity,
        startingEnd: fr.end,
        workFrom: Math.max(b.start, fr.start),
        workTo: 0,
        firstBlock: bi,
        endBlock: bi + 1,
      });
      t.inFrame += Math.min(b.end, fr.end) - Math.max(b.start, fr.start);
      t.workTo = Math.min(b.end, fr.end);
      t.endBlock = bi + 1;
      if (f === f0 && b.start >= fr.start) {
        t.startingHere += b.end - b.start;
        t.startingStart = Math.min(t.startingStart, b.start);
        t.startingEnd = Math.max(t.startingEnd, b.end);
      }
    }
  });
  return out;
}

/**
 * Passive hours per frame. A period's passive hours have no clock times in the rota, so they are
 * spread evenly over the period; the work that starts in a frame brings all of its passive hours.
 */
function passiveTally(intervals: WorkInterval[], frames: Frame[]): { inFrame: number[]; startingHere: number[] } {
  const inFrame = new Array<number>(frames.length).fill(0);
  const startingHere = new Array<number>(frames.length).fill(0);
  let f0 = 0;
  for (const iv of intervals) {
    if (iv.passiveMs === 0) continue;
    while (f0 < frames.length && frames[f0]!.end <= iv.start) f0++;
    const density = iv.passiveMs / (iv.end - iv.start);
    if (f0 < frames.length && frames[f0]!.start <= iv.start) startingHere[f0]! += iv.passiveMs;
    for (let f = f0; f < frames.length && frames[f]!.start < iv.end; f++) {
      inFrame[f]! += density * (Math.min(iv.end, frames[f]!.end) - Math.max(iv.start, frames[f]!.start));
    }
  }
  return { inFrame, startingHere };
}

/** Stand-by hours per frame, weighted by the share that counts as normal working time. */
function standbyTally(standby: WorkFacts['standby'], frames: Frame[]): number[] {
  const out = new Array<number>(frames.length).fill(0);
  if (standby.weight === 0) return out;
  let f0 = 0;
  for (const iv of standby.intervals) {
    while (f0 < frames.length && frames[f0]!.end <= iv.start) f0++;
    for (let f = f0; f < frames.length && frames[f]!.start < iv.end; f++) {
      out[f]! += standby.weight * (Math.min(iv.end, frames[f]!.end) - Math.max(iv.start, frames[f]!.start));
    }
  }
  return out;
}

function frameWindows(facts: WorkFacts, frames: Frame[], attribute: boolean): FactWindow[] {
  const { blocks, intervals } = facts;
  const onStandby = facts.standby.intervals.length > 0 ? standbyTally(facts.standby, frames) : undefined;
  const tallies = tally(blocks, frames);
  const passive = intervals.some((iv) => iv.passiveMs > 0) ? passiveTally(intervals, frames) : undefined;
  const windows: FactWindow[] = [];
  frames.forEach((fr, f) => {
    // A frame with stand-by only still counts its share.
    const standbyMs = onStandby?.[f] ?? 0;
    const t = tallies[f] ?? (standbyMs > 0 ? { inFrame: 0, startingHere: 0, startingStart: Infinity, startingEnd: fr.end, workFrom: fr.start, workTo: fr.end, firstBlock: 0, endBlock: 0 } : undefined);
    if (!t) return;
    t.inFrame += standbyMs;
    // Day frames report where the counted work lies; week frames report the whole 7 days.
    const byStart = attribute && t.startingHere > t.inFrame;
    windows.push({
      start: byStart ? t.startingStart : attribute ? t.workFrom : fr.start,
      end: byStart ? t.startingEnd : attribute ? t.workTo : fr.end,
      measured: hours(byStart ? t.startingHere : t.inFrame),
      at: fr.start,
      blockRange: [t.firstBlock, t.endBlock],
      details: {
        hoursInFrame: hours(t.inFrame),
        ...(attribute ? { hoursOfWorkStartingInFrame: hours(t.startingHere) } : {}),
        ...(passive ? { passiveHours: hours(byStart ? passive.startingHere[f]! : passive.inFrame[f]!) } : {}),
        ...(standbyMs > 0 ? { standbyHoursCounted: hours(standbyMs) } : {}),
      },
    });
  });
  return windows;
}

export const hoursInDayFrame: Measure = ({ facts }) => frameWindows(facts, facts.dayFrames, true);
export const hoursInWeekFrame: Measure = ({ facts }) => frameWindows(facts, facts.weekFrames, false);
