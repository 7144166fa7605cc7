import { describe, expect, it } from 'vitest';
import type { AgreementType } from '../../src/rota/schema.ts';
import type { Report } from '../../src/report/schema.ts';
import { check, findingsOf } from '../support/rota.ts';

const ID = 'aml.10-8.sunday-rotation';
type Period = [string, string];
const AVERAGING = [{ type: 'aml-10-8-4-sunday-averaging' as AgreementType }];
const two = (date: string): Period => [`${date}T10:00`, `${date}T12:00`];

const runs = (r: Report) => findingsOf(r, ID, 'violation').filter((f) => f.reading === 'sunday-window');
const shares = (r: Report, severity: 'violation' | 'warning' = 'violation') =>
  findingsOf(r, ID, severity).filter((f) => f.reading === 'fixed-block-average');

describe('aml.10-8.sunday-rotation without an agreement: off the next Sunday/holiday (§ 10-8 (4))', () => {
  // Table moved to rules/aml/10-8-4-sunday-rotation.cases.yaml (test/rules/cases.test.ts).

  it('the finding spans the run, counts its windows and names the agreements that would cure it', async () => {
    const r = await check({ periods: [['2025-03-08T20:00', '2025-03-08T22:00'], two('2025-03-16')] });
    expect(runs(r)).toMatchObject([
      {
        measured: 2,
        limit: 1,
        severity: 'violation',
        citation: 'arbeidsmiljøloven § 10-8 fjerde ledd',
        window: { start: '2025-03-08T18:00:00+01:00', end: '2025-03-16T22:00:00+01:00' },
        details: { count: 2, protectedDays: 2, hoursWorked: 4 },
        assignmentIds: ['a1'],
        curedBy: ['aml-10-8-4-sunday-averaging', 'aml-10-12-4-union-agreement'],
      },
    ]);
  });

  it('the autumn DST Sunday window is 29 h: a shift filling it works one Sunday', async () => {
    const r = await check({ periods: [['2025-10-25T18:00', '2025-10-26T22:00'], two('2025-11-02')] });
    expect(runs(r)[0]).toMatchObject({
      window: { start: '2025-10-25T18:00:00+02:00', end: '2025-11-02T22:00:00+01:00' },
      details: { hoursWorked: 31 },
    });
  });
});

describe('aml.10-8.sunday-rotation with a written averaging agreement (aml-10-8-4-sunday-averaging)', () => {
  // Table moved to rules/aml/10-8-4-sunday-rotation.cases.yaml (test/rules/cases.test.ts).

  it('four in a row: the limit is 3 and only a union agreement could cure it', async () => {
    const periods = [two('2025-03-09'), two('2025-03-16'), two('2025-03-23'), two('2025-03-30')];
    const [f] = runs(await check({ periods, agreements: AVERAGING }));
    expect(f).toMatchObject({
      measured: 4,
      limit: 3,
      appliedAgreements: ['aml-10-8-4-sunday-averaging'],
      curedBy: ['aml-10-12-4-union-agreement'],
    });
  });

  it('two in a row are lawful only because of the agreement: recorded as info', async () => {
    const r = await check({ periods: [two('2025-03-09'), two('2025-03-16')], agreements: AVERAGING });
    expect(findingsOf(r, ID, 'info')).toMatchObject([
      { measured: 2, limit: 3, appliedAgreements: ['aml-10-8-4-sunday-averaging'] },
    ]);
  });

  // Table moved to rules/aml/10-8-4-sunday-rotation.cases.yaml (test/rules/cases.test.ts).

  it('a union agreement states its own limit', async () => {
    const periods = [two('2025-03-09'), two('2025-03-16')];
    const agreements = [
      { type: 'aml-10-12-4-union-agreement' as AgreementType, params: { maxConsecutiveWorkedSundays: 2 } },
    ];
    expect(runs(await check({ periods, agreements }))).toEqual([]);
  });
});

