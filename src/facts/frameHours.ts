// Hours per fixed frame, in one pass over blocks, work periods and frames
// (docs/legal/01-fixed-frames.md).
// Week frames sum the hours inside them: a period that crosses the week boundary is split there.
// Day frames measure the daily maxima without letting a work period escape them by crossing the
// døgnskille: each frame is the larger of
//   (a) the hours worked inside the frame, and
//   (b) for each main work period that starts in the frame, its hours within the first 24 hours
//       from its start (a 16:00–02:00 shift is 10 hours in the frame where it starts).
// Separate work periods that merely start in the same frame are not added beyond what lies inside
// it, so no day measures more than 24 hours: a Friday 16:00 – Sunday 16:00 stay is 24, 24 and 16.
import type { Frame } from '../time/frames.ts';
import { Slot } from '../memo.ts';
import { hours } from '../time/instant.ts';
import { firstEndingAfter } from '../time/sorted.ts';
import { workedMsBetween, type WorkPeriod } from './mainWorkPeriods.ts';
import { frameIndexOf } from './planBlocks.ts';
import type { FactWindow, Measure, WorkFacts } from './types.ts';

const DAY_MS = 86_400_000;

/** What one day frame holds. Frames without work are left out (undefined). */
export interface DayTally {
  /** Work inside the frame (ms), clipped to it, and where it lies. */
  insideMs: number;
  workFrom: number;
  workTo: number;
  /** Blocks [firstBlock, endBlock) that touch the frame or the leading period's first 24 hours. */
  firstBlock: number;
  endBlock: number;
  /** The work period starting in the frame with the most work in its first 24 hours, if any. */
  lead?: { period: WorkPeriod; ms: number; start: number; end: number };
  /** Work inside the frame already counted in the first 24 hours of a period that started in an earlier frame (ms). */
  carriedMs: number;
}

const tallied = new Slot<WorkFacts, Array<DayTally | undefined>>('day tallies');

/** The day frames' tallies of a pass, formed once and read by every measure that names a day. */
export function dayTallies(facts: WorkFacts): Array<DayTally | undefined> {
  let out = tallied.get(facts);
  if (!out) tallied.set(facts, (out = tallyDays(facts)));
  return out;
}

function tallyDays(facts: WorkFacts): Array<DayTally | undefined> {
  const { blocks, dayFrames: frames } = facts;
  const out: Array<DayTally | undefined> = new Array(frames.length);
  const at = (f: number): DayTally =>
    (out[f] ??= {
      insideMs: 0,
      workFrom: Infinity,
      workTo: -Infinity,
      firstBlock: Infinity,
      endBlock: -Infinity,
      carriedMs: 0,
    });
  let f0 = 0;
  blocks.forEach((b, bi) => {
    while (f0 < frames.length && frames[f0]!.end <= b.start) f0++;
    for (let f = f0; f < frames.length && frames[f]!.start < b.end; f++) {
      const fr = frames[f]!;
      const t = at(f);
      const from = Math.max(b.start, fr.start);
      const to = Math.min(b.end, fr.end);
      t.insideMs += to - from;
      t.workFrom = Math.min(t.workFrom, from);
      t.workTo = Math.max(t.workTo, to);
      t.firstBlock = Math.min(t.firstBlock, bi);
      t.endBlock = Math.max(t.endBlock, bi + 1);
    }
  });
  if (frames.length === 0) return out;
  for (const p of facts.workPeriods) {
    const limit = Math.min(p.end, p.start + DAY_MS);
    const b0 = firstEndingAfter(blocks, p.start);
    let b1 = b0;
    while (b1 < blocks.length && blocks[b1]!.start < limit) b1++;
    const ms = workedMsBetween(blocks, p.start, limit, b0);
    const end = Math.min(limit, blocks[b1 - 1]?.end ?? limit);
    const f = frameIndexOf(frames, p.start);
    const t = at(f);
    if (!t.lead || ms > t.lead.ms) t.lead = { period: p, ms, start: p.start, end };
    t.firstBlock = Math.min(t.firstBlock, b0);
    t.endBlock = Math.max(t.endBlock, b1);
    // The frames after the start that the first 24 hours reach into: their work there is counted.
    for (let g = f + 1; g < frames.length && frames[g]!.start < limit; g++) {
      at(g).carriedMs += workedMsBetween(
        blocks,
        Math.max(frames[g]!.start, p.start),
        Math.min(frames[g]!.end, limit),
        b0,
      );
    }
  }
  return out;
}

/**
 * Passive hours in a span. A period's passive hours have no clock times in the rota, so they are
 * spread evenly over the period.
 */
