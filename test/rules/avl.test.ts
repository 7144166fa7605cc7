// The avlaster regulation (FOR-2017-06-25-1052) at its boundaries: at the limit, one minute over,
// across midnight and the week boundary, and across both DST weekends.
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/schema.ts';
import { check, findingsOf, type OnePersonRota } from '../support/rota.ts';

const respite = (
  periods: OnePersonRota['periods'],
  agreements: OnePersonRota['agreements'] = [],
  more?: OnePersonRota['more'],
) => check({ kind: 'respite-carer-home', contract: 'arbeidsavtale', periods, agreements, ...(more ? { more } : {}) });
// The rules the regulation displaces or adds (night and Sunday work stay under AML and are not asked about here).
const DISPLACED = /^(aml\.10-4\.|aml\.10-5\.|aml\.10-6\.|aml\.10-8\.(daily|weekly)-rest|avl\.)/;
const ids = (r: Report, severity: 'violation' | 'warning' | 'info' = 'violation') =>
  [
    ...new Set(r.findings.filter((f) => f.severity === severity && DISPLACED.test(f.ruleId)).map((f) => f.ruleId)),
  ].sort();
const AVL4 = [{ type: 'avl-4-60h' as const }];

describe('scope: the regulation replaces the AML limits for respite only with its written agreement', () => {
  it('a 48 h weekend stay without an agreement breaks AML; with avl-4-60h the AML limits yield and nothing is broken', async () => {
    const stay: OnePersonRota['periods'] = [['2025-03-07T16:00', '2025-03-09T16:00']];
    const alone = await respite(stay);
    expect(ids(alone)).toEqual(['aml.10-6.overtime-week', 'aml.10-6.total-day', 'aml.10-8.daily-rest']);
    // Hours over § 10-4 are planned overtime: warnings (docs/legal/13-planned-overtime.md).
    expect(ids(alone, 'warning')).toEqual(['aml.10-4.normal-day', 'aml.10-4.normal-week']);
    const withAgreement = await respite(stay, AVL4);
    expect(ids(withAgreement)).toEqual([]);
    // The auditor's trail: the AML day limit held only because the regulation took over.
    expect(findingsOf(withAgreement, 'aml.10-4.normal-day', 'info')[0]).toMatchObject({
      appliedAgreements: ['avl-4-60h'],
    });
  });

  it('AML findings on a respite window name the avlaster agreement that would take it over and pass it', async () => {
    const [f] = findingsOf(
      await respite([['2025-03-07T16:00', '2025-03-09T16:00']]),
      'aml.10-4.normal-week',
      'warning',
    );
    expect(f!.curedBy).toContain('avl-4-60h');
    // § 12 takes over only stays longer than 48 hours; this one is not, so § 12 would not help.
    expect(f!.curedBy).not.toContain('avl-12-extended-stay');
    const [long] = findingsOf(
      await respite([['2025-03-07T16:00', '2025-03-10T08:00']]),
      'aml.10-4.normal-week',
      'warning',
    );
    expect(long!.curedBy).toEqual(expect.arrayContaining(['avl-12-extended-stay']));
  });

  it('a 2016 stay is judged by AML alone, agreement or not (the regulation took effect 2017-07-01)', async () => {
    const r = await respite([['2016-03-04T16:00', '2016-03-06T16:00']], AVL4);
    expect(ids(r)).toContain('aml.10-6.total-day');
    expect(ids(r, 'warning')).toContain('aml.10-4.normal-day');
    expect(findingsOf(r, 'aml.10-4.normal-week', 'warning')[0]!.curedBy).not.toContain('avl-4-60h');
  });

  it('support contact work is not respite: avl-4-60h does not lift AML for it', async () => {
    const r = await check({
      kind: 'support-contact',
      contract: 'arbeidsavtale',
      periods: [['2025-03-05T08:00', '2025-03-05T22:00']],
      agreements: AVL4,
    });
    expect(ids(r)).toContain('aml.10-6.total-day');
    expect(ids(r, 'warning')).toContain('aml.10-4.normal-day');
  });
});

