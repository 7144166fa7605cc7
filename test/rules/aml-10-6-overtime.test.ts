// AML § 10-6: overtime is work beyond the normal-hours ceilings of § 10-4 as they apply to the
// worker. Per fixed week: max(Σ per day of the hours of work starting in the day over the day
// ceiling, hours in the week over the week ceiling); summed over fixed blocks of 1, 4 and 52 weeks
// (docs/legal/01-fixed-frames.md; Arbeidstilsynet: the 52 weeks are fixed, never rolling).
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/schema.ts';
import type { AgreementType } from '../../src/rota/schema.ts';
import { check, findingsOf, type OnePersonRota } from '../support/rota.ts';

const WEEK = 'aml.10-6.overtime-week';
const FOUR = 'aml.10-6.overtime-4weeks';
const YEAR = 'aml.10-6.overtime-year';
const CONSENT_26 = 'aml.10-6.overtime-26weeks';
const STANDING = 'aml.10-6.standing-overtime';

const WEEK_CURES = ['aml-10-6-5-tariff-overtime', 'arbeidstilsynet-consent', 'aml-10-12-4-union-agreement'];
const STATED_CURES = ['arbeidstilsynet-consent', 'aml-10-12-4-union-agreement'];

type Periods = Array<[string, string]>;

const DAY_MS = 86_400_000;
const addDays = (date: string, n: number): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
const clock = (minutes: number): string =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
/** A day shift from 07:00 lasting `minutes` (daytime, so wall-clock and elapsed agree even on DST days). */
const shift = (date: string, minutes: number): [string, string] => [
  `${date}T07:00`,
  `${date}T${clock(7 * 60 + minutes)}`,
];

/**
 * A week (from the Monday `monday`) with exactly `overtimeMinutes` of overtime: five day shifts
 * Monday–Friday holding 40 h + the overtime, split evenly (any odd minutes on Friday). With five
 * days the week part (hours over 40) is always the larger, so the week's overtime is exactly the
 * given amount; 0 gives an ordinary 40-hour week. Up to 25 h a shift stays within 13 h.
 */
function weekWithOvertime(monday: string, overtimeMinutes: number): Periods {
  const total = 40 * 60 + overtimeMinutes;
  const each = Math.floor(total / 5);
  return [0, 1, 2, 3, 4].map((d) => shift(addDays(monday, d), d < 4 ? each : total - 4 * each));
}

/** Consecutive weeks from `monday`, each with the overtime (hours) given. */
const weeksWithOvertime = (monday: string, hoursPerWeek: number[]): Periods =>
  hoursPerWeek.flatMap((h, w) => weekWithOvertime(addDays(monday, 7 * w), Math.round(h * 60)));

const withReference = (spec: OnePersonRota, referenceDate: string): OnePersonRota => ({
  ...spec,
  frames: { referenceDate } as never,
});
const measured = (r: Report, ruleId: string, severity = 'violation' as const) =>
  findingsOf(r, ruleId, severity).map((f) => f.measured);

