// AML § 10-4 (1): normal working time at most 9 h in 24 h and 40 h in 7 days, measured in fixed
// frames (docs/legal/01-fixed-frames.md: a day is the larger of the hours inside the frame and the
// first 24 hours of a main work period starting in it), with a rolling scan beside them as advice.
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/report/schema.ts';
import { check, findingsOf, type OnePersonRota } from '../support/rota.ts';

const DAY = 'aml.10-4.normal-day';
const WEEK = 'aml.10-4.normal-week';

const ALL_DAY_CURES = [
  'aml-10-5-1-averaging',
  'aml-10-5-2-tariff-averaging',
  'arbeidstilsynet-consent',
  'aml-10-12-4-union-agreement',
];
const ABOVE_10_CURES = ['aml-10-5-2-tariff-averaging', 'arbeidstilsynet-consent', 'aml-10-12-4-union-agreement'];
const ONLY_STATED_CURES = ['arbeidstilsynet-consent', 'aml-10-12-4-union-agreement'];

const fixed = (f: Finding) => f.reading === 'fixed-day-frame' || f.reading === 'fixed-week-frame';
/**
 * The fixed-frame breaches of a normal-hours rule. Hours over § 10-4 (and § 10-5) are planned
 * overtime (docs/legal/13-planned-overtime.md): every breach is a warning, the pattern and the
 * ceilings are judged by § 10-6.
 */
async function violations(spec: OnePersonRota, ruleId: string): Promise<Finding[]> {
  return findingsOf(await check(spec), ruleId, 'warning').filter(fixed);
}

/** Five 8-hour days Monday 3 – Friday 7 March 2025, the last one `lastEnd` long. */
const workWeek = (lastEnd = '16:00'): Array<[string, string]> => [
  ['2025-03-03T08:00', '2025-03-03T16:00'],
  ['2025-03-04T08:00', '2025-03-04T16:00'],
  ['2025-03-05T08:00', '2025-03-05T16:00'],
  ['2025-03-06T08:00', '2025-03-06T16:00'],
  ['2025-03-07T08:00', `2025-03-07T${lastEnd}`],
];

describe('aml.10-4.normal-day: 9 hours per 24-hour frame', () => {
  // Table moved to rules/aml/10-4-normal-hours.cases.yaml (test/rules/cases.test.ts).

  // Table moved to rules/aml/10-4-normal-hours.cases.yaml (test/rules/cases.test.ts).

  it('the ledger counts elapsed hours: spring DST night 22:00–07:00 is 8 h, autumn is 10 h', async () => {
    const spring = await check({ periods: [['2025-03-29T22:00', '2025-03-30T07:00']] });
    const autumn = await check({ periods: [['2025-10-25T22:00', '2025-10-26T07:00']] });
    expect(spring.ledger[0]).toMatchObject({ assignmentId: 'a1', hours: 8 });
    expect(autumn.ledger[0]).toMatchObject({ assignmentId: 'a1', hours: 10 });
    expect(findingsOf(spring, DAY)).toEqual([]);
    expect(findingsOf(autumn, DAY, 'warning').map((f) => f.measured)).toEqual([10]);
  });

  it('every frame a 48-hour stay touches is reported, never more than 24 h: Friday 24 h from its start, Saturday 24 h, Sunday 16 h', async () => {
    const found = await violations({ periods: [['2025-03-07T16:00', '2025-03-09T16:00']] }, DAY);
    expect(found.map((f) => [f.measured, f.window.start, f.window.end])).toEqual([
      [24, '2025-03-07T16:00:00+01:00', '2025-03-08T16:00:00+01:00'],
      [24, '2025-03-08T00:00:00+01:00', '2025-03-09T00:00:00+01:00'],
      [16, '2025-03-09T00:00:00+01:00', '2025-03-09T16:00:00+01:00'],
    ]);
    expect(found[0]!.curedBy).toEqual(ONLY_STATED_CURES);
  });

  it('the next frame is also tested with the hours that fall in it (06:00–02:00 next day: 20 h, then 2 h passes)', async () => {
    const found = await violations({ periods: [['2025-03-07T06:00', '2025-03-08T02:00']] }, DAY);
    expect(found.map((f) => f.measured)).toEqual([20]);
  });
});