describe('avl.4: 88 hours in a calendar week, 60 hours averaged over fixed 6-week blocks', () => {
  // Four 22-hour stays in one week = 88 h.
  const week = (lastEnd: string): OnePersonRota['periods'] => [
    ['2025-03-03T08:00', '2025-03-04T06:00'],
    ['2025-03-05T08:00', '2025-03-06T06:00'],
    ['2025-03-07T08:00', '2025-03-08T06:00'],
    ['2025-03-09T00:00', `2025-03-09T${lastEnd}`],
  ];
  it('88 h exactly passes, 88 h 01 min fails', async () => {
    const at = await respite(week('22:00'), AVL4);
    expect(findingsOf(at, 'avl.4.week-88')).toEqual([]);
    const over = await respite([...week('22:00').slice(0, 3), ['2025-03-09T00:00', '2025-03-09T22:01']], AVL4);
    expect(findingsOf(over, 'avl.4.week-88', 'violation')).toEqual([
      expect.objectContaining({
        measured: 88.02,
        limit: 88,
        window: { start: '2025-03-03T00:00:00+01:00', end: '2025-03-10T00:00:00+01:00' },
      }),
    ]);
  });

  it('a stay across the week boundary counts in each calendar week with the hours that fall in it', async () => {
    const r = await respite([...week('22:00').slice(0, 3), ['2025-03-09T00:00', '2025-03-10T06:00']], AVL4);
    expect(findingsOf(r, 'avl.4.week-88', 'violation').map((f) => f.measured)).toEqual([90]);
  });

  const sixWeeks = (extraMinutes: number): OnePersonRota['periods'] => {
    const out: OnePersonRota['periods'] = [];
    for (let w = 0; w < 6; w++) {
      const fri = new Date(Date.UTC(2025, 0, 10 + 7 * w)).toISOString().slice(0, 10);
      const sun = new Date(Date.UTC(2025, 0, 12 + 7 * w)).toISOString().slice(0, 10);
      const wed = new Date(Date.UTC(2025, 0, 8 + 7 * w)).toISOString().slice(0, 10);
      out.push([`${fri}T16:00`, `${sun}T16:00`]); // 48 h
      const end = w === 0 && extraMinutes ? `20:0${extraMinutes}` : '20:00';
      out.push([`${wed}T08:00`, `${wed}T${end}`]); // 12 h
    }
    return out;
  };
  it('60 h a week over a 6-week block passes; six more minutes in the block fails (60.02)', async () => {
    const opts = {
      kind: 'respite-carer-home' as const,
      contract: 'arbeidsavtale' as const,
      agreements: AVL4,
      frames: { referenceDate: '2025-01-06' } as never,
    };
    expect(findingsOf(await check({ ...opts, periods: sixWeeks(0) }), 'avl.4.average-60')).toEqual([]);
    const [f] = findingsOf(await check({ ...opts, periods: sixWeeks(6) }), 'avl.4.average-60', 'violation');
    expect(f).toMatchObject({ measured: 60.02, limit: 60, details: { weeksInBlock: 6, blockWeeks: 6 } });
  });
});

describe('avl.6: pure respite stays over 48 h (secondary source): warning to 56 h, violation above', () => {
  // Table moved to rules/avl/6-continuous.cases.yaml (test/rules/cases.test.ts).

  it('the finding carries the secondary-source confidence', async () => {
    const [f] = findingsOf(await respite([['2025-03-07T16:00', '2025-03-10T08:00']], AVL4), 'avl.6.continuous');
    // The citation and message say what was read and what was not: § 6 from secondary sources, § 10's ceiling.
    expect(f).toMatchObject({
      confidence: 'secondary',
      citation:
        'forskrift om arbeidstid for avlastere § 6 (etter sekundærkilder, teksten er ikke lest) og § 10 (taket på 56 timer)',
      curedBy: ['avl-12-extended-stay'],
    });
    expect(f!.message.nb).toContain('teksten i § 6 er ikke lest');
    expect(f!.message.en).toContain('the text of § 6 was not read');
  });
});