describe('aml.10-6.overtime-week: 10 hours per fixed 7-day frame (§ 10-6 (4))', () => {
  // Table moved to rules/aml/10-6-overtime.cases.yaml (test/rules/cases.test.ts).

  it('reports the week frame, both parts of the overtime, and which agreements could lift the cap', async () => {
    const periods = [
      ...[0, 1, 2, 3].map((d) => shift(addDays('2025-03-03', d), 10 * 60)),
      shift('2025-03-07', 10 * 60 + 1),
    ];
    const [f, ...rest] = findingsOf(await check({ periods }), WEEK, 'violation');
    expect(rest).toEqual([]);
    expect(f).toMatchObject({
      measured: 10.02,
      limit: 10,
      reading: 'fixed-week-frame',
      citation: 'arbeidsmiljøloven § 10-6 fjerde og femte ledd',
      window: { start: '2025-03-03T00:00:00+01:00', end: '2025-03-10T00:00:00+01:00' },
      assignmentIds: ['a1'],
      curedBy: WEEK_CURES,
      details: {
        dayOvertimeHours: 5.0167,
        weekOvertimeHours: 10.0167,
        totalHours: 50.0167,
        weeksWithOvertime: 1,
        blockWeeks: 1,
      },
    });
  });

  it('across midnight: a 16:00–02:00 shift is 10 h in the day it starts, 1 h over 9 (not 8 + 2, which has none)', async () => {
    // Three 12 h days hold 9 h of overtime; the night shift adds the tenth hour.
    const days = [0, 1, 2].map((d) => shift(addDays('2025-03-03', d), 12 * 60));
    expect(measured(await check({ periods: [...days, ['2025-03-07T16:00', '2025-03-08T02:00']] }), WEEK)).toEqual([]);
    const [f] = findingsOf(
      await check({ periods: [...days, ['2025-03-07T16:00', '2025-03-08T02:01']] }),
      WEEK,
      'violation',
    );
    expect(f).toMatchObject({ measured: 10.02, details: { dayOvertimeHours: 10.0167 } });
  });

  it('across the week boundary: a Sunday 16:00–Monday 02:00 shift brings its overtime hour to the week it starts in', async () => {
    const oldWeek = [0, 1, 2].map((d) => shift(addDays('2025-03-03', d), 12 * 60)); // 9 h
    const newWeek = [1, 2, 3, 4].map((d) => shift(addDays('2025-03-10', d), 11.5 * 60)); // 10 h
    // Counted where it starts: old week 10 h, new week 10 h, both pass (in the new week it would be 11 h).
    expect(
      measured(await check({ periods: [...oldWeek, ['2025-03-09T16:00', '2025-03-10T02:00'], ...newWeek] }), WEEK),
    ).toEqual([]);
    const over = findingsOf(
      await check({ periods: [...oldWeek, ['2025-03-09T16:00', '2025-03-10T02:01'], ...newWeek] }),
      WEEK,
      'violation',
    );
    expect(over.map((f) => [f.measured, f.window.start])).toEqual([[10.02, '2025-03-03T00:00:00+01:00']]);
    // The hours after midnight still count in the new week's own total (2 h + 46 h = 48 h, 8 h over 40).
    const heavy = [1, 2, 3, 4].map((d) => shift(addDays('2025-03-10', d), 12 * 60 + 30)); // 50 h + 2 h = 52 h
    const [f] = findingsOf(
      await check({ periods: [['2025-03-09T16:00', '2025-03-10T02:00'], ...heavy] }),
      WEEK,
      'violation',
    );
    expect(f).toMatchObject({
      measured: 14,
      window: { start: '2025-03-10T00:00:00+01:00' },
      details: { weekOvertimeHours: 12, dayOvertimeHours: 14 },
    });
  });

  it('spring DST night 22:00–09:00 is 10 h elapsed (1 h overtime): with 9 h more the week is at 10 h and passes', async () => {
    const days = [0, 1, 2].map((d) => shift(addDays('2025-03-24', d), 12 * 60));
    const r = await check({ periods: [...days, ['2025-03-29T22:00', '2025-03-30T09:00']] });
    expect(measured(r, WEEK)).toEqual([]);
    expect(r.ledger[0]!.hours).toBe(46);
  });

  it('autumn DST night 22:00–09:00 is 12 h elapsed (3 h overtime): with 9 h more the week is at 12 h and fails', async () => {
    const days = [0, 1, 2].map((d) => shift(addDays('2025-10-20', d), 12 * 60));
    const [f, ...rest] = findingsOf(
      await check({ periods: [...days, ['2025-10-25T22:00', '2025-10-26T09:00']] }),
      WEEK,
      'violation',
    );
    expect(rest).toEqual([]);
    expect(f).toMatchObject({
      measured: 12,
      window: { start: '2025-10-20T00:00:00+02:00', end: '2025-10-27T00:00:00+01:00' },
      details: { dayOvertimeHours: 12, weekOvertimeHours: 8, totalHours: 48 },
    });
  });

  it('uses the 38-hour week of § 10-4 (4) when it applies to the worker (work every Sunday of a three-week plan)', async () => {
    // Each week: Mon–Thu 8 h and Sunday 7 h = 39 h: 1 h over 38, none over 40.
    const week = (monday: string): Periods => [
      ...[0, 1, 2, 3].map((d) => shift(addDays(monday, d), 8 * 60)),
      shift(addDays(monday, 6), 7 * 60),
    ];
    const periods = [...week('2025-03-03'), ...week('2025-03-10'), ...week('2025-03-17')];
    const [f, ...rest] = findingsOf(await check({ periods }), STANDING, 'violation');
    expect(rest).toEqual([]);
    expect(f).toMatchObject({
      measured: 1,
      limit: 1 / 3,
      details: { weeksWithOvertime: 3, weeksInPlan: 3, overtimeHours: 3 },
    });
    // The same hours without the Sundays' pattern (Saturday instead) stay within 40: no overtime.
    const saturdays = periods.map(([s, e]): [string, string] =>
      new Date(`${s.slice(0, 10)}T12:00:00Z`).getUTCDay() === 0
        ? [`${addDays(s.slice(0, 10), -1)}${s.slice(10)}`, `${addDays(e.slice(0, 10), -1)}${e.slice(10)}`]
        : [s, e],
    );
    expect(findingsOf(await check({ periods: saturdays }), STANDING)).toEqual([]);
  });
});

