// AML § 10-8 (2): one continuous period of 35 hours off in 7 days. docs/legal/03-weekly-rest.md (strict): the
// rest block must lie inside the fixed 7-day frame (default Monday 00:00 Europe/Oslo); a rest that
// straddles the week start counts in each frame only with its part inside. Elapsed hours throughout.
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/report/schema.ts';
import { check, findingsOf, type OnePersonRota } from '../support/rota.ts';

const WEEKLY = 'aml.10-8.weekly-rest';
const ALL_CURES = ['aml-10-8-3-tariff-rest', 'arbeidstilsynet-consent', 'aml-10-12-4-union-agreement'];
const ONLY_STATED_CURES = ['arbeidstilsynet-consent', 'aml-10-12-4-union-agreement'];

type Periods = Array<[string, string]>;

async function weeklyViolations(spec: OnePersonRota): Promise<Finding[]> {
  return findingsOf(await check(spec), WEEKLY, 'violation');
}

/**
 * The week Monday 3 – Monday 10 March 2025, worked from its first to its last minute: nights
 * Mon–Fri 00:00–08:00 (16 h off between them), the weekend rest from Friday 08:00 until `restEnds`
 * on Saturday, a night across Saturday midnight until Sunday 03:00, and Sunday 16:00 until Monday 00:00.
 */
const fullWeek = (restEnds: string): Periods => [
  ['2025-03-03T00:00', '2025-03-03T08:00'],
  ['2025-03-04T00:00', '2025-03-04T08:00'],
  ['2025-03-05T00:00', '2025-03-05T08:00'],
  ['2025-03-06T00:00', '2025-03-06T08:00'],
  ['2025-03-07T00:00', '2025-03-07T08:00'],
  [`2025-03-08T${restEnds}`, '2025-03-09T03:00'],
  ['2025-03-09T16:00', '2025-03-10T00:00'],
];

/** Five day shifts Monday–Friday of the week starting `monday` (YYYY-MM-DD of the Monday; days must not cross a month). */
const weekdays = (year: string, month: string, monday: number): Periods =>
  [0, 1, 2, 3, 4].map((d) => {
    const day = String(monday + d).padStart(2, '0');
    return [`${year}-${month}-${day}T08:00`, `${year}-${month}-${day}T16:00`];
  });

describe('aml.10-8.weekly-rest: 35 hours inside the Monday–Monday frame', () => {
  it('35 h exactly (Friday 08:00 → Saturday 19:00) passes', async () => {
    expect(await weeklyViolations({ periods: fullWeek('19:00') })).toEqual([]);
  });

  it('34 h 59 min (Friday 08:00 → Saturday 18:59) fails', async () => {
    const found = await weeklyViolations({ periods: fullWeek('18:59') });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      severity: 'violation',
      reading: 'fixed-week-frame',
      measured: 34.98,
      limit: 35,
      unit: 'hours',
      window: { start: '2025-03-03T00:00:00+01:00', end: '2025-03-10T00:00:00+01:00' },
      assignmentIds: ['a1'],
      citation: 'arbeidsmiljøloven § 10-8 andre ledd',
      curedBy: ALL_CURES,
    });
  });

  it('a weekend rest Saturday 16:00 → Monday 08:00 (40 h) straddles the week start: only 32 h lie inside the frame', async () => {
    const periods: Periods = [
      ...weekdays('2025', '03', 3),
      ['2025-03-08T08:00', '2025-03-08T16:00'],
      ['2025-03-10T08:00', '2025-03-10T16:00'],
    ];
    const found = await weeklyViolations({ periods });
    expect(found.map((f) => [f.measured, f.window.start, f.window.end])).toEqual([
      [32, '2025-03-03T00:00:00+01:00', '2025-03-10T00:00:00+01:00'],
    ]);
  });

  it('a weekend rest Friday 16:00 → Monday 00:00 (56 h) inside the frame passes', async () => {
    const periods: Periods = [...weekdays('2025', '03', 3), ['2025-03-10T00:00', '2025-03-10T08:00']];
    expect(await weeklyViolations({ periods })).toEqual([]);
  });
});