describe('aml.10-4.normal-day: curedBy lists exactly the agreements that would make the day lawful', () => {
  // Table moved to rules/aml/10-4-normal-hours.cases.yaml (test/rules/cases.test.ts).

  it('before the 2015 reform values (2014) no averaging agreement can lift the day', async () => {
    const [f] = await violations({ periods: [['2014-03-05T07:00', '2014-03-05T17:00']] }, DAY);
    expect(f).toMatchObject({ measured: 10, limit: 9, curedBy: ONLY_STATED_CURES });
  });
});

// Under an averaging agreement the day is judged by § 10-5 (aml.10-5.day) instead of § 10-4 (1).
const AVG_DAY = 'aml.10-5.day';
const AVG_WEEK = 'aml.10-5.week';

describe('aml.10-4.normal-day under agreements', () => {
  const tariff = [{ type: 'aml-10-5-2-tariff-averaging' as const }];

  it('under an averaging agreement § 10-4 (1) yields to § 10-5: no normal-day finding at all', async () => {
    const r = await check({ periods: [['2025-03-05T07:00', '2025-03-05T20:00']], agreements: tariff });
    expect(findingsOf(r, DAY)).toEqual([]);
    expect(findingsOf(r, AVG_DAY, 'warning').map((f) => [f.measured, f.limit, f.citation])).toEqual([
      [13, 12.5, 'arbeidsmiljøloven § 10-5 første og andre ledd'],
    ]);
  });

  it('a tariff averaging agreement lifts the day to 12.5 h: 12.5 h passes and an info finding records the reliance', async () => {
    const r = await check({ periods: [['2025-03-05T07:00', '2025-03-05T19:30']], agreements: tariff });
    expect(findingsOf(r, AVG_DAY, 'warning')).toEqual([]);
    const info = findingsOf(r, DAY, 'info');
    expect(info).toHaveLength(1);
    // The trail names the statutory limit and the rule that judged the day instead.
    expect(info[0]).toMatchObject({
      measured: 12.5,
      limit: 9,
      appliedAgreements: ['aml-10-5-2-tariff-averaging'],
      curedBy: [],
      window: { start: '2025-03-05T07:00:00+01:00', end: '2025-03-05T19:30:00+01:00' },
    });
  });

  it('under tariff averaging, one minute over 12.5 h fails against 12.5 h', async () => {
    const [f, ...rest] = await violations(
      { periods: [['2025-03-05T07:00', '2025-03-05T19:31']], agreements: tariff },
      AVG_DAY,
    );
    expect(rest).toEqual([]);
    expect(f).toMatchObject({
      measured: 12.52,
      limit: 12.5,
      appliedAgreements: ['aml-10-5-2-tariff-averaging'],
      curedBy: ONLY_STATED_CURES,
      window: { start: '2025-03-05T07:00:00+01:00', end: '2025-03-05T19:31:00+01:00' },
    });
  });

  it('an individual averaging agreement lifts the day to 10 h, not further', async () => {
    const agreements = [{ type: 'aml-10-5-1-averaging' as const }];
    expect(await violations({ periods: [['2025-03-05T07:00', '2025-03-05T17:00']], agreements }, AVG_DAY)).toEqual([]);
    const [f] = await violations({ periods: [['2025-03-05T07:00', '2025-03-05T17:01']], agreements }, AVG_DAY);
    expect(f).toMatchObject({ measured: 10.02, limit: 10, curedBy: ABOVE_10_CURES });
  });

  it('a 2014 rota is not lifted by a tariff agreement (12.5 h applies from 2015-07-01)', async () => {
    const r = await check({ periods: [['2014-03-05T07:00', '2014-03-05T17:00']], agreements: tariff });
    const [f, ...rest] = findingsOf(r, DAY, 'warning');
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ measured: 10, limit: 9, curedBy: ONLY_STATED_CURES });
    expect(f!.appliedAgreements).toBeUndefined();
    expect(findingsOf(r, DAY, 'info')).toEqual([]);
  });

  it('the 12.5 h value starts on 2015-07-01: 30 June fails, 1 July is lifted', async () => {
    const r = await check({
      periods: [
        ['2015-06-30T07:00', '2015-06-30T17:00'],
        ['2015-07-01T07:00', '2015-07-01T17:00'],
      ],
      agreements: tariff,
    });
    expect(findingsOf(r, DAY, 'warning').map((f) => [f.window.start, f.limit])).toEqual([
      ['2015-06-30T07:00:00+02:00', 9],
    ]);
    expect(findingsOf(r, DAY, 'info').map((f) => [f.window.start, f.limit])).toEqual([
      ['2015-07-01T07:00:00+02:00', 9],
    ]);
  });

  it('validFrom and validTo are respected, validTo inclusive', async () => {
    const r = await check({
      periods: [
        ['2025-03-05T07:00', '2025-03-05T17:00'],
        ['2025-03-06T07:00', '2025-03-06T17:00'],
        ['2025-03-07T07:00', '2025-03-07T17:00'],
      ],
      agreements: [{ type: 'aml-10-5-2-tariff-averaging', validFrom: '2025-03-06', validTo: '2025-03-06' }],
    });
    expect(
      findingsOf(r, DAY, 'warning')
        .filter(fixed)
        .map((f) => [f.window.start, f.limit]),
    ).toEqual([
      ['2025-03-05T07:00:00+01:00', 9],
      ['2025-03-07T07:00:00+01:00', 9],
    ]);
    expect(findingsOf(r, DAY, 'info').map((f) => f.window.start)).toEqual(['2025-03-06T07:00:00+01:00']);
  });

  it('a consent that states 11 h lifts the day to 11 h and is not offered as a cure for 12 h', async () => {
    const [f] = await violations(
      {
        periods: [['2025-03-05T07:00', '2025-03-05T19:00']],
        agreements: [{ type: 'arbeidstilsynet-consent', params: { maxNormalHoursPerDay: 11 } }],
      },
      DAY,
    );
    expect(f).toMatchObject({
      measured: 12,
      limit: 11,
      appliedAgreements: ['arbeidstilsynet-consent'],
      curedBy: ['aml-10-5-2-tariff-averaging', 'aml-10-12-4-union-agreement'],
    });
  });
});