describe('aml.10-6.overtime-week under agreements', () => {
  const fifteen = weeksWithOvertime('2025-03-03', [15]);
  const at = (type: AgreementType, params?: Record<string, number>) => [{ type, ...(params ? { params } : {}) }];

  it('15 h fails without an agreement; a tariff agreement on overtime (20 h) makes it lawful and leaves an info finding', async () => {
    expect(measured(await check({ periods: fifteen }), WEEK)).toEqual([15]);
    const r = await check({ periods: fifteen, agreements: at('aml-10-6-5-tariff-overtime') });
    expect(findingsOf(r, WEEK, 'violation')).toEqual([]);
    expect(findingsOf(r, WEEK, 'info')).toEqual([
      expect.objectContaining({
        measured: 15,
        limit: 20,
        appliedAgreements: ['aml-10-6-5-tariff-overtime'],
        curedBy: [],
      }),
    ]);
  });

  it('under the tariff agreement 20 h passes and 20 h 01 min fails against 20', async () => {
    const agreements = at('aml-10-6-5-tariff-overtime');
    expect(measured(await check({ periods: weeksWithOvertime('2025-03-03', [20]), agreements }), WEEK)).toEqual([]);
    const [f] = findingsOf(
      await check({ periods: weekWithOvertime('2025-03-03', 20 * 60 + 1), agreements }),
      WEEK,
      'violation',
    );
    expect(f).toMatchObject({
      measured: 20.02,
      limit: 20,
      curedBy: STATED_CURES,
      appliedAgreements: ['aml-10-6-5-tariff-overtime'],
    });
  });

  it('Arbeidstilsynet’s consent states its own weekly cap (25 h): 25 h passes, 25 h 01 min fails', async () => {
    const agreements = at('arbeidstilsynet-consent', { maxOvertimePerWeek: 25 });
    expect(measured(await check({ periods: weeksWithOvertime('2025-03-03', [25]), agreements }), WEEK)).toEqual([]);
    const [f] = findingsOf(
      await check({ periods: weekWithOvertime('2025-03-03', 25 * 60 + 1), agreements }),
      WEEK,
      'violation',
    );
    expect(f).toMatchObject({ measured: 25.02, limit: 25, appliedAgreements: ['arbeidstilsynet-consent'] });
  });

  it('an averaging agreement lifts the ceilings: 12.5 h shifts are normal time under tariff averaging, 2.5 h over under individual averaging', async () => {
    const long = [0, 1, 2, 3].map((d) => shift(addDays('2025-03-03', d), 12.5 * 60)); // 50 h, 3.5 h over 9 each
    expect(measured(await check({ periods: long }), WEEK)).toEqual([14]);
    const tariff = await check({ periods: long, agreements: at('aml-10-5-2-tariff-averaging') });
    expect(findingsOf(tariff, WEEK)).toEqual([]);
    expect(findingsOf(tariff, STANDING)).toEqual([]);
    // Individual averaging: day 10 h (4 × 2.5 h = 10 h over), week 50 h (none over): exactly at the cap.
    expect(findingsOf(await check({ periods: long, agreements: at('aml-10-5-1-averaging') }), WEEK)).toEqual([]);
    const longer = [...long.slice(0, 3), shift('2025-03-06', 12.5 * 60 + 1)];
    expect(measured(await check({ periods: longer, agreements: at('aml-10-5-1-averaging') }), WEEK)).toEqual([10.02]);
  });

  it('a union agreement (§ 10-12 (4)) that states its own normal day removes the overtime altogether', async () => {
    const day24: Periods = [['2025-03-05T08:00', '2025-03-06T08:00']];
    expect(measured(await check({ periods: day24 }), WEEK)).toEqual([15]);
    const r = await check({
      periods: day24,
      agreements: at('aml-10-12-4-union-agreement', { maxNormalHoursPerDay: 24 }),
    });
    expect(findingsOf(r, WEEK)).toEqual([]);
  });
});

