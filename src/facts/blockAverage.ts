// Averages over fixed multi-week blocks (docs/legal/01-fixed-frames.md, docs/legal/09-avlaster-88-hours.md): blocks of N week frames counted
// from the plan's reference week. A block the plan covers only in part is averaged over the weeks
// of it the plan covers, so a three-week plan is not diluted by five empty weeks it never showed.
import { hours } from '../time/instant.ts';
import { hoursPerBlock } from './planBlocks.ts';
import type { FactWindow, Measure } from './types.ts';

export const averageWeeklyHoursInBlock: Measure = ({ facts, windowHours }) => {
  if (windowHours === undefined || !Number.isInteger(windowHours) || windowHours < 1) {
    throw new Error('averageWeeklyHoursInBlock needs a whole number of weeks');
  }
  return hoursPerBlock(facts, windowHours).map(
    (b): FactWindow => ({
      start: b.start,
      end: b.end,
      measured: hours(b.ms) / b.weeksCovered,
      at: b.start,
      blockRange: [b.first, b.last],
      details: { totalHours: hours(b.ms), weeksInBlock: b.weeksCovered, blockWeeks: b.blockWeeks },
    }),
  );
};