// Ruling 1: rolling windows are advice only (`info`). Work closer than 11 h is one main work period
// and is judged in the fixed frame where it starts, so the rolling scan can only add something for
// work separated by a full daily rest.
describe('aml.10-4.normal-day: the rolling 24-hour advisory (info)', () => {
  it('fixed frames pass (5 h, 6 h) but 13:00–18:00 + 05:00–11:00 (11 h rest between) is 11 h in a rolling 24 h: exactly one info', async () => {
    const r = await check({
      periods: [
        ['2025-03-05T13:00', '2025-03-05T18:00'],
        ['2025-03-06T05:00', '2025-03-06T11:00'],
      ],
    });
    expect(findingsOf(r, DAY, 'warning')).toEqual([]);
    expect(findingsOf(r, DAY, 'warning')).toEqual([]);
    const advice = findingsOf(r, DAY, 'info');
    expect(advice).toHaveLength(1);
    expect(advice[0]).toMatchObject({
      reading: 'rolling-window',
      measured: 11,
      limit: 9,
      window: { start: '2025-03-05T13:00:00+01:00', end: '2025-03-06T13:00:00+01:00' },
      curedBy: ABOVE_10_CURES,
    });
  });

  it('the same work 10 h 59 min apart is one work period: an 11-hour fixed-frame violation, no advisory', async () => {
    const r = await check({
      periods: [
        ['2025-03-05T13:00', '2025-03-05T18:00'],
        ['2025-03-06T04:59', '2025-03-06T11:00'],
      ],
    });
    expect(findingsOf(r, DAY, 'warning').map((f) => [f.reading, f.measured])).toEqual([['fixed-day-frame', 11.02]]);
    expect(findingsOf(r, DAY, 'info')).toEqual([]);
  });

  it('9 h exactly in the rolling window (13:00–18:00 + 05:00–09:00) gives nothing', async () => {
    const r = await check({
      periods: [
        ['2025-03-05T13:00', '2025-03-05T18:00'],
        ['2025-03-06T05:00', '2025-03-06T09:00'],
      ],
    });
    expect(findingsOf(r, DAY)).toEqual([]);
  });

  it('one minute more in the rolling window (…05:00–09:01) gives an info of 9.02 h', async () => {
    const r = await check({
      periods: [
        ['2025-03-05T13:00', '2025-03-05T18:00'],
        ['2025-03-06T05:00', '2025-03-06T09:01'],
      ],
    });
    expect(findingsOf(r, DAY).map((f) => [f.severity, f.reading, f.measured])).toEqual([
      ['info', 'rolling-window', 9.02],
    ]);
  });

  it('only the worst rolling window is reported when several break the limit', async () => {
    const r = await check({
      periods: [
        ['2025-03-05T13:00', '2025-03-05T18:00'],
        ['2025-03-06T05:00', '2025-03-06T11:00'], // 11 h rolling
        ['2025-03-12T13:00', '2025-03-12T18:00'],
        ['2025-03-13T05:00', '2025-03-13T10:00'], // 10 h rolling
      ],
    });
    expect(findingsOf(r, DAY, 'info').map((f) => [f.measured, f.window.start])).toEqual([
      [11, '2025-03-05T13:00:00+01:00'],
    ]);
  });

  it('no rolling advisory when a fixed-frame violation already covers the window', async () => {
    const r = await check({
      periods: [
        ['2025-03-05T08:00', '2025-03-05T18:00'],
        ['2025-03-06T05:00', '2025-03-06T06:00'],
      ],
    });
    expect(findingsOf(r, DAY, 'warning').map((f) => f.measured)).toEqual([10]);
    expect(findingsOf(r, DAY, 'info')).toEqual([]);
  });

  it('a fixed-frame violation elsewhere does not hide a separate rolling breach a week later', async () => {
    const r = await check({
      periods: [
        ['2025-03-03T08:00', '2025-03-03T18:00'],
        ['2025-03-12T13:00', '2025-03-12T18:00'],
        ['2025-03-13T05:00', '2025-03-13T11:00'],
      ],
    });
    expect(findingsOf(r, DAY, 'warning').map((f) => [f.measured, f.window.start])).toEqual([
      [10, '2025-03-03T08:00:00+01:00'],
    ]);
    expect(findingsOf(r, DAY, 'info').map((f) => [f.measured, f.window.start, f.window.end])).toEqual([
      [11, '2025-03-12T13:00:00+01:00', '2025-03-13T13:00:00+01:00'],
    ]);
  });

  // Table moved to rules/aml/10-4-normal-hours.cases.yaml (test/rules/cases.test.ts).

  it('a rolling window over the autumn DST night counts elapsed hours (18:00–21:00 + 07:00–14:00 = 3 + 7 = 10 h, 11 h rest)', async () => {
    const r = await check({
      periods: [
        ['2025-10-25T18:00', '2025-10-25T21:00'],
        ['2025-10-26T07:00', '2025-10-26T14:00'],
      ],
    });
    expect(findingsOf(r, DAY, 'warning').filter(fixed)).toEqual([]);
    expect(findingsOf(r, DAY, 'info').map((f) => [f.reading, f.measured])).toEqual([['rolling-window', 10]]);
  });
});