describe('aml.10-6 and the avlaster regulation (AVL-5, docs/legal/10-which-regime.md)', () => {
  it('a 48-hour respite stay is 22 h of overtime (Friday 16:00 – Saturday 16:00 15 h over, the rest of Saturday 8 h, Sunday 16 h 7 h over: no hour counted twice) under AML alone; under an avl-4-60h agreement the regulation judges it instead', async () => {
    const periods: Periods = [['2025-03-07T16:00', '2025-03-09T16:00']];
    const [f] = findingsOf(await check({ kind: 'respite-carer-home', periods }), WEEK, 'violation');
    expect(f).toMatchObject({ measured: 22, limit: 10, details: { dayOvertimeHours: 22, weekOvertimeHours: 8 } });
    expect(f!.curedBy).toContain('avl-4-60h');
    const avl = await check({ kind: 'respite-carer-home', periods, agreements: [{ type: 'avl-4-60h' }] });
    expect(findingsOf(avl, WEEK, 'violation')).toEqual([]);
    expect(findingsOf(avl, FOUR, 'violation')).toEqual([]);
  });

  it('the same hours in ordinary employment are not offered the avlaster agreements as a cure', async () => {
    const [f] = findingsOf(await check({ periods: [['2025-03-07T16:00', '2025-03-09T16:00']] }), WEEK, 'violation');
    expect(f!.curedBy).toEqual(STATED_CURES);
  });
});