describe('avl.7: shorter daily rest after a respite period of at most 16 h, by agreement', () => {
  const shifts = (firstEnd: string, nextStart: string): OnePersonRota['periods'] => [
    ['2025-03-05T08:00', `2025-03-05T${firstEnd}`],
    [`2025-03-06T${nextStart}`, '2025-03-06T18:00'],
  ];
  it('without the agreement a 10 h rest breaks AML daily rest, and avl-7 is named as a cure', async () => {
    const [f] = findingsOf(await respite(shifts('20:00', '06:00')), 'aml.10-8.daily-rest', 'violation');
    expect(f!.curedBy).toContain('avl-7-reduced-daily-rest');
  });
  it('with it, AML yields and a warning asks for the compensatory rest', async () => {
    const r = await respite(shifts('20:00', '06:00'), [{ type: 'avl-7-reduced-daily-rest' }]);
    expect(findingsOf(r, 'aml.10-8.daily-rest', 'violation')).toEqual([]);
    expect(findingsOf(r, 'avl.7.reduced-daily-rest', 'warning').map((f) => f.measured)).toEqual([10]);
  });
  it('11 h rest needs nothing; a first period of 16 h 01 min is not covered by § 7', async () => {
    expect(
      findingsOf(
        await respite(shifts('19:00', '06:00'), [{ type: 'avl-7-reduced-daily-rest' }]),
        'avl.7.reduced-daily-rest',
      ),
    ).toEqual([]);
    const long: OnePersonRota['periods'] = [
      ['2025-03-05T04:59', '2025-03-05T21:00'],
      ['2025-03-06T06:00', '2025-03-06T10:00'],
    ];
    const r = await respite(long, [{ type: 'avl-7-reduced-daily-rest' }]);
    expect(findingsOf(r, 'avl.7.reduced-daily-rest')).toEqual([]);
    expect(findingsOf(r, 'aml.10-8.daily-rest', 'violation')).toHaveLength(1);
  });
});

describe('avl.8: 16 h rest immediately before or after a work period over 16 h', () => {
  it('16 h before and after: nothing', async () => {
    const r = await respite(
      [
        ['2025-03-06T08:00', '2025-03-07T00:00'],
        ['2025-03-07T16:00', '2025-03-09T16:00'],
        ['2025-03-10T08:00', '2025-03-10T12:00'],
      ],
      AVL4,
    );
    expect(findingsOf(r, 'avl.8.rest-16')).toEqual([]);
  });
  it('15 h 59 min on both sides: a violation', async () => {
    const r = await respite(
      [
        ['2025-03-06T08:00', '2025-03-07T00:01'],
        ['2025-03-07T16:00', '2025-03-09T16:00'],
        ['2025-03-10T07:59', '2025-03-10T12:00'],
      ],
      AVL4,
    );
    expect(findingsOf(r, 'avl.8.rest-16', 'violation')).toEqual([
      expect.objectContaining({
        measured: 15.98,
        limit: 16,
        details: expect.objectContaining({ restBeforeHours: 15.9833, restAfterHours: 15.9833 }),
      }),
    ]);
  });
  it('16 h on one side only: lawful on the text, a warning for the "before and after" reading', async () => {
    const r = await respite(
      [
        ['2025-03-06T08:00', '2025-03-07T00:00'],
        ['2025-03-07T16:00', '2025-03-09T16:00'],
        ['2025-03-10T06:00', '2025-03-10T12:00'],
      ],
      AVL4,
    );
    expect(findingsOf(r, 'avl.8.rest-16', 'violation')).toEqual([]);
    expect(findingsOf(r, 'avl.8.rest-16', 'warning').map((f) => f.measured)).toEqual([14]);
  });
});

