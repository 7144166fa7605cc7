// The conversion assessment: for each oppdrag, the first tier of agreements under which the schedule
// is lawful as employment, the agreements it needs, and verified restructurings.
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/engine/evaluate.ts';
import type { Conversion } from '../../src/report/schema.ts';
import { validateRotaDocument } from '../../src/rota/load.ts';

type Period = [string, string, string?];
function rota(periods: Period[], extra: { indicators?: object; pay?: object; job?: boolean; kind?: string } = {}) {
  return validateRotaDocument({
    version: 1,
    workers: [{ id: 'w1' }],
    assignments: [
      { id: 'stay', workerId: 'w1', kind: extra.kind ?? 'respite-carer-home', contract: 'oppdrag', ...(extra.indicators ? { indicators: extra.indicators } : {}), ...(extra.pay ? { pay: extra.pay } : {}) },
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
    expect(c).toMatchObject({ verdict: 'convertible-with-agreement', requiredAgreements: ['avl-4-60h'], blockingRuleIds: [] });
    expect(c.employment).toMatchObject({ likelihood: 'high' });
  });

  it('a Friday 16:00 to Monday 08:00 stay needs § 12 or a split, and the split and the 48-hour cut are verified suggestions', async () => {
    const c = await conversionOf(rota([['2025-01-10T16:00', '2025-01-13T08:00'], ['2025-02-07T16:00', '2025-02-10T08:00']]));
    expect(c).toMatchObject({ verdict: 'convertible-with-agreement', requiredAgreements: ['avl-12-extended-stay'] });
    expect(c.suggestions).toEqual([
      expect.stringMatching(/^Del de 2 lange oppholdene mellom to avlastere, med overlevering etter 48 timer \(søn\. 12\.01\.2025 16:00, søn\. 09\.02\.2025 16:00\)/),
      expect.stringMatching(/^Avslutt hvert lange opphold etter 48 timer/),
    ]);
    expect(c.suggestionDetails).toEqual([
      expect.objectContaining({ verdictAfter: 'convertible-with-agreement' }),
      expect.objectContaining({ verdictAfter: 'convertible-with-agreement' }),
    ]);
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
    const job: Period[] = ['03', '04', '05', '06', '07'].map((d) => [`2025-03-${d}T08:00`, `2025-03-${d}T16:00`, 'job']);
    const c = await conversionOf(rota([...job, ['2025-03-07T16:00', '2025-03-09T16:00']], { job: true }));
    expect(c.verdict).toBe('needs-collective-agreement');
    expect(c.blockingRuleIds).toEqual(['avl.11.weekly-rest-24']);
    // avl-4-60h takes the stay; the weekly rest must come from an agreement that states its own limit.
    expect(c.requiredAgreements).toEqual(['avl-4-60h', 'arbeidstilsynet-consent', 'aml-10-12-4-union-agreement']);
    expect(c.suggestions).toEqual([expect.stringMatching(/^La en annen ta vakten i den andre stillingen \(fre\. 07\.03\.2025 08:00–16:00\)/)]);
  });
});

describe('hours, cost and employment indicators', () => {
  it('hours worked as employment against hours paid by døgnsats, and the cost difference', async () => {
    const c = await conversionOf(rota(weekends48, { pay: { hoursPerDay: 12, hourlyWage: 300, todayRatePerHour: 250 } }));
    expect(c.hours).toEqual({ asEmployment: 144, paidToday: 72 });
    expect(c.cost).toEqual({ asEmployment: 43_200, today: 18_000, difference: 25_200, currency: 'NOK' });
  });

  it('an invoicing carer with her own business and several principals is less likely an employee; the reasons are given', async () => {
    const c = await conversionOf(
      rota([['2025-03-07T16:00', '2025-03-09T16:00']], { indicators: { ownBusiness: true, principals: 4, payForm: 'invoice', decidesTimes: 'carer' } }),
    );
    expect(c.employment).toMatchObject({ likelihood: 'low' });
    expect((c.employment as { reasons: Array<{ points: string }> }).reasons.filter((r) => r.points === 'independent')).toHaveLength(4);
  });
});
