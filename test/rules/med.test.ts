// The medlever regulation (FOR-2005-06-24-686): live-in staff (assignments with regime: medlever)
// are judged by its §§ 2–3 instead of the AML limits it adjusts; the AML weekly rest (§ 10-8 (2))
// and breaks (§ 10-9) still apply.
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/engine/evaluate.ts';
import type { Report } from '../../src/report/schema.ts';
import { validateRotaDocument } from '../../src/rota/load.ts';
import type { AgreementType } from '../../src/rota/schema.ts';
import { findingsOf } from '../support/rota.ts';

/** [start, end] or [start, end, passiveHours] */
type Row = [string, string] | [string, string, number];

interface MedSpec {
  periods: Row[];
  /** Periods of an ordinary (AML) assignment of the same worker. */
  ordinary?: Row[];
  /** Judge `periods` as ordinary AML work instead. */
  regime?: 'aml';
  agreements?: Array<{ type: AgreementType; validFrom?: string; params?: Record<string, number> }>;
  frames?: { dayStart?: string; referenceDate?: string };
}

async function med(spec: MedSpec): Promise<Report> {
  const row =
    (assignmentId: string) =>
    ([start, end, passiveHours]: Row) => ({ assignmentId, start, end, ...(passiveHours ? { passiveHours } : {}) });
  return evaluate(
    validateRotaDocument({
      version: 1,
      workers: [{ id: 'w1' }],
      ...(spec.frames ? { frames: spec.frames } : {}),
      assignments: [
        {
          id: 'm1',
          workerId: 'w1',
          kind: 'employment',
          contract: 'arbeidsavtale',
          ...(spec.regime ? {} : { regime: 'medlever' }),
        },
        { id: 'e1', workerId: 'w1', kind: 'employment', contract: 'arbeidsavtale' },
      ],
      periods: [...spec.periods.map(row('m1')), ...(spec.ordinary ?? []).map(row('e1'))],
      agreements: (spec.agreements ?? []).map((a) => ({ workerId: 'w1', ...a })),
    }),
  );
}

/** The same clock times on each date. */
const stint = (dates: string[], times: Array<[string, string]>): Row[] =>
  dates.flatMap((d) => times.map(([a, b]): Row => [`${d}T${a}`, `${d}T${b}`]));

/** Work 07–13 and 15–23: a 2 h rest in the afternoon and 8 h at night, both exactly at the limit. */
const LAWFUL_DAY: Array<[string, string]> = [
  ['07:00', '13:00'],
  ['15:00', '23:00'],
];

const isoDay = (d: Date) => d.toISOString().slice(0, 10);
const addDays = (date: string, n: number) => isoDay(new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000));

/** n consecutive døgn from 08:00 on `date`, as one period. */
const doegn = (date: string, n: number, endTime = '08:00'): Row => [`${date}T08:00`, `${addDays(date, n)}T${endTime}`];

const rest = (r: Report, severity: 'violation' | 'info' = 'violation') =>
  findingsOf(r, 'med.3.daily-rest', severity).map((f) => ({
    start: f.window.start,
    measured: f.measured,
    limit: f.limit,
  }));

