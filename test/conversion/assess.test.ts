// The conversion assessment: for each oppdrag, the first tier of agreements under which the schedule
// is lawful as employment, the agreements it needs, and verified restructurings.
import { describe, expect, it } from 'vitest';
import { assessConversions, type Evaluator } from '../../src/conversion/assess.ts';
import { restructurings } from '../../src/conversion/restructure.ts';
import { evaluate } from '../../src/engine/evaluate.ts';
import type { Conversion } from '../../src/report/schema.ts';
import { validateRotaDocument } from '../../src/rota/load.ts';
import { defaultRuleBook } from '../../src/rules/load.ts';
import { buildTimeline } from '../../src/timeline/build.ts';

type Period = [string, string, string?];
function rota(periods: Period[], extra: { indicators?: object; pay?: object; job?: boolean; kind?: string } = {}) {
  return validateRotaDocument({
    version: 1,
    workers: [{ id: 'w1' }],
    assignments: [
      {
        id: 'stay',
        workerId: 'w1',
        kind: extra.kind ?? 'respite-carer-home',
        contract: 'oppdrag',
        ...(extra.indicators ? { indicators: extra.indicators } : {}),
        ...(extra.pay ? { pay: extra.pay } : {}),
      },
      ...(extra.job ? [{ id: 'job', workerId: 'w1', kind: 'employment', contract: 'arbeidsavtale' }] : []),
    ],
    periods: periods.map(([start, end, assignmentId]) => ({ assignmentId: assignmentId ?? 'stay', start, end })),
  });
}
const conversionOf = async (r: ReturnType<typeof rota>): Promise<Conversion & Record<string, unknown>> =>
  (await evaluate(r)).conversions.find((c) => c.assignmentId === 'stay') as never;

const weekends48: Period[] = [
  ['2025-01-10T16:00', '2025-01-12T16:00'],
  ['2025-02-07T16:00', '2025-02-09T16:00'],
  ['2025-03-07T16:00', '2025-03-09T16:00'],
];