describe('aml.10-6.overtime-4weeks: 25 hours per fixed 4-week block', () => {
  it('25 h in four weeks passes, 25 h 01 min fails (no single week over 10)', async () => {
    expect(findingsOf(await check({ periods: weeksWithOvertime('2025-01-06', [7, 6, 6, 6]) }), FOUR)).toEqual([]);
    const over = [...weeksWithOvertime('2025-01-06', [7, 6, 6]), ...weekWithOvertime('2025-01-27', 6 * 60 + 1)];
    const r = await check({ periods: over });
    expect(findingsOf(r, WEEK)).toEqual([]);
    const [f, ...rest] = findingsOf(r, FOUR, 'violation');
    expect(rest).toEqual([]);
    expect(f).toMatchObject({
      measured: 25.02,
      limit: 25,
      reading: 'fixed-block-sum',
      window: { start: '2025-01-06T00:00:00+01:00', end: '2025-02-03T00:00:00+01:00' },
      details: { weeksInBlock: 4, blockWeeks: 4, weeksWithOvertime: 4 },
      curedBy: WEEK_CURES,
    });
  });

  it('the blocks are fixed: 28 h over four consecutive weeks that straddle two blocks (14 + 14) pass', async () => {
    const periods = weeksWithOvertime('2025-01-06', [0, 0, 7, 7, 7, 7, 0, 0]);
    const r = await check({ periods });
    expect(findingsOf(r, FOUR)).toEqual([]);
    // Counted from week 3 the same 28 h lie in one block.
    const moved = await check(withReference({ periods }, '2025-01-20'));
    expect(findingsOf(moved, FOUR, 'violation').map((f) => [f.measured, f.window.start])).toEqual([
      [28, '2025-01-20T00:00:00+01:00'],
    ]);
  });

  it('a tariff agreement on overtime lifts the 4 weeks to 50 h', async () => {
    const periods = weeksWithOvertime('2025-01-06', [10, 10, 10, 10]);
    expect(measured(await check({ periods }), FOUR)).toEqual([40]);
    const r = await check({ periods, agreements: [{ type: 'aml-10-6-5-tariff-overtime' }] });
    expect(findingsOf(r, FOUR, 'violation')).toEqual([]);
    expect(findingsOf(r, FOUR, 'info').map((f) => [f.measured, f.limit])).toEqual([[40, 50]]);
    const more = weeksWithOvertime('2025-01-06', [20, 20, 10, 1 / 60]);
    expect(
      measured(await check({ periods: more, agreements: [{ type: 'aml-10-6-5-tariff-overtime' }] }), FOUR),
    ).toEqual([50.02]);
  });
});

/** 36 weeks: eight 4-week blocks of 10 + 10 + 4 + 0 h (24 h each) and one of 8 h: 200 h, every block under 25. */
const twoHundred = (): number[] => [...Array.from({ length: 8 }, () => [10, 10, 4, 0]).flat(), 8, 0, 0, 0];

