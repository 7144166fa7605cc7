import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/engine/evaluate.ts';
import type { Report } from '../../src/report/schema.ts';
import { validateRotaDocument } from '../../src/rota/load.ts';
import type { AssignmentKind } from '../../src/rota/schema.ts';
import { findingsOf } from '../support/rota.ts';

/** [start, end, breakMinutes] — breakMinutes undefined: the rota states no break. */
type P = [string, string, number | undefined];

async function breaks(
  periods: P[],
  opts: { kind?: AssignmentKind; contract?: 'oppdrag' | 'arbeidsavtale'; regime?: 'medlever' } = {},
): Promise<Report> {
  return evaluate(
    validateRotaDocument({
      version: 1,
      workers: [{ id: 'w1' }],
      assignments: [
        {
          id: 'a1',
          workerId: 'w1',
          kind: opts.kind ?? 'employment',
          contract: opts.contract ?? 'arbeidsavtale',
          ...(opts.regime ? { regime: opts.regime } : {}),
        },
      ],
      periods: periods.map(([start, end, breakMinutes]) => ({
        assignmentId: 'a1',
        start,
        end,
        ...(breakMinutes !== undefined ? { breakMinutes } : {}),
      })),
    }),
  );
}

const violations = (r: Report) =>
  findingsOf(r, 'aml.10-9.break', 'violation').map((f) => ({ measured: f.measured, limit: f.limit }));

describe('aml.10-9.break: a break over 5.5 h, at least 30 min in all from 8 h (§ 10-9 (1))', () => {
  // The table of periods in and findings out is rules/aml/10-9-breaks.cases.yaml (test/rules/cases.test.ts).

  it('the finding names the period, its length and the break in minutes', async () => {
    const [f] = findingsOf(await breaks([['2025-03-05T08:00', '2025-03-05T16:00', 29]]), 'aml.10-9.break', 'violation');
    expect(f).toMatchObject({
      assignmentIds: ['a1'],
      reading: 'per-period',
      citation: 'arbeidsmiljøloven § 10-9 første ledd første punktum',
      window: { start: '2025-03-05T08:00:00+01:00', end: '2025-03-05T16:00:00+01:00' },
      details: { periodHours: 8, breakMinutes: 29 },
    });
    expect(f!.message.nb).toContain('29 minutter pause');
  });

  it('a respite carer alone with the user cannot leave: the break is working time (info), never subtracted', async () => {
    const r = await breaks([['2025-03-07T16:00', '2025-03-08T02:00', 30]], { kind: 'respite-carer-home' });
    expect(violations(r)).toEqual([]);
    const notes = findingsOf(r, 'aml.10-9.break', 'info');
    expect(notes.map((f) => [f.measured, f.details?.breakMinutes])).toEqual([[0.5, 30]]);
    expect(notes[0]!.citation).toBe('arbeidsmiljøloven § 10-9 første ledd andre punktum');
    expect(r.ledger[0]!.hours).toBe(10);
  });

  it('for the other respite kinds too, and the short break is still a violation beside the note', async () => {
    for (const kind of ['respite-user-home', 'support-contact'] as const) {
      const r = await breaks([['2025-03-07T08:00', '2025-03-07T17:00', 20]], { kind });
      expect(violations(r)).toEqual([{ measured: 0.33, limit: 0.5 }]);
      expect(findingsOf(r, 'aml.10-9.break', 'info')).toHaveLength(1);
    }
  });

  it('no note for an employee in ordinary employment, nor for a respite period that states no break or a zero break', async () => {
    expect(findingsOf(await breaks([['2025-03-07T08:00', '2025-03-07T17:00', 30]]), 'aml.10-9.break')).toEqual([]);
    const respite = await breaks(
      [
        ['2025-03-07T08:00', '2025-03-07T13:00', 0],
        ['2025-03-08T08:00', '2025-03-08T17:00', undefined],
      ],
      { kind: 'respite-carer-home' },
    );
    expect(findingsOf(respite, 'aml.10-9.break')).toEqual([]);
  });

  it('an oppdrag is judged as if it were employment (hypothetical)', async () => {
    const r = await breaks([['2025-03-07T08:00', '2025-03-07T17:00', 0]], {
      kind: 'respite-carer-home',
      contract: 'oppdrag',
    });
    expect(findingsOf(r, 'aml.10-9.break', 'violation').map((f) => f.hypothetical)).toEqual([true]);
  });

  it('the 2005 Act is in force from 1 January 2006: a period in December 2005 is not judged', async () => {
    expect(violations(await breaks([['2005-12-14T08:00', '2005-12-14T17:00', 0]]))).toEqual([]);
    expect(violations(await breaks([['2006-01-04T08:00', '2006-01-04T17:00', 0]]))).toEqual([
      { measured: 0, limit: 0.5 },
    ]);
  });

  it('applies to live-in staff as well: the medlever regulation does not change § 10-9', async () => {
    expect(violations(await breaks([['2025-03-05T07:00', '2025-03-05T13:00', 0]], { regime: 'medlever' }))).toEqual([
      { measured: 0, limit: 0 },
    ]);
  });
});
