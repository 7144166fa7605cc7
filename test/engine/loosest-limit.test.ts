// A judgement that reads breaches alone asks a floored measure only for the windows that break the
// loosest value of the check's limit series (Pass.breachCandidatesOf): the lowest of a maximum, the
// highest of a minimum. A window that breaks none of the series' values breaks no limit a window can
// be judged by, as no agreement makes a limit stricter than the series.
import { describe, expect, it } from 'vitest';
import { loosestOf } from '../../src/engine/pass.ts';
import { BREACH } from '../../src/rules/limits.ts';

const series = { since: [0, 100, 200], values: [13, 9, 11] };

describe('loosestOf', () => {
  it('is the lowest value of a maximum and the highest of a minimum', () => {
    expect(loosestOf(series, 'greaterThan')).toBe(9);
    expect(loosestOf(series, 'greaterThanInclusive')).toBe(9);
    expect(loosestOf(series, 'lessThan')).toBe(13);
    expect(loosestOf(series, 'lessThanInclusive')).toBe(13);
  });

  it('keeps every window that breaks any value of the series, and no other', () => {
    for (const operator of ['greaterThan', 'greaterThanInclusive', 'lessThan', 'lessThanInclusive'] as const) {
      const breach = BREACH[operator];
      const loosest = loosestOf(series, operator);
      for (let measured = 0; measured <= 20; measured += 0.5)
        expect(breach(measured, loosest), `${operator} ${measured}`).toBe(
          series.values.some((limit) => breach(measured, limit)),
        );
    }
  });

  it('keeps nothing of a series without values', () => {
    const none = { since: [], values: [] };
    expect(BREACH.greaterThan(1e9, loosestOf(none, 'greaterThan'))).toBe(false);
    expect(BREACH.lessThan(-1e9, loosestOf(none, 'lessThan'))).toBe(false);
  });
});
