// Averages over fixed multi-week blocks (decisions.md #1, #9): blocks of N week frames counted
// from the plan's reference week. A block the plan covers only in part is averaged over the weeks
// of it the plan covers, so a three-week plan is not diluted by five empty weeks it never showed.
import type { Frame } from '../time/frames.ts';
import { hours } from '../time/instant.ts';
import type { FactWindow, Measure } from './types.ts';

function indexOf(weeks: Frame[], start: number): number {
  let lo = 0;
  let hi = weeks.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (weeks[mid]!.end <= start) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export const averageWeeklyHoursInBlock: Measure = ({ facts, windowHours }) => {
  if (windowHours === undefined || !Number.isInteger(windowHours) || windowHours < 1) {
    throw new Error('averageWeeklyHoursInBlock needs a whole number of weeks');
  }
  const n = windowHours;
  const { weeks, referenceWeek } = facts.plan;
  const blockOf = (weekIndex: number) => Math.floor((weekIndex - referenceWeek) / n);
  const sums = new Map<number, { ms: number; first: number; last: number }>();
  let w = 0;
  facts.blocks.forEach((b, bi) => {
    w = Math.max(w, indexOf(weeks, b.start));
    for (let i = w; i < weeks.length && weeks[i]!.start < b.end; i++) {
      const fr = weeks[i]!;
      const block = blockOf(i);
      const t = sums.get(block) ?? { ms: 0, first: bi, last: bi + 1 };
      t.ms += Math.min(b.end, fr.end) - Math.max(b.start, fr.start);
      t.last = bi + 1;
      sums.set(block, t);
    }
  });
  const out: FactWindow[] = [];
  for (const [block, t] of [...sums].sort((a, b) => a[0] - b[0])) {
    const firstWeek = Math.max(0, referenceWeek + block * n);
    const lastWeek = Math.min(weeks.length - 1, referenceWeek + (block + 1) * n - 1);
    const weeksCovered = lastWeek - firstWeek + 1;
    out.push({
      start: weeks[firstWeek]!.start,
      end: weeks[lastWeek]!.end,
      measured: hours(t.ms) / weeksCovered,
      at: weeks[firstWeek]!.start,
      blockRange: [t.first, t.last],
      details: { totalHours: hours(t.ms), weeksInBlock: weeksCovered, blockWeeks: n },
    });
  }
  return out;
};