describe('aml.10-4.normal-week: 40 hours per fixed 7-day frame (Monday 00:00)', () => {
  it('40 h exactly (5 × 8 h) passes', async () => {
    expect(await violations({ periods: workWeek() }, WEEK)).toEqual([]);
  });

  it('one minute over (40 h 01 min) fails for the Monday–Monday frame', async () => {
    const found = await violations({ periods: workWeek('16:01') }, WEEK);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      reading: 'fixed-week-frame',
      measured: 40.02,
      limit: 40,
      unit: 'hours',
      window: { start: '2025-03-03T00:00:00+01:00', end: '2025-03-10T00:00:00+01:00' },
      assignmentIds: ['a1'],
      curedBy: ALL_DAY_CURES,
    });
  });

  it('a Sunday-night shift counts in each week only with the hours that fall in it (36 + 4 = 40 passes)', async () => {
    const periods: Array<[string, string]> = [
      ['2025-03-03T08:00', '2025-03-03T17:00'],
      ['2025-03-04T08:00', '2025-03-04T17:00'],
      ['2025-03-05T08:00', '2025-03-05T17:00'],
      ['2025-03-06T08:00', '2025-03-06T17:00'],
      ['2025-03-09T20:00', '2025-03-10T05:00'],
    ];
    expect(await violations({ periods }, WEEK)).toEqual([]);
  });

  it('one more minute before midnight on Sunday (36 + 4 h 01 min) fails in the old week only', async () => {
    const periods: Array<[string, string]> = [
      ['2025-03-03T08:00', '2025-03-03T17:00'],
      ['2025-03-04T08:00', '2025-03-04T17:00'],
      ['2025-03-05T08:00', '2025-03-05T17:00'],
      ['2025-03-06T08:00', '2025-03-06T17:00'],
      ['2025-03-09T19:59', '2025-03-10T04:59'],
    ];
    const found = await violations({ periods }, WEEK);
    expect(found.map((f) => [f.measured, f.window.start, f.window.end])).toEqual([
      [40.02, '2025-03-03T00:00:00+01:00', '2025-03-10T00:00:00+01:00'],
    ]);
  });

  it('spring DST week (167 h): 4 × 8 h + the 22:00–07:00 DST night (8 h elapsed) = 40 h passes', async () => {
    const periods: Array<[string, string]> = [
      ['2025-03-24T08:00', '2025-03-24T16:00'],
      ['2025-03-25T08:00', '2025-03-25T16:00'],
      ['2025-03-26T08:00', '2025-03-26T16:00'],
      ['2025-03-27T08:00', '2025-03-27T16:00'],
      ['2025-03-29T22:00', '2025-03-30T07:00'],
    ];
    expect(await violations({ periods }, WEEK)).toEqual([]);
  });

  it('autumn DST week (169 h): 4 × 8 h + the 22:00–07:00 DST night (10 h elapsed) = 42 h fails', async () => {
    const periods: Array<[string, string]> = [
      ['2025-10-20T08:00', '2025-10-20T16:00'],
      ['2025-10-21T08:00', '2025-10-21T16:00'],
      ['2025-10-22T08:00', '2025-10-22T16:00'],
      ['2025-10-23T08:00', '2025-10-23T16:00'],
      ['2025-10-25T22:00', '2025-10-26T07:00'],
    ];
    const found = await violations({ periods }, WEEK);
    expect(found.map((f) => [f.measured, f.window.start, f.window.end])).toEqual([
      [42, '2025-10-20T00:00:00+02:00', '2025-10-27T00:00:00+01:00'],
    ]);
  });

  it('week start Sunday moves the frame: Sunday + Mon–Thu is 8 + 32.02 h in Monday frames but 40.02 h in one Sunday frame', async () => {
    // Sunday frames: Sun 2 Mar – Sun 9 Mar holds all five days; shift the rota so Monday is in the previous frame.
    const periods: Array<[string, string]> = [
      ['2025-03-09T08:00', '2025-03-09T16:00'], // Sunday
      ['2025-03-10T08:00', '2025-03-10T16:00'],
      ['2025-03-11T08:00', '2025-03-11T16:00'],
      ['2025-03-12T08:00', '2025-03-12T16:00'],
      ['2025-03-13T08:00', '2025-03-13T16:01'],
    ];
    expect(await violations({ periods }, WEEK)).toEqual([]);
    const sunday = await violations({ periods, frames: { weekStart: 'sunday' } }, WEEK);
    expect(sunday.map((f) => [f.measured, f.window.start, f.window.end])).toEqual([
      [40.02, '2025-03-09T00:00:00+01:00', '2025-03-16T00:00:00+01:00'],
    ]);
  });
});