describe('conversion verdicts', () => {
  it('a monthly 48-hour weekend stay is convertible with a written agreement under avlasterforskriften § 4', async () => {
    const c = await conversionOf(rota(weekends48));
    expect(c).toMatchObject({
      verdict: 'convertible-with-agreement',
      requiredAgreements: ['avl-4-60h'],
      blockingRuleIds: [],
    });
    expect(c.employment).toMatchObject({ likelihood: 'high' });
  });

  it('a Friday 16:00 to Monday 08:00 stay needs § 12 or a split, and the split and the 48-hour cut are verified suggestions', async () => {
    const c = await conversionOf(
      rota([
        ['2025-01-10T16:00', '2025-01-13T08:00'],
        ['2025-02-07T16:00', '2025-02-10T08:00'],
      ]),
    );
    expect(c).toMatchObject({ verdict: 'convertible-with-agreement', requiredAgreements: ['avl-12-extended-stay'] });
    expect(c.suggestions).toEqual([
      expect.stringMatching(
        /^Del de 2 lange oppholdene mellom to avlastere, med overlevering etter 48 timer \(søn\. 12\.01\.2025 16:00, søn\. 09\.02\.2025 16:00\)/,
      ),
      expect.stringMatching(/^Avslutt hvert lange opphold etter 48 timer/),
    ]);
    expect(c.suggestionDetails).toEqual([
      expect.objectContaining({ verdictAfter: 'convertible-with-agreement' }),
      expect.objectContaining({ verdictAfter: 'convertible-with-agreement' }),
    ]);
  });

  it('the restructurings cut a stay where the rule book puts the longest pure stay (§ 6), not at a number of their own', async () => {
    const stays = rota([['2025-01-10T16:00', '2025-01-13T08:00']]);
    const timeline = buildTimeline(stays);
    const stay = stays.assignments[0]!;
    const book = defaultRuleBook();
    const owner = book.files.find((f) => f.parameters.maxContinuousRespiteHours)!;
    const shorter = {
      ...book,
      files: book.files.map((f) =>
        f === owner
          ? {
              ...f,
              parameters: {
                ...f.parameters,
                maxContinuousRespiteHours: {
                  ...f.parameters.maxContinuousRespiteHours!,
                  values: [{ since: '2017-07-01', value: 40 }],
                },
              },
            }
          : f,
      ),
    };
    expect(restructurings(stays, stay, timeline, book)[1]!.nb).toMatch(
      /^Avslutt oppholdet etter 48 timer \(søn\. 12\.01\.2025 16:00\)/,
    );
    const cut = restructurings(stays, stay, timeline, shorter)[1]!;
    expect(cut.nb).toMatch(/^Avslutt oppholdet etter 40 timer \(søn\. 12\.01\.2025 08:00\)/);
    expect(cut.rota.periods[0]!.end).toBe('2025-01-12T08:00:00+01:00');
    // Before the regulation (1 July 2017) there is no longest pure stay to cut at.
    const early = rota([['2016-01-08T16:00', '2016-01-11T08:00']]);
    expect(restructurings(early, early.assignments[0]!, buildTimeline(early), book)).toEqual([]);
  });

  it('a stay of more than a week is not convertible: § 12 reaches one week; splitting it is the way', async () => {
    const c = await conversionOf(rota([['2025-07-04T16:00', '2025-07-12T16:00']]));
    expect(c.verdict).toBe('not-convertible');
    expect(c.blockingRuleIds).toContain('avl.12.extended-stay');
    expect(c.suggestions[0]).toMatch(/^Del oppholdet mellom to avlastere/);
  });

  it('a support contact with 12 hours a month in 3–4 hour visits is convertible as it stands', async () => {
    const visits: Period[] = [
      ['2025-03-04T16:00', '2025-03-04T19:00'],
      ['2025-03-11T16:00', '2025-03-11T20:00'],
      ['2025-03-18T16:00', '2025-03-18T19:00'],
      ['2025-03-29T11:00', '2025-03-29T13:00'],
    ];
    const c = await conversionOf(rota(visits, { kind: 'support-contact' }));
    expect(c).toMatchObject({ verdict: 'convertible', requiredAgreements: [], blockingRuleIds: [], suggestions: [] });
  });

  it('a carer with a full-time day job and a weekend stay from Friday 16:00: weekly rest fails even at 24 h; moving the Friday shift makes it convertible', async () => {
    const job: Period[] = ['03', '04', '05', '06', '07'].map((d) => [
      `2025-03-${d}T08:00`,
      `2025-03-${d}T16:00`,
      'job',
    ]);
    const c = await conversionOf(rota([...job, ['2025-03-07T16:00', '2025-03-09T16:00']], { job: true }));
    expect(c.verdict).toBe('needs-collective-agreement');
    expect(c.blockingRuleIds).toEqual(['avl.11.weekly-rest-24']);
    // avl-4-60h takes the stay; the weekly rest must come from an agreement that states its own limit.
    expect(c.requiredAgreements).toEqual(['avl-4-60h', 'arbeidstilsynet-consent', 'aml-10-12-4-union-agreement']);
    expect(c.suggestions).toEqual([
      expect.stringMatching(/^La en annen ta vakten i den andre stillingen \(fre\. 07\.03\.2025 08:00–16:00\)/),
    ]);
  });
});

describe('hours, cost and employment indicators', () => {
  it('hours worked as employment against hours paid by døgnsats, and the cost difference', async () => {
    const c = await conversionOf(
      rota(weekends48, { pay: { hoursPerDay: 12, hourlyWage: 300, todayRatePerHour: 250 } }),
    );
    expect(c.hours).toEqual({ asEmployment: 144, paidToday: 72 });
    expect(c.cost).toEqual({ asEmployment: 43_200, today: 18_000, difference: 25_200, currency: 'NOK' });
  });

  it('an invoicing carer with her own business and several principals is less likely an employee; the reasons are given', async () => {
    const c = await conversionOf(
      rota([['2025-03-07T16:00', '2025-03-09T16:00']], {
        indicators: { ownBusiness: true, principals: 4, payForm: 'invoice', decidesTimes: 'carer' },
      }),
    );
    expect(c.employment).toMatchObject({ likelihood: 'low' });
    expect(
      (c.employment as { reasons: Array<{ points: string }> }).reasons.filter((r) => r.points === 'independent'),
    ).toHaveLength(4);
  });
});

