import { describe, expect, it } from 'vitest';
import { check, findingsOf } from '../support/rota.ts';

const day = (date: string, from: string, to: string): [string, string] => [`${date}T${from}`, `${date}T${to}`];

describe('aml.10-6.total-day: 13 hours per 24 hours (§ 10-6 (8))', () => {
  // Table moved to rules/aml/10-6-8-total-hours.cases.yaml (test/rules/cases.test.ts).

  it('says which agreement would make a 16 h day lawful, and a tariff agreement on total hours does', async () => {
    const periods: Array<[string, string]> = [['2025-03-05T07:00', '2025-03-05T23:00']];
    const [f] = findingsOf(await check({ periods }), 'aml.10-6.total-day', 'violation');
    expect(f).toMatchObject({
      measured: 16,
      limit: 13,
      window: { start: '2025-03-05T07:00:00+01:00', end: '2025-03-05T23:00:00+01:00' },
    });
    expect(f!.curedBy).toEqual([
      'aml-10-6-9-tariff-total-hours',
      'arbeidstilsynet-consent',
      'aml-10-12-4-union-agreement',
    ]);
    const lifted = await check({ periods, agreements: [{ type: 'aml-10-6-9-tariff-total-hours' }] });
    expect(findingsOf(lifted, 'aml.10-6.total-day', 'violation')).toEqual([]);
    expect(findingsOf(lifted, 'aml.10-6.total-day', 'info')).toHaveLength(1);
  });

  it('a consent states its own limit in params', async () => {
    const periods: Array<[string, string]> = [['2025-03-05T07:00', '2025-03-05T23:00']];
    const under = await check({
      periods,
      agreements: [{ type: 'arbeidstilsynet-consent', params: { maxTotalHoursPerDay: 15 } }],
    });
    expect(findingsOf(under, 'aml.10-6.total-day', 'violation').map((f) => f.limit)).toEqual([15]);
    const enough = await check({
      periods,
      agreements: [{ type: 'arbeidstilsynet-consent', params: { maxTotalHoursPerDay: 16 } }],
    });
    expect(findingsOf(enough, 'aml.10-6.total-day', 'violation')).toEqual([]);
  });
});

/** n weeks of Monday–Friday shifts of `hours` each, from the Monday `monday`. */
function weeksOf(monday: string, n: number, shiftsPerWeek: number, hours: number): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const start = new Date(`${monday}T00:00:00Z`);
  for (let w = 0; w < n; w++) {
    for (let d = 0; d < shiftsPerWeek; d++) {
      const date = new Date(start.getTime() + (w * 7 + d) * 86_400_000).toISOString().slice(0, 10);
      const endMinutes = 7 * 60 + hours * 60;
      const hh = String(Math.floor(endMinutes / 60)).padStart(2, '0');
      const mm = String(endMinutes % 60).padStart(2, '0');
      out.push(day(date, '07:00', `${hh}:${mm}`));
    }
  }
  return out;
}

describe('aml.10-6.total-week: 48 hours per 7 days averaged over fixed 8-week blocks', () => {
  it('8 weeks of exactly 48 h pass; one extra minute in one week fails the block average', async () => {
    const periods = weeksOf('2025-01-06', 8, 4, 12); // 4 × 12 h = 48 h a week
    expect(findingsOf(await check({ periods }), 'aml.10-6.total-week')).toEqual([]);
    const over = [...periods];
    over[0] = ['2025-01-06T07:00', '2025-01-06T19:08']; // +8 min over 8 weeks = +1 min/week average
    const [f] = findingsOf(await check({ periods: over }), 'aml.10-6.total-week', 'violation');
    expect(f).toMatchObject({
      measured: 48.02,
      limit: 48,
      reading: 'fixed-block-average',
      window: { start: '2025-01-06T00:00:00+01:00', end: '2025-03-03T00:00:00+01:00' },
      details: { weeksInBlock: 8, blockWeeks: 8, totalHours: 384.1333 },
    });
  });

  it('a 60 h week is lawful when the 8-week average stays at or under 48', async () => {
    const periods = [...weeksOf('2025-01-06', 1, 5, 12), ...weeksOf('2025-01-13', 7, 4, 12)].slice(0, 5 + 28);
    // 60 + 7 × 48 = 396 h over 8 weeks = 49.5 average: fails; drop one 12 h shift in week 8 → 384 h: 48.0 passes
    expect(findingsOf(await check({ periods }), 'aml.10-6.total-week', 'violation').map((f) => f.measured)).toEqual([
      49.5,
    ]);
    expect(findingsOf(await check({ periods: periods.slice(0, -1) }), 'aml.10-6.total-week')).toEqual([]);
  });

  it('blocks are fixed from the reference date: moving it moves the blocks', async () => {
    // Two heavy weeks (60 h) then light ones: with blocks from week 1 the two heavy weeks share a block.
    const periods = [...weeksOf('2025-01-06', 2, 5, 12), ...weeksOf('2025-01-20', 6, 3, 12)];
    const fromFirst = findingsOf(await check({ periods }), 'aml.10-6.total-week', 'violation');
    expect(fromFirst).toEqual([]); // (120 + 6 × 36) / 8 = 42
    const split = await check({ periods, frames: { referenceDate: '2025-01-13' } as never });
    // block 1 = the week of 6 January alone (60), block 2 = from 13 January (60 + 6 × 36) / 7 = 39.43.
    // The plan shows only one of block 1's eight weeks, so its breach is a warning, not a verdict.
    expect(findingsOf(split, 'aml.10-6.total-week', 'violation')).toEqual([]);
    const [partial] = findingsOf(split, 'aml.10-6.total-week', 'warning');
    expect([partial!.window.start, partial!.measured, partial!.message.en]).toEqual([
      '2025-01-06T00:00:00+01:00',
      60,
      expect.stringContaining("The rota shows only 1 of the block's 8 weeks"),
    ]);
  });

  it('a block across both DST changes measures elapsed hours (one night shift each way)', async () => {
    const spring = await check({ periods: [['2025-03-29T22:00', '2025-03-30T07:00']] });
    const autumn = await check({ periods: [['2025-10-25T22:00', '2025-10-26T07:00']] });
    expect(findingsOf(spring, 'aml.10-6.total-week')).toEqual([]);
    expect(findingsOf(autumn, 'aml.10-6.total-week')).toEqual([]);
    // The ledger shows the elapsed hours: 8 h in spring, 10 h in autumn.
    expect(spring.ledger[0]!.hours).toBe(8);
    expect(autumn.ledger[0]!.hours).toBe(10);
  });

  it('the 69-hour single-week cap applies only under a tariff averaging or overtime agreement', async () => {
    const periods = weeksOf('2025-01-06', 1, 6, 11.5); // 69 h
    const heavy = [...periods, ['2025-01-12T07:00', '2025-01-12T07:01'] as [string, string]]; // 69 h 1 min
    const singleWeek = (r: Awaited<ReturnType<typeof check>>) =>
      findingsOf(r, 'aml.10-6.total-week', 'violation').filter((f) => f.reading === 'fixed-week-frame');
    expect(singleWeek(await check({ periods: heavy }))).toEqual([]);
    const tariff = [{ type: 'aml-10-5-2-tariff-averaging' as const }];
    expect(singleWeek(await check({ periods, agreements: tariff }))).toEqual([]);
    expect(singleWeek(await check({ periods: heavy, agreements: tariff })).map((f) => f.measured)).toEqual([69.02]);
  });
});