describe('aml.10-4.normal-week under agreements', () => {
  /** Six 9-hour days Monday–Saturday (54 h), the last `lastEnd` long. */
  const sixDays = (lastEnd = '17:00'): Array<[string, string]> => [
    ['2025-03-03T08:00', '2025-03-03T17:00'],
    ['2025-03-04T08:00', '2025-03-04T17:00'],
    ['2025-03-05T08:00', '2025-03-05T17:00'],
    ['2025-03-06T08:00', '2025-03-06T17:00'],
    ['2025-03-07T08:00', '2025-03-07T17:00'],
    ['2025-03-08T08:00', `2025-03-08T${lastEnd}`],
  ];

  it('without an agreement 54 h fails; individual averaging (50 h) cannot cure it, tariff averaging (54 h) can', async () => {
    const [f] = await violations({ periods: sixDays() }, WEEK);
    expect(f).toMatchObject({ measured: 54, limit: 40, curedBy: ABOVE_10_CURES });
  });

  it('tariff averaging caps a single week at 54 h: 54 h passes with an info finding', async () => {
    const r = await check({ periods: sixDays(), agreements: [{ type: 'aml-10-5-2-tariff-averaging' }] });
    expect(findingsOf(r, AVG_WEEK, 'warning')).toEqual([]);
    expect(findingsOf(r, WEEK, 'info')).toEqual([
      expect.objectContaining({
        measured: 54,
        limit: 40,
        appliedAgreements: ['aml-10-5-2-tariff-averaging'],
        curedBy: [],
      }),
    ]);
  });

  it('under tariff averaging 54 h 01 min fails against 54 h', async () => {
    const [f] = await violations(
      { periods: sixDays('17:01'), agreements: [{ type: 'aml-10-5-2-tariff-averaging' }] },
      AVG_WEEK,
    );
    expect(f).toMatchObject({
      measured: 54.02,
      limit: 54,
      curedBy: ONLY_STATED_CURES,
      window: { start: '2025-03-03T00:00:00+01:00', end: '2025-03-10T00:00:00+01:00' },
    });
  });

  it('individual averaging caps a single week at 50 h', async () => {
    const [f] = await violations({ periods: sixDays(), agreements: [{ type: 'aml-10-5-1-averaging' }] }, AVG_WEEK);
    expect(f).toMatchObject({ measured: 54, limit: 50, appliedAgreements: ['aml-10-5-1-averaging'] });
  });

  it('a tariff agreement that expired the Friday before does not lift the week', async () => {
    const [f] = await violations(
      { periods: sixDays(), agreements: [{ type: 'aml-10-5-2-tariff-averaging', validTo: '2025-02-28' }] },
      WEEK,
    );
    expect(f).toMatchObject({ measured: 54, limit: 40 });
  });
});

