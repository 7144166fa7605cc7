import { describe, expect, it } from 'vitest';
import { restInDayFrame, restInWeekFrame } from '../../src/facts/rest.ts';
import type { WorkFacts } from '../../src/facts/types.ts';
import { dayFrames, weekFrames, type FrameAnchor } from '../../src/time/frames.ts';
import { parseInstant } from '../../src/time/instant.ts';

const anchor: FrameAnchor = { zone: 'Europe/Oslo', dayStartMinutes: 0, weekStartWeekday: 1 };
const t = (s: string) => parseInstant(s, anchor.zone);

function facts(blocks: Array<[string, string]>): WorkFacts {
  const bs = blocks.map(([a, b]) => ({ start: t(a), end: t(b), assignmentIds: ['a1'] }));
  const from = bs[0]!.start;
  const to = bs[bs.length - 1]!.end;
  const weeks = weekFrames(from, to, anchor);
  return {
    intervals: [],
    blocks: bs,
    workPeriods: [],
    dayFrames: dayFrames(from, to, anchor),
    weekFrames: weeks,
    standby: { intervals: [], weight: 0 },
    plan: { weeks, referenceWeek: 0 },
  };
}
const none = { limitAt: () => 11, windowHours: undefined };

describe('rest per frame', () => {
  it('a day inside a long stay has no rest, not the rest that ended before it', () => {
    const windows = restInDayFrame({ facts: facts([['2025-03-07T16:00', '2025-03-09T16:00']]), ...none });
    const [friday, saturday, sunday] = windows.map((w) => w.measured);
    expect(saturday).toBe(0);
    expect(friday).toBeGreaterThan(11); // the rest before the stay reaches into Friday
    expect(sunday).toBeGreaterThan(11); // and the rest after it into Sunday
  });

  it('a rest that crosses midnight counts whole in the day frame, but only its part inside the week frame', () => {
    const f = facts([
      ['2025-03-03T08:00', '2025-03-03T16:00'],
      ['2025-03-04T08:00', '2025-03-04T16:00'],
    ]);
    expect(restInDayFrame({ facts: f, ...none }).map((w) => w.measured)).toEqual([Infinity, Infinity]);
    expect(restInWeekFrame({ facts: f, ...none }).map((w) => w.measured)).toEqual([5 * 24 + 8]);
  });
});
