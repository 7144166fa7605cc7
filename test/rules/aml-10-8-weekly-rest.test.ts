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

  // Table moved to rules/aml/10-8-2-weekly-rest.cases.yaml (test/rules/cases.test.ts).

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