describe('aml.10-4.normal-week: the rolling 7-day advisory', () => {
  it('two fixed weeks of 24 h each, back to back across Monday, are 48 h in a rolling 7 days: one info', async () => {
    const periods: Array<[string, string]> = [
      ['2025-03-07T08:00', '2025-03-07T16:00'],
      ['2025-03-08T08:00', '2025-03-08T16:00'],
      ['2025-03-09T08:00', '2025-03-09T16:00'],
      ['2025-03-10T08:00', '2025-03-10T16:00'],
      ['2025-03-11T08:00', '2025-03-11T16:00'],
      ['2025-03-12T08:00', '2025-03-12T16:00'],
    ];
    const r = await check({ periods });
    expect(findingsOf(r, WEEK, 'warning')).toEqual([]);
    const advice = findingsOf(r, WEEK, 'info');
    expect(advice).toHaveLength(1);
    expect(advice[0]).toMatchObject({
      reading: 'rolling-window',
      measured: 48,
      limit: 40,
      window: { start: '2025-03-07T08:00:00+01:00', end: '2025-03-14T08:00:00+01:00' },
      curedBy: ALL_DAY_CURES,
    });
  });
});

// Ruling 1 (docs/legal/01-fixed-frames.md): the cases the ruling names, each at its boundary and
// across midnight, the week boundary and both DST changes.
describe('aml.10-4.normal-day: fixed frames without splitting a work period (ruling 1)', () => {
  const measuredByDay = async (spec: OnePersonRota) =>
    (await check(spec)).findings
      .filter((f) => f.ruleId === DAY && f.reading === 'fixed-day-frame')
      .map((f) => [f.window.start.slice(0, 10), f.measured, f.severity]);

  // Table moved to rules/aml/10-4-normal-hours.cases.yaml (test/rules/cases.test.ts).

  it('00:00–07:01 and 22:00–05:00 on one day are one minute over 9 h inside the frame', async () => {
    const found = await violations(
      {
        periods: [
          ['2025-03-05T00:00', '2025-03-05T07:01'],
          ['2025-03-05T22:00', '2025-03-06T05:00'],
        ],
      },
      DAY,
    );
    expect(found.map((f) => [f.measured, f.window.start, f.window.end])).toEqual([
      [9.02, '2025-03-05T00:00:00+01:00', '2025-03-06T00:00:00+01:00'],
    ]);
  });

  it('16:00–02:00 is 10 h in the frame where it starts; 16:00–01:00 (9 h) passes', async () => {
    expect(await measuredByDay({ periods: [['2025-03-05T16:00', '2025-03-06T02:00']] })).toEqual([
      ['2025-03-05', 10, 'warning'],
    ]);
    expect(await violations({ periods: [['2025-03-05T16:00', '2025-03-06T01:00']] }, DAY)).toEqual([]);
  });

  it('an evening shift and a day shift 10 h 59 min apart are one work period: 8 h + 5 h in its first 24 hours', async () => {
    const found = await violations(
      {
        periods: [
          ['2025-03-05T15:00', '2025-03-05T23:00'],
          ['2025-03-06T09:59', '2025-03-06T18:00'],
        ],
      },
      DAY,
    );
    expect(found.map((f) => [f.measured, f.window.start, f.window.end])).toEqual([
      [13.02, '2025-03-05T15:00:00+01:00', '2025-03-06T15:00:00+01:00'],
    ]);
  });

  // Table moved to rules/aml/10-4-normal-hours.cases.yaml (test/rules/cases.test.ts).

  it('dayStart "22:00" moves the frames: 00:00–07:00 and 20:00–23:00 are 9 h in one frame, 10 h in a midnight frame', async () => {
    const periods: Array<[string, string]> = [
      ['2025-03-05T00:00', '2025-03-05T07:00'],
      ['2025-03-05T20:00', '2025-03-05T23:00'],
    ];
    expect(await violations({ periods, frames: { dayStart: '22:00' } }, DAY)).toEqual([]);
    expect((await violations({ periods }, DAY)).map((f) => f.measured)).toEqual([10]);
  });

  it('dayStart "22:00": a 22:00–08:00 night shift is 10 h in the frame it opens', async () => {
    const found = await violations(
      { periods: [['2025-03-05T22:00', '2025-03-06T08:00']], frames: { dayStart: '22:00' } },
      DAY,
    );
    expect(found.map((f) => [f.measured, f.window.start])).toEqual([[10, '2025-03-05T22:00:00+01:00']]);
  });
});
