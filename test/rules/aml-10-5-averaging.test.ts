// AML § 10-5: under an averaging agreement the day and the week are judged by § 10-5 instead of
// § 10-4 (1): 10 h per 24 h and 50 h in a single week by individual written agreement (first
// subsection), 12.5 h and 54 h by tariff agreement (second subsection), and the average over the
// agreement's period within § 10-4 (40 h, or 38 h for rota work every third Sunday or mainly at
// night). § 10-4 (1) yields and leaves an info finding where the agreement was relied on.
import { describe, expect, it } from 'vitest';
import type { Finding, Report } from '../../src/report/schema.ts';
import type { AgreementType } from '../../src/rota/schema.ts';
import { check, findingsOf } from '../support/rota.ts';

const DAY = 'aml.10-5.day';
const WEEK = 'aml.10-5.week';
const AVERAGE = 'aml.10-5.average';
const NORMAL_DAY = 'aml.10-4.normal-day';
const NORMAL_WEEK = 'aml.10-4.normal-week';

const STATED_CURES = ['arbeidstilsynet-consent', 'aml-10-12-4-union-agreement'];
const ABOVE_10_CURES = ['aml-10-5-2-tariff-averaging', ...STATED_CURES];

type Periods = Array<[string, string]>;
const INDIVIDUAL = [{ type: 'aml-10-5-1-averaging' as AgreementType }];
const TARIFF = [{ type: 'aml-10-5-2-tariff-averaging' as AgreementType }];

const DAY_MS = 86_400_000;
const addDays = (date: string, n: number): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
const clock = (minutes: number): string =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
/** A day shift from 07:00 lasting `minutes`. */
const shift = (date: string, minutes: number): [string, string] => [
  `${date}T07:00`,
  `${date}T${clock(7 * 60 + minutes)}`,
];

const fixed = (f: Finding) => f.reading !== 'rolling-window';
// Hours over the averaged limits are planned overtime (docs/legal/13-planned-overtime.md): warnings.
const violations = (r: Report, ruleId: string) => findingsOf(r, ruleId, 'warning').filter(fixed);
const measured = (r: Report, ruleId: string) => violations(r, ruleId).map((f) => f.measured);

describe('aml.10-5.day: 10 h per 24 h by individual agreement, 12.5 h by tariff agreement', () => {
  // Table moved to rules/aml/10-5-averaging.cases.yaml (test/rules/cases.test.ts).

  it('names the agreement, the narrower citation and what would still cure the day', async () => {
    const [f] = violations(await check({ periods: [shift('2025-03-05', 601)], agreements: INDIVIDUAL }), DAY);
    expect(f).toMatchObject({
      limit: 10,
      citation: 'arbeidsmiljøloven § 10-5 første og andre ledd',
      appliedAgreements: ['aml-10-5-1-averaging'],
      curedBy: ABOVE_10_CURES,
      window: { start: '2025-03-05T07:00:00+01:00', end: '2025-03-05T17:01:00+01:00' },
    });
    const [t] = violations(await check({ periods: [shift('2025-03-05', 751)], agreements: TARIFF }), DAY);
    expect(t).toMatchObject({ limit: 12.5, appliedAgreements: ['aml-10-5-2-tariff-averaging'], curedBy: STATED_CURES });
  });

  it('does not apply without an averaging agreement (§ 10-4 (1) judges the day)', async () => {
    const r = await check({ periods: [shift('2025-03-05', 601)] });
    expect(findingsOf(r, DAY)).toEqual([]);
    expect(measured(r, NORMAL_DAY)).toEqual([10.02]);
  });

  it('only while the agreement is in force: the day after validTo is judged by § 10-4 (1) again', async () => {
    const r = await check({
      periods: [shift('2025-03-05', 600), shift('2025-03-06', 600)],
      agreements: [{ type: 'aml-10-5-1-averaging', validTo: '2025-03-05' }],
    });
    expect(findingsOf(r, DAY)).toEqual([]);
    expect(violations(r, NORMAL_DAY).map((f) => [f.window.start, f.limit])).toEqual([['2025-03-06T07:00:00+01:00', 9]]);
  });

  it('the rolling 24 hours are an advisory (info): 13:00–19:00 + 06:00–11:00, 11 h rest between, is 6 + 5 h in fixed days but 11 h rolling', async () => {
    const r = await check({
      periods: [
        ['2025-03-05T13:00', '2025-03-05T19:00'],
        ['2025-03-06T06:00', '2025-03-06T11:00'],
      ],
      agreements: INDIVIDUAL,
    });
    expect(violations(r, DAY)).toEqual([]);
    expect(findingsOf(r, DAY, 'warning')).toEqual([]);
    expect(findingsOf(r, DAY, 'info').map((f) => [f.reading, f.measured, f.limit])).toEqual([
      ['rolling-window', 11, 10],
    ]);
    expect(findingsOf(r, NORMAL_DAY, 'info')).toEqual([]);
  });
});