/**
 * 26 weeks from Monday 16 June 2025 (Sundays 22 June – 14 December, no holidays): two Sundays on,
 * two off through week 24, then the listed extra weeks; a Monday shift in week 26 makes the plan
 * 26 weeks long.
 */
function halfYear(extraSundayWeeks: number[]): Period[] {
  const sunday = (week: number) =>
    new Date(Date.parse('2025-06-22T00:00:00Z') + (week - 1) * 7 * 86_400_000).toISOString().slice(0, 10);
  const worked = [...Array.from({ length: 24 }, (_, i) => i + 1).filter((w) => (w - 1) % 4 < 2), ...extraSundayWeeks];
  return [...worked.map((w) => two(sunday(w))), ['2025-12-08T08:00', '2025-12-08T16:00']];
}

describe('aml.10-8.sunday-rotation with the agreement: at most half the Sundays/holidays of a fixed 26-week block', () => {
  it('exactly 50 % (13 of 26) passes', async () => {
    const r = await check({ periods: halfYear([25]), agreements: AVERAGING });
    expect(findingsOf(r, ID, 'violation')).toEqual([]);
  });

  it('one more worked Sunday (14 of 26) fails', async () => {
    const r = await check({ periods: halfYear([25, 26]), agreements: AVERAGING });
    expect(runs(r)).toEqual([]); // the longest run is 2
    expect(shares(r)).toMatchObject([
      {
        measured: 0.54,
        limit: 0.5,
        window: { start: '2025-06-16T00:00:00+02:00', end: '2025-12-15T00:00:00+01:00' },
        details: { windowsWorked: 14, windowsInBlock: 26, weeksInBlock: 26, blockWeeks: 26 },
        curedBy: ['aml-10-12-4-union-agreement'],
      },
    ]);
  });

  it('the share test applies only with the agreement (without it every run of 2 fails instead)', async () => {
    const r = await check({ periods: halfYear([25, 26]) });
    expect(shares(r)).toEqual([]);
    expect(runs(r).map((f) => f.measured)).toEqual([2, 2, 2, 2, 2, 2, 2]);
  });

  it('a block the plan covers in part counts the windows of the weeks it covers; a breach there is a warning', async () => {
    // Plan: the four weeks from Monday 3 March 2025 (the block is 26 weeks; the plan shows 4).
    const half = await check({
      periods: [
        two('2025-03-09'),
        two('2025-03-16'),
        ['2025-03-17T08:00', '2025-03-17T16:00'],
        ['2025-03-24T08:00', '2025-03-24T16:00'],
      ],
      agreements: AVERAGING,
    });
    expect([...shares(half), ...shares(half, 'warning')]).toEqual([]);
    const most = await check({
      periods: [two('2025-03-09'), two('2025-03-16'), two('2025-03-23'), ['2025-03-24T08:00', '2025-03-24T16:00']],
      agreements: AVERAGING,
    });
    expect(shares(most)).toEqual([]);
    expect(shares(most, 'warning')).toMatchObject([
      {
        measured: 0.75,
        window: { start: '2025-03-03T00:00:00+01:00', end: '2025-03-31T00:00:00+02:00' },
        details: { windowsWorked: 3, windowsInBlock: 4, weeksInBlock: 4, blockWeeks: 26 },
      },
    ]);
  });

  it('Easter week holds two windows (Maundy Thursday–Good Friday, Easter): Good Friday + Easter Sunday is 2 of 3 in a two-week plan', async () => {
    // Plan: weeks of 14 and 21 April 2025 → Maundy Thursday–Good Friday, Easter (Saturday 15:00 →
    // Monday 22:00, counted in the week of its Sunday) and Sunday 27 April.
    const r = await check({
      periods: [two('2025-04-18'), two('2025-04-20'), ['2025-04-22T08:00', '2025-04-22T16:00']],
      agreements: AVERAGING,
    });
    expect(runs(r)).toEqual([]);
    expect(shares(r, 'warning')).toMatchObject([
      { measured: 0.67, details: { windowsWorked: 2, windowsInBlock: 3, weeksInBlock: 2 } },
    ]);
  });
});