describe('avl.10: respite combined with other work in the same undertaking', () => {
  const job = { job: { kind: 'employment' as const, contract: 'arbeidsavtale' as const } };
  const combined = (jobStart: string, stayEnd = '2025-03-09T16:00') =>
    respite(
      [
        [`2025-03-07T${jobStart}`, '2025-03-07T16:00', 'job'],
        ['2025-03-07T16:00', stayEnd],
      ],
      AVL4,
      job,
    );
  it('8 h job + 48 h stay = 56 h with 8 h other work: lawful', async () => {
    const r = await combined('08:00');
    expect(findingsOf(r, 'avl.10.combined-continuous')).toEqual([]);
    expect(findingsOf(r, 'avl.10.other-work-share')).toEqual([]);
  });
  it('one minute more of job: 56 h 01 min continuous and 8 h 01 min other work in a period over 48 h', async () => {
    const r = await combined('07:59');
    expect(findingsOf(r, 'avl.10.combined-continuous', 'violation').map((f) => f.measured)).toEqual([56.02]);
    expect(findingsOf(r, 'avl.10.other-work-share', 'violation').map((f) => [f.measured, f.limit])).toEqual([
      [8.02, 8],
    ]);
  });
  it('exactly 48 h in all: up to 16 h other work is allowed', async () => {
    const ok = await respite(
      [
        ['2025-03-07T00:00', '2025-03-07T16:00', 'job'],
        ['2025-03-07T16:00', '2025-03-09T00:00'],
      ],
      AVL4,
      job,
    );
    expect(findingsOf(ok, 'avl.10.other-work-share')).toEqual([]);
    const over = await respite(
      [
        ['2025-03-06T23:59', '2025-03-07T16:00', 'job'],
        ['2025-03-07T16:00', '2025-03-09T00:00'],
      ],
      AVL4,
      job,
    );
    // 48 h 01 min in all: the 8-hour limit for periods over 48 h now applies to 16 h 01 min
    expect(findingsOf(over, 'avl.10.other-work-share', 'violation').map((f) => [f.measured, f.limit])).toEqual([
      [16.02, 8],
    ]);
  });
  it('§ 5: the other post may not pass AML § 10-4 on a respite day: 9 h passes, 9 h 01 fails', async () => {
    const day = (end: string) =>
      respite(
        [
          ['2025-03-07T06:00', `2025-03-07T${end}`, 'job'],
          ['2025-03-07T17:00', '2025-03-08T12:00'],
        ],
        AVL4,
        job,
      );
    expect(findingsOf(await day('15:00'), 'avl.5.other-position')).toEqual([]);
    expect(findingsOf(await day('15:01'), 'avl.5.other-position', 'violation').map((f) => f.measured)).toEqual([9.02]);
  });
});

describe('avl.11: weekly rest down to 24 h by written agreement', () => {
  const week = (restEnd: string): OnePersonRota['periods'] => [
    ['2025-03-03T00:00', '2025-03-05T00:00'],
    [`2025-03-06T${restEnd}`, '2025-03-08T00:00'],
    ['2025-03-08T12:00', '2025-03-10T00:00'],
  ];
  it('24 h off passes with the agreement, 23 h 59 min fails; without it 35 h applies', async () => {
    const agr = [{ type: 'avl-11-weekly-rest-24h' as const }, ...AVL4];
    expect(findingsOf(await respite(week('00:00'), agr), 'avl.11.weekly-rest-24')).toEqual([]);
    expect(findingsOf(await respite(week('00:00'), agr), 'aml.10-8.weekly-rest', 'violation')).toEqual([]);
    expect(
      findingsOf(
        await respite([['2025-03-03T00:00', '2025-03-05T00:01'], ...week('00:00').slice(1)], agr),
        'avl.11.weekly-rest-24',
        'violation',
      ).map((f) => f.measured),
    ).toEqual([23.98]);
    expect(
      findingsOf(await respite(week('00:00'), AVL4), 'aml.10-8.weekly-rest', 'violation').map((f) => [
        f.measured,
        f.limit,
      ]),
    ).toEqual([[24, 35]]);
  });
});

describe('avl.12: a stay of up to one week by written agreement (from 2019-06-01)', () => {
  const agr = (params?: Record<string, boolean>) => [
    { type: 'avl-12-extended-stay' as const, ...(params ? { params } : {}) },
  ];
  it('168 h exactly passes and the AML and §§ 4–10 limits yield; 168 h 01 min fails', async () => {
    const r = await respite([['2025-07-05T12:00', '2025-07-12T12:00']], agr({ notVeryBurdensome: true }));
    expect(ids(r)).toEqual([]);
    const over = await respite([['2025-07-05T12:00', '2025-07-12T12:01']], agr({ notVeryBurdensome: true }));
    expect(findingsOf(over, 'avl.12.extended-stay', 'violation').map((f) => f.measured)).toEqual([168.02]);
  });
  it('a week across the autumn DST change is 169 elapsed hours and fails; across the spring change 167 and passes', async () => {
    const autumn = await respite([['2025-10-20T12:00', '2025-10-27T12:00']], agr({ notVeryBurdensome: true }));
    expect(findingsOf(autumn, 'avl.12.extended-stay', 'violation').map((f) => f.measured)).toEqual([169]);
    const spring = await respite([['2025-03-24T12:00', '2025-03-31T12:00']], agr({ notVeryBurdensome: true }));
    expect(findingsOf(spring, 'avl.12.extended-stay', 'violation')).toEqual([]);
  });
  it('without a statement that the stay is not very burdensome, a warning asks for the human judgement', async () => {
    const r = await respite([['2025-07-05T12:00', '2025-07-10T12:00']], agr());
    expect(findingsOf(r, 'avl.12.extended-stay', 'warning').map((f) => f.title.en)).toContain(
      'The agreement does not say the stay is not very burdensome',
    );
  });
  it('a short rest after the stay is a warning; a 2018 stay is not covered (§ 12 from 2019-06-01)', async () => {
    const r = await respite(
      [
        ['2025-07-05T12:00', '2025-07-10T12:00'],
        ['2025-07-11T08:00', '2025-07-11T16:00'],
      ],
      agr({ notVeryBurdensome: true }),
    );
    expect(findingsOf(r, 'avl.12.extended-stay', 'warning').map((f) => f.measured)).toEqual([20]);
    const old = await respite([['2018-07-05T12:00', '2018-07-10T12:00']], agr({ notVeryBurdensome: true }));
    expect(ids(old)).toContain('aml.10-6.total-day');
  });
});