describe('aml.10-4.normal-day yields to § 10-5 and records the reliance', () => {
  it('a 10 h day under individual averaging: no § 10-4 violation, one info finding against the statutory 9 h', async () => {
    const r = await check({ periods: [shift('2025-03-05', 600), shift('2025-03-06', 570)], agreements: INDIVIDUAL });
    expect(violations(r, NORMAL_DAY)).toEqual([]);
    const info = findingsOf(r, NORMAL_DAY, 'info');
    expect(info).toHaveLength(1);
    expect(info[0]).toMatchObject({
      measured: 10,
      limit: 9,
      appliedAgreements: ['aml-10-5-1-averaging'],
      curedBy: [],
      window: { start: '2025-03-05T07:00:00+01:00', end: '2025-03-06T16:30:00+01:00' },
      details: { windowsRelyingOnAgreement: 2 },
    });
    expect(info[0]!.message.en).toContain('statutory limit (9 h');
    // § 10-5 itself leaves no trail of its own: the trail is § 10-4's.
    expect(findingsOf(r, DAY, 'info')).toEqual([]);
  });

  it('a 9 h day relies on nothing: no info finding', async () => {
    expect(findingsOf(await check({ periods: [shift('2025-03-05', 540)], agreements: TARIFF }), NORMAL_DAY)).toEqual(
      [],
    );
  });

  it('across the autumn DST night a tariff 12 h night (22:00–09:00) is lawful and recorded as relying on the agreement', async () => {
    const r = await check({ periods: [['2025-10-25T22:00', '2025-10-26T09:00']], agreements: TARIFF });
    expect(violations(r, DAY)).toEqual([]);
    expect(findingsOf(r, NORMAL_DAY, 'info').map((f) => [f.measured, f.limit])).toEqual([[12, 9]]);
  });
});

describe('aml.10-5.week: 50 h in a single week by individual agreement, 54 h by tariff agreement', () => {
  /** Monday–Friday 9 h and Saturday `saturday` minutes, from Monday `monday`. */
  const sixDays = (monday: string, saturday: number): Periods => [
    ...[0, 1, 2, 3, 4].map((d) => shift(addDays(monday, d), 540)),
    shift(addDays(monday, 5), saturday),
  ];

  // Table moved to rules/aml/10-5-averaging.cases.yaml (test/rules/cases.test.ts).

  it('reports the fixed week and leaves the § 10-4 week an info finding at 50 h', async () => {
    const over = await check({ periods: sixDays('2025-03-03', 301), agreements: INDIVIDUAL });
    expect(violations(over, WEEK)[0]).toMatchObject({
      limit: 50,
      reading: 'fixed-week-frame',
      window: { start: '2025-03-03T00:00:00+01:00', end: '2025-03-10T00:00:00+01:00' },
      curedBy: ABOVE_10_CURES,
    });
    const at = await check({ periods: sixDays('2025-03-03', 300), agreements: INDIVIDUAL });
    expect(findingsOf(at, NORMAL_WEEK, 'info').map((f) => [f.measured, f.limit])).toEqual([[50, 40]]);
  });

  it('autumn DST week: 4 × 10 h + the 22:00–07:00 night (10 h elapsed) is 50 h and passes; 07:01 fails at 50.02', async () => {
    const days = [0, 1, 2, 3].map((d) => shift(addDays('2025-10-20', d), 600));
    expect(
      measured(
        await check({ periods: [...days, ['2025-10-25T22:00', '2025-10-26T07:00']], agreements: INDIVIDUAL }),
        WEEK,
      ),
    ).toEqual([]);
    const r = await check({ periods: [...days, ['2025-10-25T22:00', '2025-10-26T07:01']], agreements: INDIVIDUAL });
    expect(violations(r, WEEK).map((f) => [f.measured, f.window.start, f.window.end])).toEqual([
      [50.02, '2025-10-20T00:00:00+02:00', '2025-10-27T00:00:00+01:00'],
    ]);
  });

  it('spring DST week: 4 × 10 h + the 21:00–08:00 night (10 h elapsed, 11 on the clock) is 50 h and passes', async () => {
    const days = [0, 1, 2, 3].map((d) => shift(addDays('2025-03-24', d), 600));
    expect(
      measured(
        await check({ periods: [...days, ['2025-03-29T21:00', '2025-03-30T08:00']], agreements: INDIVIDUAL }),
        WEEK,
      ),
    ).toEqual([]);
  });
});

