// A pass skips the checks for kinds of work it does not hold (Pass.mayHold: the avlaster regulation
// for a nurse's pass), and does not ask such a check to take windows over. The shortcut must change
// nothing: a report is the same as when every check is measured and asked. Random schedules of one
// worker with a respite or support-contact oppdrag, a second oppdrag, a day job, and stand-by on
// some of them, with the conversion assessment's runs, which judge the oppdrag as employment.
//
// Checked against mutants: asking that a pass hold every kind a check names (instead of one of them)
// fails at once. Leaving stand-by out of the kinds a pass holds changes no report here (18 passes in
// these runs held a kind only as stand-by): counting it is the conservative side, kept.
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { evaluate } from '../../src/engine/evaluate.ts';
import { Pass } from '../../src/engine/pass.ts';
import { validateRotaDocument } from '../../src/rota/load.ts';
import type { Rota } from '../../src/rota/schema.ts';
import { defaultRuleBook } from '../../src/rules/load.ts';
import { scheduleArb, scheduleRota } from '../support/schedules.ts';

const book = defaultRuleBook();

/** The schedule with some periods of one assignment as stand-by: all of them, or every other one. */
function withStandby(rota: Rota, assignmentId: string | undefined, everyOther: boolean): Rota {
  let n = 0;
  return validateRotaDocument({
    ...rota,
    periods: rota.periods.map((p) =>
      p.assignmentId === assignmentId && (!everyOther || n++ % 2 === 0) ? { ...p, standby: true } : p,
    ),
  });
}

const arb = fc.record({
  schedule: scheduleArb,
  standbyOf: fc.constantFrom(undefined, 'a1', 'a2', 'job'),
  everyOther: fc.boolean(),
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('skipping the checks for kinds of work a pass does not hold changes no report', () => {
  it('on random schedules with stand-by, with the conversion assessment', async () => {
    let findings = 0;
    let standby = 0;
    let asked = 0;
    await fc.assert(
      fc.asyncProperty(arb, async ({ schedule, standbyOf, everyOther }) => {
        const rota = withStandby(scheduleRota(schedule), standbyOf, everyOther);
        standby += rota.periods.filter((p) => p.standby).length;
        const skipping = await evaluate(rota, { ruleBook: book });
        const spy = vi.spyOn(Pass.prototype, 'mayHold').mockReturnValue(true);
        const measuringAll = await evaluate(rota, { ruleBook: book });
        asked += spy.mock.calls.length;
        spy.mockRestore();
        expect(JSON.stringify(skipping)).toBe(JSON.stringify(measuringAll));
        findings += skipping.findings.length;
      }),
      { numRuns: 25, seed: 20261203 },
    );
    // The spy was in the path: the comparison is between the two ways, not one way twice.

    expect(asked).toBeGreaterThan(1000);
    expect(findings).toBeGreaterThan(100);
    expect(standby).toBeGreaterThan(20);
  });
});