describe('aml.10-8.weekly-rest: frame alignment follows the rota settings', () => {
  // Monday–Saturday 08–16, rest Saturday 16:00 → Monday 08:00 (40 h), then Monday again.
  const sixDays: Periods = [
    ...weekdays('2025', '03', 3),
    ['2025-03-08T08:00', '2025-03-08T16:00'],
    ['2025-03-10T08:00', '2025-03-10T16:00'],
  ];

  it.each([
    {
      name: 'default Monday 00:00: the 40 h weekend is cut to 32 h and fails',
      frames: undefined,
      expected: [[32, '2025-03-03T00:00:00+01:00', '2025-03-10T00:00:00+01:00']],
    },
    {
      name: 'week start Sunday: Sunday 00:00 cuts it too; the frame Sun 2 → Sun 9 March holds at most 32 h and fails',
      frames: { weekStart: 'sunday' },
      expected: [[32, '2025-03-02T00:00:00+01:00', '2025-03-09T00:00:00+01:00']],
    },
    {
      name: 'week start Saturday: the whole 40 h lies in the frame from Saturday 00:00 and passes',
      frames: { weekStart: 'saturday' },
      expected: [],
    },
    {
      name: 'day start 06:00: the frame runs Monday 06:00 → Monday 06:00, holds 38 h and passes',
      frames: { dayStart: '06:00' },
      expected: [],
    },
  ] as Array<{ name: string; frames: OnePersonRota['frames']; expected: Array<[number, string, string]> }>)(
    '$name',
    async ({ frames, expected }) => {
      const found = await weeklyViolations({ periods: sixDays, ...(frames ? { frames } : {}) });
      expect(found.map((f) => [f.measured, f.window.start, f.window.end])).toEqual(expected);
    },
  );
});

describe('aml.10-8.weekly-rest across the DST changes (elapsed hours)', () => {
  it.each([
    {
      name: 'spring week (167 h): Saturday 12:00 → Monday 00:00 is 36 h on the wall, 35 h elapsed: passes',
      periods: [
        ...weekdays('2025', '03', 24),
        ['2025-03-29T08:00', '2025-03-29T12:00'],
        ['2025-03-31T00:00', '2025-03-31T08:00'],
      ],
      expected: [],
    },
    {
      name: 'spring week: Saturday 13:00 → Monday 00:00 is 35 h on the wall, 34 h elapsed: fails',
      periods: [
        ...weekdays('2025', '03', 24),
        ['2025-03-29T08:00', '2025-03-29T13:00'],
        ['2025-03-31T00:00', '2025-03-31T08:00'],
      ],
      expected: [[34, '2025-03-24T00:00:00+01:00', '2025-03-31T00:00:00+02:00']],
    },
    {
      name: 'autumn week (169 h): Saturday 14:00 → Monday 00:00 is 34 h on the wall, 35 h elapsed: passes',
      periods: [
        ...weekdays('2025', '10', 20),
        ['2025-10-25T08:00', '2025-10-25T14:00'],
        ['2025-10-27T00:00', '2025-10-27T08:00'],
      ],
      expected: [],
    },
    {
      name: 'autumn week: Saturday 14:01 → Monday 00:00 is 34 h 59 min elapsed: fails',
      periods: [
        ...weekdays('2025', '10', 20),
        ['2025-10-25T08:00', '2025-10-25T14:01'],
        ['2025-10-27T00:00', '2025-10-27T08:00'],
      ],
      expected: [[34.98, '2025-10-20T00:00:00+02:00', '2025-10-27T00:00:00+01:00']],
    },
    {
      name: 'autumn DST night 22:00–07:00 (10 h) ends the rest: Friday 16:00 → Saturday 22:00 is 30 h, Sunday 07:00 → Monday 00:00 is 18 h: fails',
      periods: [
        ...weekdays('2025', '10', 20),
        ['2025-10-25T22:00', '2025-10-26T07:00'],
        ['2025-10-27T00:00', '2025-10-27T08:00'],
      ],
      expected: [[30, '2025-10-20T00:00:00+02:00', '2025-10-27T00:00:00+01:00']],
    },
    {
      name: 'spring DST night 22:00–07:00 (8 h): Sunday 07:00 → Monday 00:00 is 16 h elapsed; the 30 h before it is the longest: fails',
      periods: [
        ...weekdays('2025', '03', 24),
        ['2025-03-29T22:00', '2025-03-30T07:00'],
        ['2025-03-31T00:00', '2025-03-31T08:00'],
      ],
      expected: [[30, '2025-03-24T00:00:00+01:00', '2025-03-31T00:00:00+02:00']],
    },
  ] as Array<{ name: string; periods: Periods; expected: Array<[number, string, string]> }>)(
    '$name',
    async ({ periods, expected }) => {
      const found = await weeklyViolations({ periods });
      expect(found.map((f) => [f.measured, f.window.start, f.window.end])).toEqual(expected);
    },
  );
});

