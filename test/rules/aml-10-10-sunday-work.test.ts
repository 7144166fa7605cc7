import { describe, expect, it } from 'vitest';
import { check, findingsOf } from '../support/rota.ts';

const ID = 'aml.10-10.sunday-work';
type Period = [string, string];

describe('aml.10-10.sunday-work: work inside the § 10-10 windows (info, one finding per worker)', () => {
  // Table moved to rules/aml/10-10-sunday-work.cases.yaml (test/rules/cases.test.ts).

  it('one finding per worker from the first to the last worked window, with the windows worked and in the plan', async () => {
    const r = await check({
      periods: [
        ['2025-03-08T20:00', '2025-03-09T08:00'], // Saturday night into Sunday: 12 h in the window
        ['2025-03-12T08:00', '2025-03-12T16:00'], // Wednesday: no Sunday work
        ['2025-03-23T08:00', '2025-03-23T16:00'], // Sunday three weeks on
      ],
    });
    const found = findingsOf(r, ID);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      measured: 20,
      limit: 0,
      severity: 'info',
      reading: 'sunday-window',
      citation: 'arbeidsmiljøloven § 10-10 første til tredje ledd',
      window: { start: '2025-03-08T18:00:00+01:00', end: '2025-03-23T22:00:00+01:00' },
      details: { windowsWorked: 2, windowsInPlan: 3 },
      assignmentIds: ['a1'],
      curedBy: [],
    });
    expect(found[0]!.message.nb).toMatch(/arbeidets art gjør det nødvendig/);
    expect(found[0]!.message.nb).toMatch(/tillitsvalgte/);
    expect(found[0]!.message.en).toMatch(/20 hours/);
  });

  it('no Sunday work, no finding', async () => {
    const r = await check({
      periods: [
        ['2025-03-10T08:00', '2025-03-10T16:00'],
        ['2025-03-14T08:00', '2025-03-14T16:00'],
      ],
    });
    expect(findingsOf(r, ID)).toEqual([]);
  });

  it('Whit Sunday and Whit Monday on 17 May 2027 are one window from Whitsun Eve 15:00', async () => {
    const r = await check({
      periods: [
        ['2027-05-16T10:00', '2027-05-16T12:00'],
        ['2027-05-17T21:00', '2027-05-17T22:30'],
      ],
    });
    expect(findingsOf(r, ID)).toMatchObject([
      {
        measured: 3,
        window: { start: '2027-05-15T15:00:00+02:00', end: '2027-05-17T22:00:00+02:00' },
        details: { windowsWorked: 1 },
      },
    ]);
  });

  it('Easter 2025: Maundy Thursday + Good Friday is one window, Easter Saturday 15:00 → Easter Monday another', async () => {
    const r = await check({
      periods: [
        ['2025-04-16T18:00', '2025-04-16T19:00'],
        ['2025-04-19T15:00', '2025-04-19T16:00'],
      ],
    });
    expect(findingsOf(r, ID)).toMatchObject([
      {
        measured: 2,
        window: { start: '2025-04-16T18:00:00+02:00', end: '2025-04-21T22:00:00+02:00' },
        details: { windowsWorked: 2, windowsInPlan: 2 },
      },
    ]);
  });
});

/** Monday–Thursday 08:00–16:00 each week, and 7 h on the Sunday of the listed weeks or else on the Friday: 39 h a week. */
function weeksWithSundays(monday: string, weeks: number, sundayWeeks: number[]): Period[] {
  const out: Period[] = [];
  const start = Date.parse(`${monday}T00:00:00Z`);
  const date = (w: number, d: number) => new Date(start + (w * 7 + d) * 86_400_000).toISOString().slice(0, 10);
  for (let w = 0; w < weeks; w++) {
    for (let d = 0; d < 4; d++) out.push([`${date(w, d)}T08:00`, `${date(w, d)}T16:00`]);
    const seventh = sundayWeeks.includes(w + 1) ? 6 : 4;
    out.push([`${date(w, seventh)}T08:00`, `${date(w, seventh)}T15:00`]);
  }
  return out;
}

describe('the Sunday profile selects the 38-hour week (aml.10-4.normal-week, § 10-4 (4) (c))', () => {
  it('working every third Sunday over 6 weeks: 39 h a week fails against 38, with the basis stated', async () => {
    const r = await check({ periods: weeksWithSundays('2025-09-01', 6, [1, 4]) });
    expect(r.profiles[0]).toMatchObject({ sundaysInPlan: 6, sundaysWorked: 2 });
    const weeks = findingsOf(r, 'aml.10-4.normal-week', 'warning');
    expect(weeks.map((f) => [f.measured, f.limit])).toEqual(Array.from({ length: 6 }, () => [39, 38]));
    for (const f of weeks) {
      expect(f.citation).toBe('arbeidsmiljøloven § 10-4 fjerde ledd');
      expect(f.limitBasis?.nb).toMatch(/38-timersuke/);
    }
    expect(findingsOf(r, 'aml.10-8.sunday-rotation', 'violation')).toEqual([]);
  });

  it('working every fourth Sunday over 8 weeks: 39 h a week passes against 40', async () => {
    const r = await check({ periods: weeksWithSundays('2025-09-01', 8, [1, 5]) });
    expect(r.profiles[0]).toMatchObject({ sundaysInPlan: 8, sundaysWorked: 2, sundayShare: 0.25 });
    expect(findingsOf(r, 'aml.10-4.normal-week', 'warning')).toEqual([]);
    expect(findingsOf(r, 'aml.10-4.normal-week').filter((f) => f.limitBasis)).toEqual([]);
    expect(findingsOf(r, ID).map((f) => f.details)).toEqual([{ windowsWorked: 2, windowsInPlan: 8 }]);
  });
});
