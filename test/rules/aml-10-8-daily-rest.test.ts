// AML § 10-8 (1): at least 11 consecutive hours off in 24 hours, placed between two main work
// periods (docs/legal/02-daily-rest.md, docs/legal/07-work-period.md): work separated by less than the minimum is one main work period,
// and within 24 hours of a period's start there must be continuous rest of at least the minimum.
// All durations are elapsed time, so the DST nights give 10 h or 12 h of wall clock for 11 h.
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/report/schema.ts';
import { check, findingsOf, type OnePersonRota } from '../support/rota.ts';

const REST = 'aml.10-8.daily-rest';
const ALL_CURES = ['aml-10-8-3-tariff-rest', 'arbeidstilsynet-consent', 'aml-10-12-4-union-agreement'];
const ONLY_STATED_CURES = ['arbeidstilsynet-consent', 'aml-10-12-4-union-agreement'];

type Periods = Array<[string, string]>;

async function restViolations(spec: OnePersonRota): Promise<Finding[]> {
  return findingsOf(await check(spec), REST, 'violation');
}

describe('aml.10-8.daily-rest: passes', () => {
  it.each([
    {
      name: 'exactly 11 h rest between an evening and a morning shift passes (20:00 → 07:00)',
      periods: [
        ['2025-03-05T12:00', '2025-03-05T20:00'],
        ['2025-03-06T07:00', '2025-03-06T15:00'],
      ],
    },
    {
      name: 'an ordinary 08–16 day shift, five days in a row (16 h off each night)',
      periods: [
        ['2025-03-03T08:00', '2025-03-03T16:00'],
        ['2025-03-04T08:00', '2025-03-04T16:00'],
        ['2025-03-05T08:00', '2025-03-05T16:00'],
        ['2025-03-06T08:00', '2025-03-06T16:00'],
        ['2025-03-07T08:00', '2025-03-07T16:00'],
      ],
    },
    {
      name: 'split shift 07–11 + 15–19 is one main work period with 12 h rest after it',
      periods: [
        ['2025-03-05T07:00', '2025-03-05T11:00'],
        ['2025-03-05T15:00', '2025-03-05T19:00'],
      ],
    },
    {
      name: 'split shift 07–11 + 15–19, then 07:00 the next morning (12 h off)',
      periods: [
        ['2025-03-05T07:00', '2025-03-05T11:00'],
        ['2025-03-05T15:00', '2025-03-05T19:00'],
        ['2025-03-06T07:00', '2025-03-06T15:00'],
      ],
    },
    {
      name: 'a night 22:00–06:00 across midnight, then 17:00 (11 h off)',
      periods: [
        ['2025-03-05T22:00', '2025-03-06T06:00'],
        ['2025-03-06T17:00', '2025-03-06T22:00'],
      ],
    },
    {
      name: 'across the week boundary: Sunday 13–21, Monday 08:00 (11 h off)',
      periods: [
        ['2025-03-09T13:00', '2025-03-09T21:00'],
        ['2025-03-10T08:00', '2025-03-10T10:00'],
      ],
    },
    {
      name: 'spring DST: 20:00 → 08:00 is 12 h on the wall but 11 h elapsed',
      periods: [
        ['2025-03-29T12:00', '2025-03-29T20:00'],
        ['2025-03-30T08:00', '2025-03-30T10:00'],
      ],
    },
    {
      name: 'autumn DST: 20:00 → 06:00 is 10 h on the wall but 11 h elapsed',
      periods: [
        ['2025-10-25T12:00', '2025-10-25T20:00'],
        ['2025-10-26T06:00', '2025-10-26T10:00'],
      ],
    },
    {
      name: 'spring DST night 22:00–07:00 (8 h), then 18:00 (11 h off)',
      periods: [
        ['2025-03-29T22:00', '2025-03-30T07:00'],
        ['2025-03-30T18:00', '2025-03-30T22:00'],
      ],
    },
    {
      name: 'autumn DST night 22:00–07:00 (10 h), then 18:00 (11 h off)',
      periods: [
        ['2025-10-25T22:00', '2025-10-26T07:00'],
        ['2025-10-26T18:00', '2025-10-26T22:00'],
      ],
    },
  ] as Array<{ name: string; periods: Periods }>)('$name', async ({ periods }) => {
    expect(await restViolations({ periods })).toEqual([]);
  });
});