// Ruling 16 (docs/legal/16-combined-work.md): one municipality is one undertaking. § 10 is checked on
// every respite period joined to other work, with or without a § 4 agreement; § 12 is excluded when
// there is other work during the stay and never lifts an AML rest rule on a combined period; a § 12
// stay past its week is judged by §§ 4–10 again.
describe('combined work (avlaster §§ 5, 10, 12)', () => {
  const job = { job: { kind: 'employment' as const } };
  const S12 = { type: 'avl-12-extended-stay' as const, params: { notVeryBurdensome: true } };

  it('§ 10 is checked without a § 4 agreement: a day job joined to a weekend stay is one 60-hour combined period over 56', async () => {
    const r = await respite(
      [
        ['2025-03-07T08:00', '2025-03-07T15:00', 'job'],
        ['2025-03-07T16:00', '2025-03-09T20:00'],
      ],
      [],
      job,
    );
    expect(findingsOf(r, 'avl.10.combined-continuous', 'violation').map((f) => [f.measured, f.limit])).toEqual([
      [60, 56],
    ]);
    // 56 h exactly passes.
    const at = await respite(
      [
        ['2025-03-07T08:00', '2025-03-07T15:00', 'job'],
        ['2025-03-07T16:00', '2025-03-09T16:00'],
      ],
      [],
      job,
    );
    expect(findingsOf(at, 'avl.10.combined-continuous')).toEqual([]);
  });

  it('across the autumn DST weekend the combined period counts elapsed hours (57 h: over 56)', async () => {
    const r = await respite(
      [
        ['2025-10-24T08:00', '2025-10-24T15:00', 'job'],
        ['2025-10-24T16:00', '2025-10-26T16:00'],
      ],
      [],
      job,
    );
    expect(findingsOf(r, 'avl.10.combined-continuous', 'violation').map((f) => f.measured)).toEqual([57]);
  });

  it('§ 12 is excluded when there is other work during the stay, and never lifts the AML daily rest on the combined period', async () => {
    const r = await respite(
      [
        ['2025-07-05T12:00', '2025-07-10T12:00'],
        ['2025-07-10T13:00', '2025-07-10T17:00', 'job'],
      ],
      [S12],
      job,
    );
    expect(findingsOf(r, 'avl.12.extended-stay')).toEqual([]);
    expect(findingsOf(r, 'aml.10-8.daily-rest', 'violation')).toHaveLength(1);
    expect(findingsOf(r, 'avl.10.combined-continuous', 'violation').map((f) => f.measured)).toEqual([125]);
    // The same stay with nothing joined to it is taken over by § 12 and lawful.
    const pure = await respite([['2025-07-05T12:00', '2025-07-10T12:00']], [S12]);
    expect(findingsOf(pure, 'aml.10-8.daily-rest', 'violation')).toEqual([]);
    expect(ids(pure)).toEqual([]);
  });

  it('a § 12 stay past its week (170 h) is judged by §§ 4–10 again, and they are reported', async () => {
    const r = await respite([['2025-07-05T12:00', '2025-07-12T14:00']], [S12, ...AVL4]);
    expect(ids(r)).toEqual(expect.arrayContaining(['avl.12.extended-stay', 'avl.6.continuous', 'avl.4.week-88']));
    // One week exactly stays with § 12 alone.
    const week = await respite([['2025-07-05T12:00', '2025-07-12T12:00']], [S12, ...AVL4]);
    expect(ids(week)).toEqual([]);
  });
});