describe('aml.10-5.average: the average over the agreement period stays within § 10-4', () => {
  // Eight weeks from Monday 6 January 2025; the agreement covers exactly these weeks.
  const PERIOD = { validFrom: '2025-01-06', validTo: '2025-03-02' };
  const weekStarts = Array.from({ length: 8 }, (_, w) => addDays('2025-01-06', 7 * w));

  /** Odd weeks 5 × 9 h 36 min (48 h), even weeks 4 × 8 h (32 h): 320 h, 40 h a week on average. */
  const forty = (extraMinutes = 0): Periods =>
    weekStarts.flatMap((monday, w) =>
      w % 2 === 0
        ? [0, 1, 2, 3, 4].map((d) => shift(addDays(monday, d), 576))
        : [0, 1, 2, 3].map((d) => shift(addDays(monday, d), 480 + (w === 7 && d === 3 ? extraMinutes : 0))),
    );

  it('an average of exactly 40 h passes; 8 minutes more over 8 weeks (1 minute a week) fails', async () => {
    const agreements = [{ type: 'aml-10-5-1-averaging' as const, ...PERIOD }];
    const ok = await check({ periods: forty(), agreements });
    expect(findingsOf(ok, AVERAGE)).toEqual([]);
    expect(violations(ok, WEEK)).toEqual([]);
    expect(violations(ok, NORMAL_WEEK)).toEqual([]);
    const [f, ...rest] = findingsOf(await check({ periods: forty(8), agreements }), AVERAGE, 'violation');
    expect(rest).toEqual([]);
    expect(f).toMatchObject({
      measured: 40.02,
      limit: 40,
      reading: 'fixed-block-average',
      citation: 'arbeidsmiljøloven § 10-5 første ledd, jf. § 10-4',
      window: { start: '2025-01-06T00:00:00+01:00', end: '2025-03-03T00:00:00+01:00' },
      details: { weeksInBlock: 8, totalHours: 320.1333 },
      curedBy: STATED_CURES,
    });
  });

  it('the same under a tariff agreement', async () => {
    const agreements = [{ type: 'aml-10-5-2-tariff-averaging' as const, ...PERIOD }];
    expect(findingsOf(await check({ periods: forty(), agreements }), AVERAGE)).toEqual([]);
    expect(
      findingsOf(await check({ periods: forty(8), agreements }), AVERAGE, 'violation').map((f) => f.measured),
    ).toEqual([40.02]);
  });

  it('only the weeks of the agreement period count: a heavy week after validTo is judged by § 10-4 (1) alone', async () => {
    const agreements = [{ type: 'aml-10-5-1-averaging' as const, ...PERIOD }];
    const after = [0, 1, 2, 3, 4].map((d) => shift(addDays('2025-03-03', d), 576)); // 48 h in the week of 3 March
    const r = await check({ periods: [...forty(), ...after], agreements });
    expect(findingsOf(r, AVERAGE)).toEqual([]);
    expect(violations(r, NORMAL_WEEK).map((f) => [f.measured, f.limit, f.window.start])).toEqual([
      [48, 40, '2025-03-03T00:00:00+01:00'],
    ]);
  });

  it('does not apply without an averaging agreement', async () => {
    expect(findingsOf(await check({ periods: forty(8) }), AVERAGE)).toEqual([]);
  });

  /** Odd weeks Mon–Thu 9 h + Sunday 10 h (46 h), even weeks Mon–Wed 8 h + Sunday 6 h (30 h): 304 h, 38 h a week. */
  const sundays = (extraMinutes = 0, day = 6): Periods =>
    weekStarts.flatMap((monday, w) =>
      w % 2 === 0
        ? [...[0, 1, 2, 3].map((d) => shift(addDays(monday, d), 540)), shift(addDays(monday, day), 600)]
        : [
            ...[0, 1, 2].map((d) => shift(addDays(monday, d), 480 + (w === 7 && d === 2 ? extraMinutes : 0))),
            shift(addDays(monday, day), 360),
          ],
    );

  it('work every Sunday (§ 10-4 (4) c): the average limit is 38 h; 38 h passes, 38 h 01 min a week fails', async () => {
    const agreements = [{ type: 'aml-10-5-1-averaging' as const, ...PERIOD }];
    expect(findingsOf(await check({ periods: sundays(), agreements }), AVERAGE)).toEqual([]);
    const [f] = findingsOf(await check({ periods: sundays(8), agreements }), AVERAGE, 'violation');
    expect(f).toMatchObject({ measured: 38.02, limit: 38, details: { weeksInBlock: 8 } });
    expect(f!.limitBasis?.en).toMatch(/38-hour week/);
  });

  it('the same hours on Saturdays instead of Sundays keep the 40 h average limit', async () => {
    const agreements = [{ type: 'aml-10-5-1-averaging' as const, ...PERIOD }];
    expect(findingsOf(await check({ periods: sundays(8, 5), agreements }), AVERAGE)).toEqual([]);
  });

  /** Nights 22:00–06:00 (8 h, all in the night window): five a week for six weeks, four for two: 304 h, 38 h a week. */
  const nights = (extraMinutes = 0): Periods =>
    weekStarts.flatMap((monday, w) =>
      Array.from({ length: w < 6 ? 5 : 4 }, (_, d): [string, string] => [
        `${addDays(monday, d)}T22:00`,
        `${addDays(monday, d + 1)}T${w === 7 && d === 3 ? clock(6 * 60 + extraMinutes) : '06:00'}`,
      ]),
    );

  it('work mainly at night (§ 10-4 (4) d): the average limit is 38 h; 38 h passes, 38 h 01 min a week fails', async () => {
    const agreements = [{ type: 'aml-10-5-1-averaging' as const, ...PERIOD }];
    expect(findingsOf(await check({ periods: nights(), agreements }), AVERAGE)).toEqual([]);
    const [f] = findingsOf(await check({ periods: nights(8), agreements }), AVERAGE, 'violation');
    expect(f).toMatchObject({ measured: 38.02, limit: 38 });
  });

  it('an average across both DST changes counts elapsed hours (a 52-week agreement over March and October)', async () => {
    // One 10 h night 21:00–07:00 in each DST week, nothing else: the spring night is 9 h, the autumn 11 h.
    const agreements = [{ type: 'aml-10-5-1-averaging' as const, validFrom: '2025-03-24', validTo: '2025-11-02' }];
    const periods: Periods = [
      ['2025-03-29T21:00', '2025-03-30T07:00'],
      ['2025-10-25T21:00', '2025-10-26T07:00'],
    ];
    const r = await check({ periods, agreements });
    expect(r.ledger[0]!.hours).toBe(20);
    expect(findingsOf(r, AVERAGE)).toEqual([]);
    // The autumn night is 11 h elapsed: over the individual 10 h day.
    expect(measured(r, DAY)).toEqual([11]);
  });
});
