// Rest: the time between work blocks. Off-duty time before the first and after the last block of
// the plan counts as rest (the plan shows no work there).
import type { Frame } from '../time/frames.ts';
import { hours, msFromHours } from '../time/instant.ts';
import { every, type FactWindow, type Measure } from './types.ts';
import type { WorkBlock } from './workBlocks.ts';

/**
 * Main work periods (hovedarbeidsperioder, docs/legal/07-work-period.md), formed once a pass at the
 * daily rest that applies to each gap. For each period the measure is the longest continuous rest
 * inside the window that starts with the period (24 h for AML § 10-8 (1)): it is below the minimum
 * exactly when the period runs so long that the window holds no full rest.
 */
export const restInWorkPeriod: Measure = ({ facts, limitAt, windowHours }) => {
  if (windowHours === undefined) throw new Error('restInWorkPeriod needs a window length');
  const width = msFromHours(windowHours);
  const { blocks, workPeriods } = facts;
  const out: FactWindow[] = [];
  let first = 0;
  for (const p of workPeriods) {
    while (first < blocks.length && blocks[first]!.end <= p.start) first++;
    let last = first;
    while (last + 1 < blocks.length && blocks[last + 1]!.start < p.end) last++;
    if (limitAt(p.start) !== undefined) {
      const windowEnd = p.start + width;
      let longest = 0;
      let worked = 0;
      for (let k = first; k <= last; k++) {
        const restFrom = blocks[k]!.end;
        const restTo = k + 1 < blocks.length ? blocks[k + 1]!.start : Infinity;
        longest = Math.max(longest, Math.min(restTo, windowEnd) - Math.min(restFrom, windowEnd));
        worked += blocks[k]!.end - blocks[k]!.start;
      }
      out.push({
        start: p.start,
        end: p.end,
        measured: hours(longest),
        at: p.start,
        blockRange: [first, last + 1],
        details: { workPeriodHours: hours(p.end - p.start), workedHours: hours(worked) },
      });
    }
    first = last + 1;
  }
  return out;
};

/**
 * Longest continuous off-duty time per frame that has work in it, in one pass. `clip` counts only
 * the part of a rest inside the frame (weekly rest, docs/legal/03-weekly-rest.md: the block lies inside the
 * frame); otherwise a rest that touches the frame counts whole, so an ordinary 08–16 day (16 h off
 * across midnight) passes and only a frame with no full rest anywhere near it fails.
 */
function longestRestPerFrame(
  blocks: WorkBlock[],
  frames: Frame[],
  clip: boolean,
  keeps: (measured: number) => boolean,
): FactWindow[] {
  const out: FactWindow[] = [];
  let b0 = 0;
  for (const fr of frames) {
    while (b0 < blocks.length && blocks[b0]!.end <= fr.start) b0++;
    if (b0 >= blocks.length || blocks[b0]!.start >= fr.end) continue;
    const lo = clip ? fr.start : -Infinity;
    const hi = clip ? fr.end : Infinity;
    // The rest before the first block in the frame begins where the previous block ended.
    let cursor = Math.max(lo, b0 > 0 ? blocks[b0 - 1]!.end : -Infinity);
    let longest = 0;
    let b = b0;
    for (; b < blocks.length && blocks[b]!.start < fr.end; b++) {
      // A rest counts only if it reaches into the frame: the one before a block that already
      // covers the frame's start ended before the frame began.
      if (blocks[b]!.start > fr.start) longest = Math.max(longest, blocks[b]!.start - cursor);
      cursor = Math.max(cursor, blocks[b]!.end);
    }
    const nextStart = Math.min(hi, b < blocks.length ? blocks[b]!.start : Infinity);
    if (cursor < fr.end) longest = Math.max(longest, nextStart - cursor);
    const measured = hours(Math.max(0, longest));
    if (keeps(measured)) out.push({ start: fr.start, end: fr.end, measured, at: fr.start, blockRange: [b0, b] });
  }
  return out;
}

export const restInDayFrame: Measure = ({ facts, keeps = every }) =>
  longestRestPerFrame(facts.blocks, facts.dayFrames, false, keeps);
export const restInWeekFrame: Measure = ({ facts, keeps = every }) =>
  longestRestPerFrame(facts.blocks, facts.weekFrames, true, keeps);