describe('each worker is assessed on their own part of the rota', () => {
  // w1: a day job and two oppdrag with long stays; w0 and w2 work in between, so w1's periods are
  // not contiguous in the file (the restructurings index the worker's own periods).
  const w1: Array<[string, string, string]> = [
    ['job', '2025-03-03T08:00', '2025-03-03T16:00'],
    ['stay', '2025-03-07T16:00', '2025-03-10T08:00'],
    ['job', '2025-03-07T08:00', '2025-03-07T16:00'],
    ['visit', '2025-03-12T16:00', '2025-03-12T19:00'],
    ['stay', '2025-04-04T16:00', '2025-04-07T08:00'],
    ['job', '2025-04-04T08:00', '2025-04-04T16:00'],
  ];
  const w1Doc = {
    workers: [{ id: 'w1' }],
    assignments: [
      { id: 'job', workerId: 'w1', kind: 'employment', contract: 'arbeidsavtale' },
      {
        id: 'stay',
        workerId: 'w1',
        kind: 'respite-carer-home',
        contract: 'oppdrag',
        pay: { hoursPerDay: 12, hourlyWage: 300 },
      },
      { id: 'visit', workerId: 'w1', kind: 'support-contact', contract: 'oppdrag' },
    ],
  };
  const period = ([assignmentId, start, end]: [string, string, string]) => ({
    assignmentId,
    start,
    end,
    ...(assignmentId === 'stay' ? { passiveHours: 20 } : {}),
  });
  const alone = validateRotaDocument({ version: 1, ...w1Doc, periods: w1.map(period) });
  const others = (i: number) => [
    { assignmentId: 'w0-stay', start: `2025-0${3 + (i % 2)}-1${i}T16:00`, end: `2025-0${3 + (i % 2)}-1${i + 2}T16:00` },
    { assignmentId: 'w2-job', start: `2025-03-0${i + 1}T07:00`, end: `2025-03-0${i + 1}T15:00` },
  ];
  const together = validateRotaDocument({
    version: 1,
    workers: [{ id: 'w0' }, ...w1Doc.workers, { id: 'w2' }],
    assignments: [
      { id: 'w0-stay', workerId: 'w0', kind: 'respite-carer-home', contract: 'oppdrag' },
      ...w1Doc.assignments,
      { id: 'w2-job', workerId: 'w2', kind: 'employment', contract: 'arbeidsavtale' },
    ],
    periods: w1.flatMap((p, i) => [...others(i), period(p)]),
    agreements: [{ type: 'avl-4-60h', workerId: 'w0' }],
  });

  it('gives the same verdicts, handover times and suggestions as the worker alone', async () => {
    const mine = (await evaluate(alone)).conversions;
    const amongOthers = (await evaluate(together)).conversions;
    expect(mine.map((c) => c.assignmentId)).toEqual(['stay', 'visit']);
    expect(amongOthers.filter((c) => c.assignmentId !== 'w0-stay')).toEqual(mine);
    const stay = mine.find((c) => c.assignmentId === 'stay')!;
    expect(stay.suggestions).toEqual([
      expect.stringMatching(
        /^Del de 2 lange oppholdene mellom to avlastere, med overlevering etter 48 timer \(søn\. 09\.03\.2025 16:00, søn\. 06\.04\.2025 16:00\)/,
      ),
      expect.stringMatching(/^Avslutt hvert lange opphold etter 48 timer/),
      expect.stringMatching(
        /^La en annen ta vaktene i den andre stillingen \(fre\. 07\.03\.2025 08:00–16:00, fre\. 04\.04\.2025 08:00–16:00\)/,
      ),
    ]);
  });

  it('evaluates each distinct rota once', async () => {
    const seen: string[] = [];
    const book = defaultRuleBook();
    const counting: Evaluator = (r) => {
      seen.push(JSON.stringify(r));
      return evaluate(r, { ruleBook: book, conversions: false, violationsOnly: true });
    };
    const direct = await assessConversions(together, buildTimeline(together), book, counting);
    expect(new Set(seen).size).toBe(seen.length);
    // Every evaluated rota is one worker's part (and a second carer's, for a split).
    for (const r of seen) expect((JSON.parse(r) as { workers: unknown[] }).workers).toHaveLength(1);
    expect(direct.map((c) => c.assignmentId)).toEqual(['w0-stay', 'stay', 'visit']);
    expect(direct).toEqual(
      await assessConversions(together, buildTimeline(together), book, (r) =>
        evaluate(r, { ruleBook: book, conversions: false, violationsOnly: true }),
      ),
    );
  });
});
