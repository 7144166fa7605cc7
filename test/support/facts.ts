// A pass's facts as passPlan.ts forms them, for measures tested alone: the intervals and blocks given,
// main work periods under an 11-hour rest, and the day and week frames from the first block's start
// to the last block's end, the first week the reference week.
import { mainWorkPeriods } from '../../src/facts/mainWorkPeriods.ts';
import type { WorkFacts } from '../../src/facts/types.ts';
import { dayFrames, type FrameAnchor, weekFrames } from '../../src/time/frames.ts';
import type { WorkInterval } from '../../src/timeline/build.ts';

export function factsOf(intervals: WorkInterval[], blocks: WorkFacts['blocks'], anchor: FrameAnchor): WorkFacts {
  const from = blocks[0]!.start;
  const to = blocks[blocks.length - 1]!.end;
  const weeks = weekFrames(from, to, anchor);
  return {
    intervals,
    blocks,
    workPeriods: mainWorkPeriods(intervals, () => 11),
    dayFrames: dayFrames(from, to, anchor),
    weekFrames: weeks,
    standby: { intervals: [], weight: 0 },
    plan: { weeks, referenceWeek: 0 },
  };
}