describe('aml.10-8.daily-rest: fails', () => {
  it.each([
    {
      name: '10 h 59 min rest (20:00 → 06:59) is one minute short',
      periods: [
        ['2025-03-05T12:00', '2025-03-05T20:00'],
        ['2025-03-06T06:59', '2025-03-06T15:00'],
      ],
      measured: 10.98,
      start: '2025-03-05T12:00:00+01:00',
      end: '2025-03-06T15:00:00+01:00',
      cures: ALL_CURES,
    },
    {
      name: 'quick return 14:00–22:00 then 06:00–14:00: 8 h rest',
      periods: [
        ['2025-03-05T14:00', '2025-03-05T22:00'],
        ['2025-03-06T06:00', '2025-03-06T14:00'],
      ],
      measured: 8,
      start: '2025-03-05T14:00:00+01:00',
      end: '2025-03-06T14:00:00+01:00',
      cures: ALL_CURES,
    },
    {
      name: 'a 48-hour stay has no rest at all in the 24 h from its start',
      periods: [['2025-03-07T16:00', '2025-03-09T16:00']],
      measured: 0,
      start: '2025-03-07T16:00:00+01:00',
      end: '2025-03-09T16:00:00+01:00',
      cures: ONLY_STATED_CURES,
    },
    {
      name: 'a night 22:00–06:00 across midnight, then 16:59 (10 h 59 min off)',
      periods: [
        ['2025-03-05T22:00', '2025-03-06T06:00'],
        ['2025-03-06T16:59', '2025-03-06T22:00'],
      ],
      measured: 10.98,
      start: '2025-03-05T22:00:00+01:00',
      end: '2025-03-06T22:00:00+01:00',
      cures: ALL_CURES,
    },
    {
      name: 'across the week boundary: Sunday 13–21, Monday 07:59 (10 h 59 min off)',
      periods: [
        ['2025-03-09T13:00', '2025-03-09T21:00'],
        ['2025-03-10T07:59', '2025-03-10T10:00'],
      ],
      measured: 10.98,
      start: '2025-03-09T13:00:00+01:00',
      end: '2025-03-10T10:00:00+01:00',
      cures: ALL_CURES,
    },
    {
      name: 'spring DST: 20:00 → 07:59 is 11 h 59 min on the wall but 10 h 59 min elapsed',
      periods: [
        ['2025-03-29T12:00', '2025-03-29T20:00'],
        ['2025-03-30T07:59', '2025-03-30T10:00'],
      ],
      measured: 10.98,
      start: '2025-03-29T12:00:00+01:00',
      end: '2025-03-30T10:00:00+02:00',
      cures: ALL_CURES,
    },
    {
      name: 'spring DST: 20:00 → 07:00 is 11 h on the wall but 10 h elapsed',
      periods: [
        ['2025-03-29T12:00', '2025-03-29T20:00'],
        ['2025-03-30T07:00', '2025-03-30T10:00'],
      ],
      measured: 10,
      start: '2025-03-29T12:00:00+01:00',
      end: '2025-03-30T10:00:00+02:00',
      cures: ALL_CURES,
    },
    {
      name: 'autumn DST: 20:00 → 05:59 is 9 h 59 min on the wall but 10 h 59 min elapsed',
      periods: [
        ['2025-10-25T12:00', '2025-10-25T20:00'],
        ['2025-10-26T05:59', '2025-10-26T10:00'],
      ],
      measured: 10.98,
      start: '2025-10-25T12:00:00+02:00',
      end: '2025-10-26T10:00:00+01:00',
      cures: ALL_CURES,
    },
  ] as Array<{ name: string; periods: Periods; measured: number; start: string; end: string; cures: string[] }>)(
    '$name',
    async ({ periods, measured, start, end, cures }) => {
      const found = await restViolations({ periods });
      expect(found).toHaveLength(1);
      expect(found[0]).toMatchObject({
        severity: 'violation',
        reading: 'main-work-period',
        measured,
        limit: 11,
        unit: 'hours',
        window: { start, end },
        assignmentIds: ['a1'],
        citation: 'arbeidsmiljøloven § 10-8 første ledd',
      });
      expect(found[0]!.curedBy).toEqual(cures);
    },
  );

  it.each([
    {
      name: 'spring DST night 22:00–07:00 (8 h) then 17:59: the work period is 23 h elapsed, 12.02 h worked',
      periods: [
        ['2025-03-29T22:00', '2025-03-30T07:00'],
        ['2025-03-30T17:59', '2025-03-30T22:00'],
      ],
      start: '2025-03-29T22:00:00+01:00',
      end: '2025-03-30T22:00:00+02:00',
      workPeriodHours: 23,
      workedHours: 12.0167,
    },
    {
      name: 'autumn DST night 22:00–07:00 (10 h) then 17:59: the work period is 25 h elapsed, 14.02 h worked',
      periods: [
        ['2025-10-25T22:00', '2025-10-26T07:00'],
        ['2025-10-26T17:59', '2025-10-26T22:00'],
      ],
      start: '2025-10-25T22:00:00+02:00',
      end: '2025-10-26T22:00:00+01:00',
      workPeriodHours: 25,
      workedHours: 14.0167,
    },
  ] as Array<{
    name: string;
    periods: Periods;
    start: string;
    end: string;
    workPeriodHours: number;
    workedHours: number;
  }>)('$name', async ({ periods, start, end, workPeriodHours, workedHours }) => {
    const found = await restViolations({ periods });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ measured: 10.98, limit: 11, window: { start, end } });
    expect(found[0]!.details).toMatchObject({ workPeriodHours, workedHours });
  });

  it.each([
    {
      name: 'a 13 h day (07:00–20:00) leaves exactly 11 h rest in the 24 h from its start and passes',
      end: '20:00',
      expected: [],
    },
    {
      name: 'a 13 h 01 min day (07:00–20:01) leaves 10 h 59 min and fails, whatever follows',
      end: '20:01',
      expected: [[10.98, '2025-03-05T07:00:00+01:00', '2025-03-05T20:01:00+01:00']],
    },
  ] as Array<{ name: string; end: string; expected: Array<[number, string, string]> }>)(
    '$name',
    async ({ end, expected }) => {
      const found = await restViolations({
        periods: [
          ['2025-03-05T07:00', `2025-03-05T${end}`],
          ['2025-03-06T09:00', '2025-03-06T15:00'],
        ],
      });
      expect(found.map((f) => [f.measured, f.window.start, f.window.end])).toEqual(expected);
    },
  );

  it('the quick return is reported once, as one main work period of 24 h with 16 h worked', async () => {
    const found = await restViolations({
      periods: [
        ['2025-03-05T14:00', '2025-03-05T22:00'],
        ['2025-03-06T06:00', '2025-03-06T14:00'],
      ],
    });
    expect(found).toHaveLength(1);
    expect(found[0]!.details).toMatchObject({ workPeriodHours: 24, workedHours: 16 });
  });

  it('a split shift is one main work period: its 4-hour gap is not the daily rest', async () => {
    // 07–11 + 15–19, then 05:00 next morning: 10 h off after the split shift, the 4 h gap does not help.
    const found = await restViolations({
      periods: [
        ['2025-03-05T07:00', '2025-03-05T11:00'],
        ['2025-03-05T15:00', '2025-03-05T19:00'],
        ['2025-03-06T05:00', '2025-03-06T09:00'],
      ],
    });
    expect(found.map((f) => [f.reading, f.measured, f.window.start])).toEqual([
      ['main-work-period', 10, '2025-03-05T07:00:00+01:00'],
    ]);
  });
});