describe('med.2.average: 48 h per 7 days averaged over fixed 6-week blocks (§ 2)', () => {
  const average = (r: Report) =>
    findingsOf(r, 'med.2.average', 'violation').map((f) => ({ measured: f.measured, limit: f.limit }));
  // The next stint starts in week 7, so the plan covers the whole first 6-week block.
  const next: Row = ['2025-02-17T08:00', '2025-02-17T20:00'];

  it('Arbeidstilsynet’s example: 12 consecutive døgn (288 h) and then a little over 4 weeks off average exactly 48', async () => {
    expect(average(await med({ periods: [doegn('2025-01-06', 12), next] }))).toEqual([]);
  });

  it('six minutes more over the block is one minute a week over: fails', async () => {
    const r = await med({ periods: [doegn('2025-01-06', 12, '08:06'), next] });
    const [f] = findingsOf(r, 'med.2.average', 'violation');
    expect(f).toMatchObject({
      measured: 48.02,
      limit: 48,
      reading: 'fixed-block-average',
      citation: 'forskrift om arbeidstid i institusjoner som har medleverordninger § 2',
      window: { start: '2025-01-06T00:00:00+01:00', end: '2025-02-17T00:00:00+01:00' },
      details: { weeksInBlock: 6, blockWeeks: 6, totalHours: 288.1 },
      curedBy: ['med-2-written-consent-60h'],
    });
  });

  it('with written consent up to 60 h: 15 døgn (360 h) passes, lawful only by the consent (info); a minute a week more fails', async () => {
    const consent = [{ type: 'med-2-written-consent-60h' as const }];
    expect(average(await med({ periods: [doegn('2025-01-06', 15), next] }))).toEqual([{ measured: 60, limit: 48 }]);
    const lifted = await med({ periods: [doegn('2025-01-06', 15), next], agreements: consent });
    expect(average(lifted)).toEqual([]);
    expect(findingsOf(lifted, 'med.2.average', 'info').map((f) => [f.measured, f.limit, f.appliedAgreements])).toEqual([
      [60, 60, ['med-2-written-consent-60h']],
    ]);
    expect(average(await med({ periods: [doegn('2025-01-06', 15, '08:06'), next], agreements: consent }))).toEqual([
      { measured: 60.02, limit: 60 },
    ]);
  });

  it('blocks are fixed: a 20-døgn stay across the block boundary (week 6 → 7) is split between two blocks', async () => {
    const r = await med({
      periods: [doegn('2025-02-07', 20), ['2025-03-24T08:00', '2025-03-24T09:00']],
      frames: { referenceDate: '2025-01-06' },
    });
    // Block 1 (6 Jan–16 Feb) holds 7 Feb 08:00–17 Feb 00:00 = 232 h; block 2 the other 248 h + 1 h.
    expect(findingsOf(r, 'med.2.average')).toEqual([]);
    const all = await med({
      periods: [doegn('2025-02-07', 20), ['2025-03-24T08:00', '2025-03-24T09:00']],
      frames: { referenceDate: '2025-02-03' },
    });
    expect(average(all)).toEqual([{ measured: 80, limit: 48 }]);
  });

  it('both DST changes: 12 døgn from 08:00 are 287 elapsed hours across the spring change and 289 across the autumn change', async () => {
    const spring = await med({ periods: [doegn('2025-03-24', 12), ['2025-05-05T08:00', '2025-05-05T09:00']] });
    const autumn = await med({ periods: [doegn('2025-10-20', 12), ['2025-12-01T08:00', '2025-12-01T09:00']] });
    expect(average(spring)).toEqual([]);
    expect(average(autumn)).toEqual([{ measured: 48.17, limit: 48 }]);
  });
});