describe('aml.10-6.overtime-year: 200 hours per fixed 52-week period', () => {
  it('200 h in the period from 6 January 2025 passes; 200 h 01 min fails for that fixed period', async () => {
    const hours = twoHundred();
    const ok = await check(withReference({ periods: weeksWithOvertime('2025-01-06', hours) }, '2025-01-06'));
    expect(findingsOf(ok, YEAR)).toEqual([]);
    expect(findingsOf(ok, FOUR)).toEqual([]);
    expect(findingsOf(ok, WEEK)).toEqual([]);
    const plusOne = weeksWithOvertime(
      '2025-01-06',
      hours.map((h, i) => (i === 33 ? 1 / 60 : h)),
    ); // one minute in week 34
    const r = await check(withReference({ periods: plusOne }, '2025-01-06'));
    expect(findingsOf(r, FOUR)).toEqual([]);
    const [f, ...rest] = findingsOf(r, YEAR, 'violation');
    expect(rest).toEqual([]);
    expect(f).toMatchObject({
      measured: 200.02,
      limit: 200,
      // The fixed period runs to 5 January 2026; the window shows the 36 weeks of it the rota covers.
      window: { start: '2025-01-06T00:00:00+01:00', end: '2025-09-15T00:00:00+02:00' },
      details: { weeksInBlock: 36, blockWeeks: 52, weeksWithOvertime: 26 },
      curedBy: WEEK_CURES,
    });
  });

  it('the 52 weeks are fixed, never rolling: 125 h at the end of one period and 100 h at the start of the next pass', async () => {
    const lateHours = Array.from({ length: 5 }, () => [10, 10, 5, 0]).flat(); // 125 h, 20 weeks
    const earlyHours = Array.from({ length: 4 }, () => [10, 10, 5, 0]).flat(); // 100 h, 16 weeks
    const late = weeksWithOvertime('2025-08-18', lateHours); // weeks 33–52 of the period from 6 January 2025
    const early = weeksWithOvertime('2026-01-05', earlyHours);
    const r = await check(withReference({ periods: [...late, ...early] }, '2025-01-06'));
    expect(findingsOf(r, YEAR)).toEqual([]);
    // Counted from 18 August 2025, the same 225 h fall in one period.
    const moved = await check(withReference({ periods: [...late, ...early] }, '2025-08-18'));
    expect(measured(moved, YEAR)).toEqual([225]);
  });

  it('a tariff agreement on overtime lifts the year to 300 h, before the 2015 reform as after (docs/legal/14-dated-parameters.md)', async () => {
    const hours = Array.from({ length: 6 }, () => [20, 20, 10, 0]).flat(); // six 4-week blocks of 50 h: 300 h
    const agreements = [{ type: 'aml-10-6-5-tariff-overtime' as const }];
    const periods = weeksWithOvertime('2025-01-06', hours);
    const r = await check({ ...withReference({ periods }, '2025-01-06'), agreements });
    expect(findingsOf(r, YEAR, 'violation')).toEqual([]);
    expect(findingsOf(r, YEAR, 'info').map((f) => [f.measured, f.limit])).toEqual([[300, 300]]);
    const older = weeksWithOvertime('2014-01-06', hours);
    const before = await check({ ...withReference({ periods: older }, '2014-01-06'), agreements });
    expect(findingsOf(before, YEAR, 'violation')).toEqual([]);
    // …but before 1 July 2015 the tariff tier of the week and the 4 weeks was 15 h and 40 h.
    expect(findingsOf(before, WEEK, 'violation').map((f) => f.limit)).toEqual(Array(12).fill(15));
    expect(findingsOf(before, FOUR, 'violation').map((f) => f.limit)).toEqual(Array(6).fill(40));
  });

  it('the tariff tiers replace each other on 1 July 2015: 16 h in the week of 29 June breaks 15, in the week of 6 July passes 20', async () => {
    const agreements = [{ type: 'aml-10-6-5-tariff-overtime' as const }];
    const periods = [...weekWithOvertime('2015-06-29', 16 * 60), ...weekWithOvertime('2015-07-06', 16 * 60)];
    const r = await check({ periods, agreements });
    expect(findingsOf(r, WEEK, 'violation').map((f) => [f.window.start, f.measured, f.limit])).toEqual([
      ['2015-06-29T00:00:00+02:00', 16, 15],
    ]);
    expect(findingsOf(r, WEEK, 'info').map((f) => [f.window.start, f.limit])).toEqual([
      ['2015-07-06T00:00:00+02:00', 20],
    ]);
  });
});

describe('aml.10-6.overtime-26weeks: only under Arbeidstilsynet’s permission (§ 10-6 (6))', () => {
  it('does not apply without a consent; with one, 200 h per fixed 26 weeks unless the consent states its own', async () => {
    const hours = [...Array.from({ length: 3 }, () => [25, 25, 0, 0]).flat(), 25, ...Array(13).fill(0)]; // 175 h in 26 weeks
    const periods = weeksWithOvertime('2025-01-06', [...hours, 0, 0, 25, 25]); // the last two weeks fall in the next block
    const plain = await check(withReference({ periods }, '2025-01-06'));
    expect(findingsOf(plain, CONSENT_26)).toEqual([]);
    const consent = {
      type: 'arbeidstilsynet-consent' as const,
      params: { maxOvertimePerWeek: 25, maxOvertimePer4Weeks: 50, maxOvertimePer52Weeks: 400 },
    };
    const within = await check({ ...withReference({ periods }, '2025-01-06'), agreements: [consent] });
    expect(findingsOf(within, CONSENT_26, 'violation')).toEqual([]);
    const busier = weeksWithOvertime(
      '2025-01-06',
      hours.map((h, i) => (i === 16 ? 25 + 1 / 60 : h)),
    ); // 200 h 01 min
    const [f] = findingsOf(
      await check({ ...withReference({ periods: busier }, '2025-01-06'), agreements: [consent] }),
      CONSENT_26,
      'violation',
    );
    expect(f).toMatchObject({
      measured: 200.02,
      limit: 200,
      window: { start: '2025-01-06T00:00:00+01:00', end: '2025-07-07T00:00:00+02:00' },
    });
    const stated = { ...consent, params: { ...consent.params, maxOvertimePer26Weeks: 250 } };
    const lifted = await check({ ...withReference({ periods: busier }, '2025-01-06'), agreements: [stated] });
    expect(findingsOf(lifted, CONSENT_26, 'violation')).toEqual([]);
  });
});

