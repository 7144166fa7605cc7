// Fixed multi-week blocks of the plan (docs/legal/01-fixed-frames.md): blocks of N week frames counted from the
// plan's reference week. Work hours are summed per block in one pass over the work blocks.
import type { Frame } from '../time/frames.ts';
import { firstEndingAfter } from '../time/sorted.ts';
import type { WorkFacts } from './types.ts';

/** Index of the frame that contains `at` (frames sorted and contiguous; clamped to the ends). */
export function frameIndexOf(frames: Frame[], at: number): number {
  return Math.max(0, Math.min(firstEndingAfter(frames, at), frames.length - 1));
}

export interface BlockHours {
  /** Work milliseconds in the block. */
  ms: number;
  /** Work blocks [first, last) that touch it. */
  first: number;
  last: number;
  start: number;
  end: number;
  /** Weeks of the block that the plan covers, and the block's length in weeks. */
  weeksCovered: number;
  blockWeeks: number;
}

/** Work hours per fixed block of `n` weeks that holds any work, in block order. */
export function hoursPerBlock(facts: WorkFacts, n: number): BlockHours[] {
  const { weeks, referenceWeek } = facts.plan;
  const blockOf = (weekIndex: number) => Math.floor((weekIndex - referenceWeek) / n);
  // The work blocks come in time order and the weeks each touches never go back, so the fixed blocks
  // they fall in come in order too: each sum is the last one or a new one after it.
  const sums: Array<{ block: number; ms: number; first: number; last: number }> = [];
  let w = 0;
  facts.blocks.forEach((b, bi) => {
    w = Math.max(w, frameIndexOf(weeks, b.start));
    for (let i = w; i < weeks.length && weeks[i]!.start < b.end; i++) {
      const fr = weeks[i]!;
      const block = blockOf(i);
      let t = sums[sums.length - 1];
      if (!t || t.block !== block) sums.push((t = { block, ms: 0, first: bi, last: bi + 1 }));
      t.ms += Math.min(b.end, fr.end) - Math.max(b.start, fr.start);
      t.last = bi + 1;
    }
  });
  return sums.map(({ block, ms, first, last }) => {
    const firstWeek = Math.max(0, referenceWeek + block * n);
    const lastWeek = Math.min(weeks.length - 1, referenceWeek + (block + 1) * n - 1);
    return {
      ms,
      first,
      last,
      start: weeks[firstWeek]!.start,
      end: weeks[lastWeek]!.end,
      weeksCovered: lastWeek - firstWeek + 1,
      blockWeeks: n,
    };
  });
}