describe('regimes: medlever work is judged by the medlever regulation, ordinary work by AML', () => {
  const ids = (r: Report) => [...new Set(r.findings.map((f) => f.ruleId))].sort();

  it('a 24-hour døgn of live-in work is not judged by AML §§ 10-4, 10-6, 10-8 (1); the same døgn as ordinary work is', async () => {
    const periods = [doegn('2025-03-05', 1)];
    const live = ids(await med({ periods }));
    expect(live).toContain('med.3.daily-rest');
    expect(live.filter((id) => id.startsWith('aml.'))).toEqual([]);
    const ordinary = ids(await med({ periods, regime: 'aml' }));
    expect(ordinary).toEqual(
      expect.arrayContaining(['aml.10-4.normal-day', 'aml.10-6.total-day', 'aml.10-8.daily-rest']),
    );
    expect(ordinary.filter((id) => id.startsWith('med.'))).toEqual([]);
  });

  it('a lawful live-in stint gives no findings at all', async () => {
    expect((await med({ periods: stint(['2025-03-04', '2025-03-05', '2025-03-06'], LAWFUL_DAY) })).findings).toEqual(
      [],
    );
  });

  it('ordinary work of the same worker is a separate group: AML judges it alone, the medlever rules never see it', async () => {
    const r = await med({
      periods: stint(['2025-03-04', '2025-03-05', '2025-03-06'], LAWFUL_DAY),
      ordinary: [['2025-03-12T08:00', '2025-03-12T20:00']],
    });
    expect(r.findings.map((f) => [f.ruleId, f.assignmentIds.join()])).toEqual(
      expect.arrayContaining([['aml.10-4.normal-day', 'e1']]),
    );
    expect(r.findings.filter((f) => f.assignmentIds.includes('m1'))).toEqual([]);
  });

  // Ruling 19 (docs/legal/19-medlever.md): inside a medlever stint the regulation's own limits
  // replace AML's, the 35-hour weekly rest included: a 6-week average allows 12 days on in a row.
  it('the AML weekly rest (§ 10-8 (2)) is not checked inside a stint: twelve døgn in a row are lawful', async () => {
    const twelve = Array.from({ length: 12 }, (_, i) =>
      new Date(Date.parse('2025-03-03T00:00:00Z') + i * 86_400_000).toISOString().slice(0, 10),
    );
    const r = await med({ periods: stint(twelve, LAWFUL_DAY) });
    expect(findingsOf(r, 'aml.10-8.weekly-rest')).toEqual([]);
    // The same days as ordinary work break the weekly rest in both weeks.
    const ordinary = await med({ periods: stint(twelve, LAWFUL_DAY), regime: 'aml' });
    expect(findingsOf(ordinary, 'aml.10-8.weekly-rest', 'violation').length).toBeGreaterThanOrEqual(1);
  });

  it('the regulation is in force from 1 July 2005: the same døgn in June 2005 is not judged by it', async () => {
    expect(rest(await med({ periods: [doegn('2005-06-15', 1)] }))).toEqual([]);
    expect(rest(await med({ periods: [doegn('2005-07-15', 1)] })).length).toBeGreaterThan(0);
  });
});

