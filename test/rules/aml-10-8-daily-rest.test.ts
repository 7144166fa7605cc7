// AML § 10-8 (1): at least 11 consecutive hours off in 24 hours, placed between two main work
// periods (docs/legal/02-daily-rest.md, docs/legal/07-work-period.md): work separated by less than the minimum is one main work period,
// and within 24 hours of a period's start there must be continuous rest of at least the minimum.
// All durations are elapsed time, so the DST nights give 10 h or 12 h of wall clock for 11 h.
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/report/schema.ts';
import { check, findingsOf, type OnePersonRota } from '../support/rota.ts';

const REST = 'aml.10-8.daily-rest';
const ONLY_STATED_CURES = ['arbeidstilsynet-consent', 'aml-10-12-4-union-agreement'];

type Periods = Array<[string, string]>;

async function restViolations(spec: OnePersonRota): Promise<Finding[]> {
  return findingsOf(await check(spec), REST, 'violation');
}

describe('aml.10-8.daily-rest: fails', () => {
  // Table moved to rules/aml/10-8-1-daily-rest.cases.yaml (test/rules/cases.test.ts).

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
  // An evening shift 14:00–22:00 and a morning shift 8 h later: 8 + 8 = 16 h in 24 hours when joined.
  const evening = (nextStart: string, date = '2025-03-05', next = '2025-03-06'): Periods => [
    [`${date}T14:00`, `${date}T22:00`],
    [`${next}T${nextStart}`, `${next}T${nextStart.replace(/^(\d\d)/, (h) => String(Number(h) + 8).padStart(2, '0'))}`],
  ];

  // Table moved to rules/aml/10-8-1-daily-rest.cases.yaml (test/rules/cases.test.ts).

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