function passiveMsIn(intervals: WorkFacts['intervals'], from: number, to: number): number {
  let total = 0;
  for (const iv of intervals) {
    if (iv.passiveMs === 0 || iv.end <= from || iv.start >= to) continue;
    total += (iv.passiveMs / (iv.end - iv.start)) * (Math.min(iv.end, to) - Math.max(iv.start, from));
  }
  return total;
}

/** Passive hours inside each frame, in one pass. */
function passiveInFrames(intervals: WorkFacts['intervals'], frames: Frame[]): number[] {
  const inFrame = new Array<number>(frames.length).fill(0);
  let f0 = 0;
  for (const iv of intervals) {
    if (iv.passiveMs === 0) continue;
    while (f0 < frames.length && frames[f0]!.end <= iv.start) f0++;
    const density = iv.passiveMs / (iv.end - iv.start);
    for (let f = f0; f < frames.length && frames[f]!.start < iv.end; f++) {
      inFrame[f]! += density * (Math.min(iv.end, frames[f]!.end) - Math.max(iv.start, frames[f]!.start));
    }
  }
  return inFrame;
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

const hasPassive = (facts: WorkFacts) => facts.intervals.some((iv) => iv.passiveMs > 0);
const blockRange = (first: number, end: number): [number, number] => (first <= end ? [first, end] : [0, 0]);

function dayWindows(facts: WorkFacts): FactWindow[] {
  const frames = facts.dayFrames;
  const tallies = dayTallies(facts);
  const onStandby = facts.standby.intervals.length > 0 ? standbyTally(facts.standby, frames) : undefined;
  const passive = hasPassive(facts) ? passiveInFrames(facts.intervals, frames) : undefined;
  const windows: FactWindow[] = [];
  frames.forEach((fr, f) => {
    const standbyMs = onStandby?.[f] ?? 0;
    const t = tallies[f];
    if (!t && standbyMs === 0) return;
    const insideMs = (t?.insideMs ?? 0) + standbyMs;
    const lead = t?.lead;
    const byPeriod = lead !== undefined && lead.ms > insideMs;
    const start = byPeriod ? lead.start : t && t.insideMs > 0 ? t.workFrom : fr.start;
    const end = byPeriod ? lead.end : t && t.insideMs > 0 ? t.workTo : fr.end;
    windows.push({
      start,
      end,
      measured: hours(byPeriod ? lead.ms : insideMs),
      at: fr.start,
      blockRange: t ? blockRange(t.firstBlock, t.endBlock) : [0, 0],
      // A detail left undefined is not written (findings.ts figures): one shape for every day, no spreads.
      details: {
        hoursInFrame: hours(insideMs),
        workPeriodFirst24Hours: hours(lead?.ms ?? 0),
        passiveHours: passive
          ? hours(byPeriod ? passiveMsIn(lead.period.intervals, lead.start, lead.end) : passive[f]!)
          : undefined,
        standbyHoursCounted: standbyMs > 0 ? hours(standbyMs) : undefined,
      },
    });
  });
  return windows;
}

function weekWindows(facts: WorkFacts): FactWindow[] {
  const { blocks } = facts;
  const frames = facts.weekFrames;
  const onStandby = facts.standby.intervals.length > 0 ? standbyTally(facts.standby, frames) : undefined;
  const passive = hasPassive(facts) ? passiveInFrames(facts.intervals, frames) : undefined;
  const windows: FactWindow[] = [];
  let b0 = 0;
  frames.forEach((fr, f) => {
    while (b0 < blocks.length && blocks[b0]!.end <= fr.start) b0++;
    let b1 = b0;
    let insideMs = onStandby?.[f] ?? 0;
    for (; b1 < blocks.length && blocks[b1]!.start < fr.end; b1++)
      insideMs += Math.min(blocks[b1]!.end, fr.end) - Math.max(blocks[b1]!.start, fr.start);
    if (b1 === b0 && insideMs === 0) return;
    windows.push({
      start: fr.start,
      end: fr.end,
      measured: hours(insideMs),
      at: fr.start,
      blockRange: b1 > b0 ? [b0, b1] : [0, 0],
      details: {
        hoursInFrame: hours(insideMs),
        passiveHours: passive ? hours(passive[f]!) : undefined,
        standbyHoursCounted: onStandby?.[f] ? hours(onStandby[f]!) : undefined,
      },
    });
    // A block that runs on into the next week is read again there.
    if (b1 > b0 && blocks[b1 - 1]!.end > fr.end) b1--;
    b0 = b1;
  });
  return windows;
}

export const hoursInDayFrame: Measure = ({ facts }) => dayWindows(facts);
export const hoursInWeekFrame: Measure = ({ facts }) => weekWindows(facts);