describe('med.3.daily-rest: in each 24 h a rest of 8 h within 22–08 and another of 2 h (§ 3)', () => {
  const days = ['2025-03-04', '2025-03-05'];

  // Table moved to rules/med/3-daily-rest.cases.yaml (test/rules/cases.test.ts).

  it('the night finding says what is missing: the night, its length and the work in it', async () => {
    const periods: Row[] = [
      ...stint(
        ['2025-03-04'],
        [
          ['07:00', '13:00'],
          ['15:00', '23:00'],
          ['23:00', '23:59'],
        ],
      ),
      ['2025-03-04T23:59', '2025-03-05T07:00', 6],
    ];
    const [f] = findingsOf(await med({ periods }), 'med.3.daily-rest', 'violation');
    expect(f).toMatchObject({
      citation: 'forskrift om arbeidstid i institusjoner som har medleverordninger § 3 første ledd',
      window: { start: '2025-03-04T22:00:00+01:00', end: '2025-03-05T08:00:00+01:00' },
      reading: 'fixed-day-frame',
      details: { nightHours: 10, workInNightHours: 9 },
      curedBy: ['med-3-tariff-rest'],
      assignmentIds: ['m1'],
    });
    expect(f!.message.nb).toContain('mellom kl. 22 og 08 er 1 timer');
  });

  it('the night rest is not cut at the day boundary; with the day boundary at 08:00 the verdicts are the same', async () => {
    const frames = { dayStart: '08:00' };
    const three = ['2025-03-04', '2025-03-05', '2025-03-06'];
    expect(rest(await med({ periods: stint(three, LAWFUL_DAY), frames }))).toEqual([]);
    expect(
      rest(
        await med({
          periods: stint(days, [
            ['07:00', '13:00'],
            ['15:00', '23:01'],
          ]),
          frames,
        }),
      ),
    ).toEqual([{ start: '2025-03-04T22:00:00+01:00', measured: 7.98, limit: 8 }]);
    // 16 h days fail in both frames either way (from 00:00: 1 h each; from 08:00: no second rest in
    // the first døgn, 1 h before the free night in the second).
    expect(
      rest(await med({ periods: stint(days, [['07:00', '23:00']]), frames })).map((f) => [f.start, f.measured]),
    ).toEqual([
      ['2025-03-04T08:00:00+01:00', 0],
      ['2025-03-05T08:00:00+01:00', 1],
    ]);
  });

  it('one continuous rest of 8 + 2 h holds both rests: 08–22 work with 22–08 off passes, 08–22:01 does not (either day boundary)', async () => {
    for (const frames of [undefined, { dayStart: '08:00' }]) {
      expect(rest(await med({ periods: stint(days, [['08:00', '22:00']]), ...(frames ? { frames } : {}) }))).toEqual(
        [],
      );
      const over = rest(await med({ periods: stint(days, [['08:00', '22:01']]), ...(frames ? { frames } : {}) }));
      expect(over.map((f) => f.measured)).toContain(1.98);
    }
  });

  describe('a tariff agreement on another rest arrangement (med-3-tariff-rest): at least 10 h in all (§ 3 (3))', () => {
    const tariff = [{ type: 'med-3-tariff-rest' as const }];
    // 08–12 work, 12–16 off, 16–02 work, 02–08 off: 4 h in the day and 6 h at night = 10 h on 5 March.
    const split = (night = '02:00'): Row[] => [
      ['2025-03-04T08:00', '2025-03-04T12:00'],
      ['2025-03-04T16:00', `2025-03-05T${night}`],
      ['2025-03-05T08:00', '2025-03-05T12:00'],
      ['2025-03-05T16:00', '2025-03-06T02:00'],
      ['2025-03-06T08:00', '2025-03-06T12:00'],
    ];

    it('without the agreement 6 h at night fails; with it 10 h in all passes, lawful only by the agreement (info)', async () => {
      expect(rest(await med({ periods: split() }))).toEqual([
        { start: '2025-03-04T22:00:00+01:00', measured: 6, limit: 8 },
        { start: '2025-03-05T22:00:00+01:00', measured: 6, limit: 8 },
      ]);
      const r = await med({ periods: split(), agreements: tariff });
      expect(rest(r)).toEqual([]);
      expect(findingsOf(r, 'med.3.daily-rest', 'info').map((f) => [f.measured, f.limit, f.appliedAgreements])).toEqual([
        [6, 0, ['med-3-tariff-rest']],
      ]);
    });

    it('one minute less than 10 h fails against 10', async () => {
      expect(rest(await med({ periods: split('02:01'), agreements: tariff }))).toEqual([
        { start: '2025-03-05T00:00:00+01:00', measured: 9.98, limit: 10 },
      ]);
    });

    it('free periods under 2 h are not time off and do not count toward the 10 h', async () => {
      // 5 March: off 02–08 (6 h), 12:00–13:30 (1.5 h: not time off), 14–16 (2 h), 23–24 (1 h of the
      // rest after the stint): 9 h counted; with the 1.5 h it would be 10.5.
      const periods: Row[] = [
        ['2025-03-04T16:00', '2025-03-05T02:00'],
        ['2025-03-05T08:00', '2025-03-05T12:00'],
        ['2025-03-05T13:30', '2025-03-05T14:00'],
        ['2025-03-05T16:00', '2025-03-05T23:00'],
      ];
      const found = findingsOf(await med({ periods, agreements: tariff }), 'med.3.daily-rest', 'violation');
      expect(
        found.map((f) => ({ start: f.window.start, measured: f.measured, limit: f.limit, details: f.details })),
      ).toEqual([
        {
          start: '2025-03-05T00:00:00+01:00',
          measured: 9,
          limit: 10,
          details: { restPeriods: 3, uncountedRestHours: 1.5 },
        },
      ]);
    });
  });
});
