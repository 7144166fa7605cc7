// A judgement that reads breaches alone asks a floored measure only for the windows that could break
// a limit of some check naming it with that window length (Pass.breachCandidatesOf, floorOf): at
// least the lowest value any of their limit series takes, for maxima; at most the highest, for minima. A window that breaks
// none of those values breaks no limit a window can be judged by, as no agreement makes a limit
// stricter than its series.
import { describe, expect, it } from 'vitest';
import { compiled } from '../../src/engine/engines.ts';
import { floorOf } from '../../src/engine/pass.ts';
import { FLOORED_MEASURES } from '../../src/facts/measures.ts';
import { BREACH, type CompiledCheck } from '../../src/rules/limits.ts';
import { defaultRuleBook } from '../../src/rules/load.ts';

const { checks } = compiled(defaultRuleBook(), 'Europe/Oslo');
const seriesOf = (c: CompiledCheck) => [c.base, ...c.limitWhen.map((w) => w.limit)];

describe('floorOf', () => {
  it.each([...FLOORED_MEASURES])('%s: keeps every value that breaks a value of a check naming it', (measure) => {
    const all = checks.filter((c) => c.check.measure === measure);
    const lengths = [...new Set(all.flatMap((c) => c.window?.values ?? [undefined]))];
    for (const length of lengths) {
      const floor = floorOf(checks, measure, length);
      expect(floor, `${measure} ${length}`).toBeDefined();
      const naming = all.filter((c) => (length === undefined ? !c.window : c.window?.values.includes(length)));
      let kept = 0;
      let dropped = 0;
      for (let m = -1; m <= 200; m += 0.25) {
        const breaks = naming.some((c) =>
          seriesOf(c).some((s) => s.values.some((v) => BREACH[c.check.operator](m, v))),
        );
        if (breaks) expect(floor!(m), `${measure} ${length} ${m}`).toBe(true);
        if (floor!(m)) kept++;
        else dropped++;
      }
      // It leaves some windows out, or it would be no use.
      expect(kept).toBeGreaterThan(0);
      expect(dropped).toBeGreaterThan(0);
    }
  });

  it('takes the checks of each window length apart: a week is not floored by a day’s limit', () => {
    const day = floorOf(checks, 'hoursInRollingWindow', 24)!;
    const week = floorOf(checks, 'hoursInRollingWindow', 168)!;
    expect([day(8.9), day(9)]).toEqual([false, true]);
    expect([week(35.9), week(36)]).toEqual([false, true]);
  });

  it('is the lowest value of maxima and the highest of minima, over the plan-selected limits too', () => {
    const check = (operator: string, base: number[], selected: number[] = []) =>
      ({
        check: { measure: 'hoursInRollingWindow', operator },
        window: { since: [0], values: [24] },
        base: { since: base.map((_, i) => i), values: base },
        limitWhen: selected.map((v) => ({ limit: { since: [0], values: [v] } })),
      }) as unknown as CompiledCheck;
    const maxima = [check('greaterThan', [13, 9]), check('greaterThanInclusive', [10], [8.5])];
    const floor = floorOf(maxima, 'hoursInRollingWindow', 24)!;
    expect([floor(8.4), floor(8.5), floor(9)]).toEqual([false, true, true]);
    const minima = [check('lessThan', [11, 9]), check('lessThanInclusive', [8], [12])];
    const rest = floorOf(minima, 'hoursInRollingWindow', 24)!;
    expect([rest(12.1), rest(12), rest(3)]).toEqual([false, true, true]);
    // Bounded from both sides, or by nothing: every window.
    expect(floorOf([...maxima, ...minima], 'hoursInRollingWindow', 24)).toBeUndefined();
    expect(floorOf([], 'hoursInRollingWindow', 24)).toBeUndefined();
    // No check naming it with that length.
    expect(floorOf(maxima, 'hoursInRollingWindow', 168)).toBeUndefined();
  });
});