describe('aml.10-8.daily-rest under agreements', () => {
  const quickReturn = (morning = '06:00'): Periods => [
    ['2025-03-05T14:00', '2025-03-05T22:00'],
    [`2025-03-06T${morning}`, '2025-03-06T14:00'],
  ];

  it('a tariff rest agreement (§ 10-8 (3)) lowers the minimum to 8 h: the 8 h quick return passes, with an info finding', async () => {
    const r = await check({ periods: quickReturn(), agreements: [{ type: 'aml-10-8-3-tariff-rest' }] });
    expect(findingsOf(r, REST, 'violation')).toEqual([]);
    const info = findingsOf(r, REST, 'info');
    expect(info).toHaveLength(1);
    expect(info[0]).toMatchObject({
      measured: 8,
      limit: 8,
      appliedAgreements: ['aml-10-8-3-tariff-rest'],
      curedBy: [],
    });
    expect(info[0]!.window.start).toBe('2025-03-05T14:00:00+01:00');
  });

  it('under a tariff rest agreement 7 h 59 min fails against 8 h; only agreements stating their own limit could cure it', async () => {
    const found = await restViolations({
      periods: quickReturn('05:59'),
      agreements: [{ type: 'aml-10-8-3-tariff-rest' }],
    });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      measured: 7.98,
      limit: 8,
      appliedAgreements: ['aml-10-8-3-tariff-rest'],
      curedBy: ONLY_STATED_CURES,
      window: { start: '2025-03-05T14:00:00+01:00', end: '2025-03-06T14:00:00+01:00' },
    });
  });

  it('without an agreement 7 h 59 min cannot be cured by the tariff rest agreement (floor 8 h)', async () => {
    const [f] = await restViolations({ periods: quickReturn('05:59') });
    expect(f).toMatchObject({ measured: 7.98, limit: 11, curedBy: ONLY_STATED_CURES });
  });

  it('an agreement valid from the next day does not cover a period that starts before it', async () => {
    const found = await restViolations({
      periods: quickReturn(),
      agreements: [{ type: 'aml-10-8-3-tariff-rest', validFrom: '2025-03-06' }],
    });
    expect(found.map((f) => [f.measured, f.limit])).toEqual([[8, 11]]);
  });

  it('an agreement that ended the day before does not cover the period', async () => {
    const found = await restViolations({
      periods: quickReturn(),
      agreements: [{ type: 'aml-10-8-3-tariff-rest', validTo: '2025-03-04' }],
    });
    expect(found.map((f) => [f.measured, f.limit])).toEqual([[8, 11]]);
  });

  it('an agreement whose validTo is the day the period starts covers it', async () => {
    const r = await check({
      periods: quickReturn(),
      agreements: [{ type: 'aml-10-8-3-tariff-rest', validTo: '2025-03-05' }],
    });
    expect(findingsOf(r, REST, 'violation')).toEqual([]);
    expect(findingsOf(r, REST, 'info').map((f) => f.limit)).toEqual([8]);
  });

  it('a consent stating 9 h: 8 h fails against 9 h and the consent is not offered as a cure', async () => {
    const [f, ...rest] = await restViolations({
      periods: quickReturn(),
      agreements: [{ type: 'arbeidstilsynet-consent', params: { minDailyRestHours: 9 } }],
    });
    expect(rest).toEqual([]);
    expect(f).toMatchObject({
      measured: 8,
      limit: 9,
      appliedAgreements: ['arbeidstilsynet-consent'],
      curedBy: ['aml-10-8-3-tariff-rest', 'aml-10-12-4-union-agreement'],
    });
  });
});

