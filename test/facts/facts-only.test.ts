// The tallies a pass's facts keep for the measures of the facts alone (facts/frameHours.ts): a copy of
// the facts with other work periods is tallied anew. What each shared measure reads is held to its
// listing in test/facts/shared-measures.test.ts.
import { describe, expect, it } from 'vitest';
import { factsOf } from '../support/facts.ts';
import { MEASURE_FUNCTIONS } from '../../src/facts/measures.ts';
import { mainWorkPeriods } from '../../src/facts/mainWorkPeriods.ts';
import type { WorkFacts } from '../../src/facts/types.ts';
import type { FrameAnchor } from '../../src/time/frames.ts';
import { parseInstant } from '../../src/time/instant.ts';

const anchor: FrameAnchor = { zone: 'Europe/Oslo', dayStartMinutes: 0, weekStartWeekday: 1 };
const t = (s: string) => parseInstant(s, anchor.zone);

function facts(): WorkFacts {
  const spans: Array<[string, string, number]> = [
    ['2025-03-28T16:00', '2025-03-30T16:00', 16 * 3_600_000], // over the spring change, passive nights
    ['2025-03-31T22:00', '2025-04-01T07:30', 0], // across midnight
    ['2025-04-03T07:30', '2025-04-03T20:00', 0],
  ];
  const intervals = spans.map(([a, b, passiveMs], i) => ({
    periodIndex: i,
    assignmentId: 'a1',
    workerId: 'w1',
    undertaking: '',
    kind: 'employment' as const,
    contract: 'arbeidsavtale' as const,
    start: t(a),
    end: t(b),
    passiveMs,
    regime: 'aml' as const,
    standby: false,
    heavyNightWork: false,
  }));
  const blocks = intervals.map((iv) => ({ start: iv.start, end: iv.end, assignmentIds: ['a1'] }));
  return factsOf(intervals, blocks, anchor);
}

describe("the tallies kept on a pass's facts", () => {
  it('a copy of the facts with other work periods is tallied anew, as the avlaster § 7 windows are formed', () => {
    const f = facts();
    const day = (x: WorkFacts) =>
      MEASURE_FUNCTIONS.hoursInDayFrame({ facts: x, limitAt: () => 9, windowHours: undefined });
    const before = day(f);
    // The first two periods joined into one work period (a rest minimum longer than their gap).
    const joined: WorkFacts = { ...f, workPeriods: mainWorkPeriods(f.intervals, () => 48) };
    expect(joined.workPeriods.length).toBeLessThan(f.workPeriods.length);
    const after = day(joined);
    // The Sunday frame of the first stay counts what its work period ran on into (not the same windows),
    expect(after).not.toEqual(before);
    // and the original facts still give what they gave.
    expect(day(f)).toEqual(before);
    expect(day({ ...f })).toEqual(before);
  });
});
