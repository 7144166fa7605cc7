// The naive baseline of `npm run bench` (bench/naive-baseline.ts) must be right, or "naive ÷ engine"
// compares the engine with something else. On small hand-made rotas its breach counts must equal
// the expected ones and the engine's (violations and warnings of the same rule id and reading).
// Agreements are outside the baseline's scope: the last cases pin that down instead of hiding it.
import { describe, expect, it } from 'vitest';
import { NAIVE_RULES, naiveEvaluate, type NaiveRuleId } from '../../bench/naive-baseline.ts';
import { evaluate } from '../../src/engine/evaluate.ts';
import { validateRotaDocument } from '../../src/rota/load.ts';
import { defaultRuleBook, type RuleBook } from '../../src/rules/load.ts';
import { onePersonRota, type OnePersonRota } from '../support/rota.ts';

type Counts = Record<NaiveRuleId, number>;
const NONE: Counts = {
  'aml.10-4.normal-day': 0,
  'aml.10-6.total-day': 0,
  'aml.10-4.normal-week': 0,
  'aml.10-6.total-week': 0,
  'aml.10-8.daily-rest': 0,
  'aml.10-8.weekly-rest': 0,
};

async function both(spec: OnePersonRota, ruleBook?: RuleBook): Promise<{ naive: Counts; engine: Counts }> {
  const rota = validateRotaDocument(onePersonRota(spec));
  const naive = await naiveEvaluate(rota, ruleBook ? { ruleBook } : {});
  const report = await evaluate(rota, { conversions: false, ...(ruleBook ? { ruleBook } : {}) });
  const engine = Object.fromEntries(
    NAIVE_RULES.map(({ ruleId, reading }) => [
      ruleId,
      report.findings.filter((f) => f.ruleId === ruleId && f.reading === reading && f.severity !== 'info').length,
    ]),
  ) as Counts;
  return { naive: naive.breaches, engine };
}

// Monday 3 March 2025 to Sunday 9 March: no holiday, no summer-time change.
const day = (d: number, from: string, to: string): [string, string] => [`2025-03-0${d}T${from}`, `2025-03-0${d}T${to}`];

describe('naive baseline agrees with the engine (no agreements)', () => {
  const cases: Array<{ name: string; spec: OnePersonRota; expected: Partial<Counts> }> = [
    {
      name: 'one 14-hour shift on a weekday: normal day, total day, and only 10 h rest in the 24 h from its start',
      spec: { periods: [day(5, '06:00', '20:00')] },
      expected: { 'aml.10-4.normal-day': 1, 'aml.10-6.total-day': 1, 'aml.10-8.daily-rest': 1 },
    },
    {
      name: 'five 10-hour days: five normal days, a 50-hour normal week, and 50 h > 48 h on average over the one week the plan covers',
      spec: { periods: [3, 4, 5, 6, 7].map((d) => day(d, '08:00', '18:00')) },
      expected: { 'aml.10-4.normal-day': 5, 'aml.10-4.normal-week': 1, 'aml.10-6.total-week': 1 },
    },
    {
      name: 'evening 14–22 then morning 07–15: 9 h of daily rest, so one work period of 8 + 7 h in its first 24 hours',
      spec: { periods: [day(3, '14:00', '22:00'), day(4, '07:00', '15:00')] },
      expected: { 'aml.10-4.normal-day': 1, 'aml.10-6.total-day': 1, 'aml.10-8.daily-rest': 1 },
    },
    {
      name: 'three shifts 9 h apart are one main work period: one daily-rest breach, not one per shift',
      spec: { periods: [day(3, '14:00', '22:00'), day(4, '07:00', '15:00'), ['2025-03-05T00:00', '2025-03-05T08:00']] },
      expected: { 'aml.10-4.normal-day': 1, 'aml.10-6.total-day': 1, 'aml.10-8.daily-rest': 1 },
    },
    {
      name: 'seven 12-hour days: no 35 h weekly rest inside the week, 84 h in the week',
      spec: { periods: [3, 4, 5, 6, 7, 8, 9].map((d) => day(d, '08:00', '20:00')) },
      expected: {
        'aml.10-4.normal-day': 7,
        'aml.10-4.normal-week': 1,
        'aml.10-6.total-week': 1,
        'aml.10-8.weekly-rest': 1,
      },
    },
    {
      name: 'two touching periods are one block: 08–14 and 14–22 is a 14-hour day',
      spec: { periods: [day(5, '08:00', '14:00'), day(5, '14:00', '22:00')] },
      expected: { 'aml.10-4.normal-day': 1, 'aml.10-6.total-day': 1, 'aml.10-8.daily-rest': 1 },
    },
    {
      name: 'touching across midnight, 20:00–24:00 and 00:00–06:00 is one 10-hour block in the day it starts',
      spec: {
        periods: [
          ['2025-03-05T20:00', '2025-03-06T00:00'],
          ['2025-03-06T00:00', '2025-03-06T06:00'],
        ],
      },
      expected: { 'aml.10-4.normal-day': 1 },
    },
    {
      name: 'a shift 16:00–02:00 counts its 10 hours in the day it starts (8 + 2 in the frames)',
      spec: { periods: [['2025-03-05T16:00', '2025-03-06T02:00']] },
      expected: { 'aml.10-4.normal-day': 1 },
    },
    {
      name: 'the spring-forward night: Saturday 20:00 to Sunday 10:00 is 13 elapsed hours, not over the 13-hour total',
      spec: { periods: [['2025-03-29T20:00', '2025-03-30T10:00']] },
      expected: { 'aml.10-4.normal-day': 1 },
    },
    {
      name: 'an ordinary week 08:00–15:30 breaks nothing',
      spec: { periods: [3, 4, 5, 6, 7].map((d) => day(d, '08:00', '15:30')) },
      expected: {},
    },
  ];
  for (const { name, spec, expected } of cases) {
    it(name, async () => {
      const { naive, engine } = await both(spec);
      expect(naive).toEqual({ ...NONE, ...expected });
      expect(engine).toEqual(naive);
    });
  }

  it('reads its limits from the rule book, not from literals', async () => {
    const book = defaultRuleBook();
    const lenient: RuleBook = {
      ...book,
      files: book.files.map((f) =>
        f.checks.some((c) => c.id === 'aml.10-6.total-day') && f.parameters.maxTotalHoursPerDay
          ? {
              ...f,
              parameters: {
                ...f.parameters,
                maxTotalHoursPerDay: {
                  ...f.parameters.maxTotalHoursPerDay,
                  values: [{ since: '2006-01-01', value: 15 }],
                },
              },
            }
          : f,
      ),
    };
    const { naive, engine } = await both({ periods: [day(5, '06:00', '20:00')] }, lenient);
    expect(naive['aml.10-6.total-day']).toBe(0);
    expect(engine).toEqual(naive);
  });
});

describe("agreements are not in the baseline's scope", () => {
  it("a tariff averaging agreement lifts the engine's normal day and week (12.5 h, 54 h), not the baseline's", async () => {
    const week = { periods: [3, 4, 5, 6, 7].map((d) => day(d, '08:00', '18:00')) };
    const without = await both(week);
    const withAgreement = await both({ ...week, agreements: [{ type: 'aml-10-5-2-tariff-averaging' }] });
    expect(withAgreement.naive).toEqual(without.naive);
    expect(withAgreement.engine['aml.10-4.normal-day']).toBe(0);
    expect(withAgreement.engine['aml.10-4.normal-week']).toBe(0);
    expect(withAgreement.naive['aml.10-4.normal-day']).toBe(5);
  });
});