// Ruling 7 (docs/legal/07-work-period.md): work periods join at the daily rest that applies to that
// gap: 11 h by default, the tariff floor (8 h) under § 10-8 (3), the agreed rest under avlaster § 7.
// The join decides how much work a day holds (ruling 1), so each case reads the 13-hour total day.
describe('main work periods join at the rest that applies to the gap (ruling 7)', () => {
  const TOTAL = 'aml.10-6.total-day';
  const totals = async (spec: OnePersonRota) =>
    findingsOf(await check(spec), TOTAL, 'violation').map((f) => f.measured);
  const tariff = [{ type: 'aml-10-8-3-tariff-rest' as const }];
  // An evening shift 14:00–22:00 and a morning shift 8 h later: 8 + 8 = 16 h in 24 hours when joined.
  const evening = (nextStart: string, date = '2025-03-05', next = '2025-03-06'): Periods => [
    [`${date}T14:00`, `${date}T22:00`],
    [`${next}T${nextStart}`, `${next}T${nextStart.replace(/^(\d\d)/, (h) => String(Number(h) + 8).padStart(2, '0'))}`],
  ];

  it.each([
    {
      name: 'no agreement: 8 h apart is one work period (16 h in its first 24 h, over 13)',
      periods: evening('06:00'),
      agreements: [],
      totals: [16],
    },
    { name: 'no agreement: 11 h apart are two (8 h and 8 h)', periods: evening('09:00'), agreements: [], totals: [] },
    { name: 'tariff rest: 8 h apart are two work periods', periods: evening('06:00'), agreements: tariff, totals: [] },
    {
      name: 'tariff rest: 7 h 59 min apart are one',
      periods: [
        ['2025-03-05T14:00', '2025-03-05T22:00'],
        ['2025-03-06T05:59', '2025-03-06T13:59'],
      ] as Periods,
      agreements: tariff,
      totals: [16],
    },
    {
      name: 'tariff rest, across the week boundary: Sunday 22:00 to Monday 06:00 are two',
      periods: evening('06:00', '2025-03-09', '2025-03-10'),
      agreements: tariff,
      totals: [],
    },
    {
      name: 'tariff rest, autumn DST: 22:00 → 05:00 is 8 elapsed hours, two work periods',
      periods: [
        ['2025-10-25T14:00', '2025-10-25T22:00'],
        ['2025-10-26T05:00', '2025-10-26T13:00'],
      ] as Periods,
      agreements: tariff,
      totals: [],
    },
    {
      name: 'tariff rest, spring DST: 22:00 → 07:00 is 8 elapsed hours, two work periods',
      periods: [
        ['2025-03-29T14:00', '2025-03-29T22:00'],
        ['2025-03-30T07:00', '2025-03-30T15:00'],
      ] as Periods,
      agreements: tariff,
      totals: [],
    },
  ])('$name', async ({ periods, agreements, totals: expected }) => {
    expect(await totals({ periods, agreements })).toEqual(expected);
  });

  it('avlaster § 7 with a stated 8-hour rest: respite 8 h apart are two work periods, 7 h 59 min apart one; other work keeps 11 h', async () => {
    const s7 = [{ type: 'avl-7-reduced-daily-rest' as const, params: { minDailyRestHours: 8 } }];
    const respite = (periods: OnePersonRota['periods'], more?: OnePersonRota['more']) =>
      check({ kind: 'respite-carer-home', periods, agreements: s7, ...(more ? { more } : {}) });
    expect(findingsOf(await respite(evening('06:00')), TOTAL)).toEqual([]);
    const joined = await respite([
      ['2025-03-05T14:00', '2025-03-05T22:00'],
      ['2025-03-06T05:59', '2025-03-06T13:59'],
    ]);
    expect(findingsOf(joined, TOTAL, 'violation').map((f) => f.measured)).toEqual([16]);
    // The agreed rest is for respite: an evening of respite and a morning at the day job join at 11 h.
    const mixed = await respite(
      [
        ['2025-03-05T14:00', '2025-03-05T22:00'],
        ['2025-03-06T06:00', '2025-03-06T14:00', 'job'],
      ],
      { job: { kind: 'employment' } },
    );
    expect(findingsOf(mixed, TOTAL, 'violation').map((f) => f.measured)).toEqual([16]);
  });
});
