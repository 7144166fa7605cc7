// The hours per fixed multi-week block (facts/planBlocks.ts) against a reading that asks every week of
// every work block on its own: the one-pass sum must give the same blocks, hours and block ranges.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hoursPerBlock } from '../../src/facts/planBlocks.ts';
import type { WorkFacts } from '../../src/facts/types.ts';

const WEEK = 7 * 86_400_000;
const HOUR = 3_600_000;

function byWeek(facts: WorkFacts, n: number) {
  const { weeks, referenceWeek } = facts.plan;
  const sums = new Map<number, { ms: number; first: number; last: number }>();
  facts.blocks.forEach((b, bi) => {
    weeks.forEach((fr, i) => {
      const ms = Math.min(b.end, fr.end) - Math.max(b.start, fr.start);
      if (ms <= 0) return;
      const block = Math.floor((i - referenceWeek) / n);
      const t = sums.get(block) ?? { ms: 0, first: bi, last: bi + 1 };
      t.ms += ms;
      t.first = Math.min(t.first, bi);
      t.last = Math.max(t.last, bi + 1);
      sums.set(block, t);
    });
  });
  return [...sums]
    .sort((a, b) => a[0] - b[0])
    .map(([block, t]) => {
      const firstWeek = Math.max(0, referenceWeek + block * n);
      const lastWeek = Math.min(weeks.length - 1, referenceWeek + (block + 1) * n - 1);
      return {
        ...t,
        start: weeks[firstWeek]!.start,
        end: weeks[lastWeek]!.end,
        weeksCovered: lastWeek - firstWeek + 1,
        blockWeeks: n,
      };
    });
}

describe('hours per fixed block', () => {
  it('sums each block of n weeks as a week-by-week reading does, across week and block boundaries', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }), // weeks in the plan
        fc.integer({ min: 0, max: 11 }), // reference week
        fc.integer({ min: 1, max: 6 }), // block length in weeks
        fc.array(fc.tuple(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 1, max: 200 })), { maxLength: 30 }),
        (weekCount, ref, n, gaps) => {
          const weeks = Array.from({ length: weekCount }, (_, i) => ({ start: i * WEEK, end: (i + 1) * WEEK }));
          // Blocks in time order, disjoint, inside the plan: a gap then a length, in hours.
          const blocks: WorkFacts['blocks'] = [];
          let at = 0;
          for (const [gap, length] of gaps) {
            const start = at + gap * HOUR;
            const end = Math.min(start + length * HOUR, weekCount * WEEK);
            if (start >= end) break;
            blocks.push({ start, end, assignmentIds: ['a'] });
            at = end;
          }
          const facts = { blocks, plan: { weeks, referenceWeek: Math.min(ref, weekCount - 1) } } as WorkFacts;
          expect(hoursPerBlock(facts, n)).toEqual(byWeek(facts, n));
        },
      ),
      { numRuns: 500 },
    );
  });
});