// Ruling 13 (docs/legal/13-planned-overtime.md): overtime is lawful only for a special, time-limited
// need; a plan cannot show the need, so overtime that recurs in more than a third of the plan's
// weeks (the project's convention, a dated parameter) is a standing arrangement: a violation.
describe('aml.10-6.standing-overtime: overtime recurring as a pattern is a standing arrangement (§ 10-6 (1))', () => {
  it('overtime in every week of a three-week plan is a violation, measured as the share of weeks', async () => {
    const [f, ...rest] = findingsOf(await check({ periods: weeksWithOvertime('2025-03-03', [1, 2, 1]) }), STANDING);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({
      severity: 'violation',
      measured: 1,
      limit: 1 / 3,
      reading: 'whole-plan',
      citation: 'arbeidsmiljøloven § 10-6 første ledd',
      window: { start: '2025-03-03T00:00:00+01:00', end: '2025-03-24T00:00:00+01:00' },
      details: { weeksWithOvertime: 3, weeksInPlan: 3, overtimeHours: 4, leastWeeklyOvertimeHours: 1 },
    });
    // The agreements that make long shifts normal working time are named; individual averaging
    // (10 h a day) suffices here.
    expect(f!.curedBy).toContain('aml-10-5-1-averaging');
  });

  // Table moved to rules/aml/10-6-overtime.cases.yaml (test/rules/cases.test.ts).

  // Table moved to rules/aml/10-6-overtime.cases.yaml (test/rules/cases.test.ts).

  it('a tariff overtime agreement does not cure a standing arrangement, but under averaging the long shifts are not overtime at all', async () => {
    const periods = weeksWithOvertime('2025-03-03', [3, 3, 3]);
    const tariffOvertime = await check({ periods, agreements: [{ type: 'aml-10-6-5-tariff-overtime' }] });
    expect(findingsOf(tariffOvertime, STANDING, 'violation')).toHaveLength(1);
    const averaging = await check({ periods, agreements: [{ type: 'aml-10-5-2-tariff-averaging' }] });
    expect(findingsOf(averaging, STANDING)).toEqual([]);
  });

  it('one 10.5-hour day in a month of support-contact visits is occasional planned overtime: a warning, no violation', async () => {
    const visits: Periods = [
      ['2025-03-04T16:00', '2025-03-04T19:00'],
      ['2025-03-11T16:00', '2025-03-11T19:00'],
      ['2025-03-15T08:00', '2025-03-15T18:30'], // a day trip
      ['2025-03-25T16:00', '2025-03-25T19:00'],
    ];
    const r = await check({ kind: 'support-contact', periods: visits });
    expect(r.findings.filter((f) => f.severity === 'violation')).toEqual([]);
    expect(findingsOf(r, 'aml.10-4.normal-day', 'warning').map((f) => f.measured)).toEqual([10.5]);
  });
});

describe('a stretch longer than a day is counted in 24-hour pieces, never twice', () => {
  it('a 144-hour stay from Saturday: overtime never exceeds the hours worked, and nothing moves into another week', async () => {
    const r = await check({ kind: 'employment', periods: [['2025-07-05T12:00', '2025-07-11T12:00']] });
    const weeks = findingsOf(r, 'aml.10-6.overtime-week', 'violation');
    // Saturday 12:00 → Monday 00:00 lies in the first week (36 h: a 24-hour piece and 12 of the next);
    // the rest (108 h) in the second.
    const total = weeks.reduce((s, f) => s + f.measured, 0);
    expect(total).toBeLessThanOrEqual(144);
    expect(weeks.map((f) => f.window.start)).toEqual(['2025-06-30T00:00:00+02:00', '2025-07-07T00:00:00+02:00']);
  });
});