describe('aml.10-8.weekly-rest under agreements', () => {
  // fullWeek('12:00'): the weekend rest is Friday 08:00 → Saturday 12:00, 28 h.
  const tariff = [{ type: 'aml-10-8-3-tariff-rest' as const }];

  it('a tariff rest agreement (§ 10-8 (3)) lowers the minimum to 28 h: 28 h passes, with an info finding', async () => {
    const r = await check({ periods: fullWeek('12:00'), agreements: tariff });
    expect(findingsOf(r, WEEKLY, 'violation')).toEqual([]);
    const info = findingsOf(r, WEEKLY, 'info');
    expect(info).toHaveLength(1);
    expect(info[0]).toMatchObject({
      measured: 28,
      limit: 28,
      appliedAgreements: ['aml-10-8-3-tariff-rest'],
      curedBy: [],
      window: { start: '2025-03-03T00:00:00+01:00', end: '2025-03-10T00:00:00+01:00' },
    });
  });

  it('under a tariff rest agreement 27 h 59 min fails against 28 h', async () => {
    const found = await weeklyViolations({ periods: fullWeek('11:59'), agreements: tariff });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      measured: 27.98,
      limit: 28,
      appliedAgreements: ['aml-10-8-3-tariff-rest'],
      curedBy: ONLY_STATED_CURES,
    });
  });

  it('without an agreement 28 h fails against 35 h and the tariff rest agreement is offered as a cure', async () => {
    const [f] = await weeklyViolations({ periods: fullWeek('12:00') });
    expect(f).toMatchObject({ measured: 28, limit: 35, curedBy: ALL_CURES });
  });

  it('without an agreement 27 h 59 min is below the tariff floor: the tariff agreement is not offered', async () => {
    const [f] = await weeklyViolations({ periods: fullWeek('11:59') });
    expect(f).toMatchObject({ measured: 27.98, limit: 35, curedBy: ONLY_STATED_CURES });
  });

  it.each([
    {
      name: 'validFrom on the Tuesday: a frame is judged under the agreements in force at its start (Monday), so 35 h applies',
      validFrom: '2025-03-04',
      validTo: undefined,
      limit: 35,
    },
    { name: 'validFrom on the Monday: in force', validFrom: '2025-03-03', validTo: undefined, limit: 28 },
    { name: 'validTo the Sunday before: expired', validFrom: undefined, validTo: '2025-03-02', limit: 35 },
    {
      name: 'validTo on the Monday itself: in force (validTo is inclusive)',
      validFrom: undefined,
      validTo: '2025-03-03',
      limit: 28,
    },
  ])('$name', async ({ validFrom, validTo, limit }) => {
    const r = await check({
      periods: fullWeek('12:00'),
      agreements: [
        { type: 'aml-10-8-3-tariff-rest', ...(validFrom ? { validFrom } : {}), ...(validTo ? { validTo } : {}) },
      ],
    });
    const all = findingsOf(r, WEEKLY);
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ measured: 28, limit, severity: limit === 28 ? 'info' : 'violation' });
  });

  it('a consent stating 30 h: 28 h fails against 30 h and the consent is not offered as a cure', async () => {
    const [f] = await weeklyViolations({
      periods: fullWeek('12:00'),
      agreements: [{ type: 'arbeidstilsynet-consent', params: { minWeeklyRestHours: 30 } }],
    });
    expect(f).toMatchObject({
      measured: 28,
      limit: 30,
      curedBy: ['aml-10-8-3-tariff-rest', 'aml-10-12-4-union-agreement'],
    });
  });
});
