// Ruling 20 (docs/legal/20-confidence.md): a conversion verdict says how firmly it stands and on
// which uncertain reading it rests; the 2024 presumption of AML § 1-8 is cited only for a plan that
// reaches 2024 (docs/legal/12-conversion.md).
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/engine/evaluate.ts';
import type { Report } from '../../src/report/schema.ts';
import { loadRotaFile, validateRotaDocument } from '../../src/rota/load.ts';

function oppdrag(periods: Array<[string, string]>, kind = 'respite-carer-home'): Promise<Report> {
  return evaluate(
    validateRotaDocument({
      version: 1,
      workers: [{ id: 'w1' }],
      assignments: [{ id: 'a1', workerId: 'w1', kind, contract: 'oppdrag' }],
      periods: periods.map(([start, end]) => ({ assignmentId: 'a1', start, end })),
    }),
  );
}

describe('conversion confidence and caveats', () => {
  it('§ 12 for a Friday–Monday stay that recurs through the year is low, with the verified second carer named first', async () => {
    const r = await evaluate(await loadRotaFile('scenarios/friday-to-monday-respite.yaml'));
    const [c] = r.conversions;
    expect(c).toMatchObject({
      verdict: 'convertible-with-agreement',
      requiredAgreements: ['avl-12-extended-stay'],
      confidence: 'low',
    });
    expect(c!.caveats[0]!.en).toMatch(/§ 12 .* 3 long stays that recur/);
    expect(c!.suggestions[0]).toMatch(/^Del de 3 lange oppholdene mellom to avlastere/);
    expect(c!.caveats[0]!.nb).toContain(c!.suggestions[0]);
  });

  it('§ 12 for one stay is medium: the "not very burdensome" judgement is a person\'s', async () => {
    const [c] = (await oppdrag([['2025-07-04T16:00', '2025-07-07T08:00']])).conversions;
    expect(c).toMatchObject({ requiredAgreements: ['avl-12-extended-stay'], confidence: 'medium' });
    expect(c!.caveats.map((x) => x.en).join(' ')).toContain('not very burdensome');
  });

  it("a stay between § 6's 48 hours (secondary sources) and § 10's 56 is medium; exactly 48 hours is high", async () => {
    const longer = (await oppdrag([['2025-03-07T16:00', '2025-03-09T18:00']])).conversions[0]!;
    expect(longer).toMatchObject({
      verdict: 'convertible-with-agreement',
      requiredAgreements: ['avl-4-60h'],
      confidence: 'medium',
    });
    expect(longer.caveats[0]!.en).toContain('50 hours');
    const exact = (await oppdrag([['2025-03-07T16:00', '2025-03-09T16:00']])).conversions[0]!;
    expect(exact).toMatchObject({ confidence: 'high', caveats: [] });
  });

  it('lawful § 7 nights stay 16-hour work periods: no 64-hour § 6 period, and the conversion needs §§ 4 and 7, not § 12', async () => {
    const nights: Array<[string, string]> = [
      ['2025-03-07T16:00', '2025-03-08T08:00'],
      ['2025-03-08T16:00', '2025-03-09T08:00'],
      ['2025-03-09T16:00', '2025-03-10T08:00'],
    ];
    const [c] = (await oppdrag(nights)).conversions;
    expect(c).toMatchObject({
      verdict: 'convertible-with-agreement',
      requiredAgreements: ['avl-4-60h', 'avl-7-reduced-daily-rest'],
      confidence: 'high',
    });
    const employed = await evaluate(
      validateRotaDocument({
        version: 1,
        workers: [{ id: 'w1' }],
        assignments: [{ id: 'a1', workerId: 'w1', kind: 'respite-carer-home', contract: 'arbeidsavtale' }],
        periods: nights.map(([start, end]) => ({ assignmentId: 'a1', start, end })),
        agreements: [{ type: 'avl-4-60h' }, { type: 'avl-7-reduced-daily-rest', params: { minDailyRestHours: 8 } }],
      }),
    );
    expect(
      employed.findings.filter((f) => f.severity !== 'info').map((f) => [f.ruleId, f.severity, f.measured]),
    ).toEqual([
      ['avl.7.reduced-daily-rest', 'warning', 8],
      ['avl.7.reduced-daily-rest', 'warning', 8],
      ['avl.7.reduced-daily-rest', 'warning', 8],
    ]);
  });

  it('the 2024 presumption of § 1-8 is cited for a 2025 plan and not for a 2023 one', async () => {
    const presumption = (r: Report) => r.conversions[0]!.employment!.reasons.some((x) => x.en.includes('AML § 1-8'));
    expect(presumption(await oppdrag([['2025-03-07T16:00', '2025-03-08T16:00']], 'support-contact'))).toBe(true);
    const before = await oppdrag([['2023-03-07T16:00', '2023-03-08T16:00']], 'support-contact');
    expect(presumption(before)).toBe(false);
    expect(JSON.stringify(before.conversions[0]!.employment)).not.toContain('2024');
    // A plan that runs into 2024 reaches the presumption.
    expect(presumption(await oppdrag([['2023-12-31T16:00', '2024-01-01T16:00']], 'support-contact'))).toBe(true);
  });
});
