// rota.integrity.overlap: one person cannot be booked twice at the same time. Allowed overlap is 0 h;
// touching periods (one ends as the next starts) are not an overlap. Both periods stay in the
// ledger as given, but the hours count only once toward working-time limits.
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/engine/evaluate.ts';
import { validateRotaDocument } from '../../src/rota/load.ts';
import { check, findingsOf } from '../support/rota.ts';

const OVERLAP = 'rota.integrity.overlap';
const twoAssignments = { a2: {} };

// Ruling 15 (docs/legal/15-overlapping-assignments.md): a double booking is a data warning, never a
// legal violation and never a conversion blocker.
describe('rota.integrity.overlap: overlapping periods are one warning each', () => {
  // Table moved to rules/rota/integrity-overlap.cases.yaml (test/rules/cases.test.ts).

  it('two periods of the same assignment overlapping name that assignment once', async () => {
    const r = await check({
      periods: [
        ['2025-03-05T08:00', '2025-03-05T16:00'],
        ['2025-03-05T15:00', '2025-03-05T20:00'],
      ],
    });
    expect(findingsOf(r, OVERLAP).map((f) => [f.measured, f.assignmentIds])).toEqual([[1, ['a1']]]);
  });

  it('a period entered twice overlaps by its full length', async () => {
    const r = await check({
      periods: [
        ['2025-03-05T08:00', '2025-03-05T16:00'],
        ['2025-03-05T08:00', '2025-03-05T16:00', 'a2'],
      ],
      more: twoAssignments,
    });
    expect(findingsOf(r, OVERLAP).map((f) => [f.measured, f.window.start, f.window.end])).toEqual([
      [8, '2025-03-05T08:00:00+01:00', '2025-03-05T16:00:00+01:00'],
    ]);
  });

  it('the overlap is found across employers (one person, two undertakings)', async () => {
    const r = await check({
      periods: [
        ['2025-03-05T08:00', '2025-03-05T16:00'],
        ['2025-03-05T15:30', '2025-03-05T20:00', 'a2'],
      ],
      more: { a2: { employer: 'kommune-y' } },
    });
    expect(findingsOf(r, OVERLAP).map((f) => [f.measured, f.assignmentIds])).toEqual([[0.5, ['a1', 'a2']]]);
  });

  it('the overlap is found between an oppdrag and an arbeidsavtale', async () => {
    const r = await check({
      periods: [
        ['2025-03-05T08:00', '2025-03-05T16:00'],
        ['2025-03-05T15:30', '2025-03-05T20:00', 'a2'],
      ],
      more: { a2: { kind: 'respite-carer-home', contract: 'oppdrag' } },
    });
    expect(findingsOf(r, OVERLAP).map((f) => [f.measured, f.assignmentIds])).toEqual([[0.5, ['a1', 'a2']]]);
  });

  it('two overlaps in different weeks are two violations', async () => {
    const r = await check({
      periods: [
        ['2025-03-05T08:00', '2025-03-05T16:00'],
        ['2025-03-05T15:30', '2025-03-05T18:00', 'a2'],
        ['2025-03-12T08:00', '2025-03-12T16:00'],
        ['2025-03-12T15:00', '2025-03-12T18:00', 'a2'],
      ],
      more: twoAssignments,
    });
    expect(findingsOf(r, OVERLAP).map((f) => [f.measured, f.window.start])).toEqual([
      [0.5, '2025-03-05T15:30:00+01:00'],
      [1, '2025-03-12T15:00:00+01:00'],
    ]);
  });

  // Every period still running is compared, not only the one reaching furthest.
  it('three periods 08–16 (a1), 10–12 (a2), 11–17 (a3): every double-booked pair is named, a2/a3 included', async () => {
    const r = await check({
      periods: [
        ['2025-03-05T08:00', '2025-03-05T16:00'],
        ['2025-03-05T10:00', '2025-03-05T12:00', 'a2'],
        ['2025-03-05T11:00', '2025-03-05T17:00', 'a3'],
      ],
      more: { a2: {}, a3: {} },
    });
    const pairs = findingsOf(r, OVERLAP).map((f) => f.assignmentIds.join('+'));
    expect(pairs).toContain('a1+a2');
    expect(pairs).toContain('a1+a3');
    expect(pairs).toContain('a2+a3');
  });

  it('two workers at the same time is not an overlap', async () => {
    const rota = validateRotaDocument({
      version: 1,
      workers: [{ id: 'w1' }, { id: 'w2' }],
      assignments: [
        { id: 'a1', workerId: 'w1', kind: 'employment', contract: 'arbeidsavtale' },
        { id: 'a2', workerId: 'w2', kind: 'employment', contract: 'arbeidsavtale' },
      ],
      periods: [
        { assignmentId: 'a1', start: '2025-03-05T08:00', end: '2025-03-05T16:00' },
        { assignmentId: 'a2', start: '2025-03-05T08:00', end: '2025-03-05T16:00' },
      ],
    });
    const r = await evaluate(rota);
    expect(findingsOf(r, OVERLAP)).toEqual([]);
  });
});

describe('rota.integrity.overlap: the ledger keeps every hour, the limits count each hour once', () => {
  it('08–16 (a1) and 15:30–20 (a2): the ledger has 8 h and 4.5 h', async () => {
    const r = await check({
      periods: [
        ['2025-03-05T08:00', '2025-03-05T16:00'],
        ['2025-03-05T15:30', '2025-03-05T20:00', 'a2'],
      ],
      more: twoAssignments,
    });
    expect(r.ledger.map((e) => [e.assignmentId, e.hours, e.periods])).toEqual([
      ['a1', 8, 1],
      ['a2', 4.5, 1],
    ]);
    expect(r.summary.hours).toBe(12.5);
  });

  it('the same two periods count as 12 h, not 12.5 h, toward the normal day', async () => {
    const r = await check({
      periods: [
        ['2025-03-05T08:00', '2025-03-05T16:00'],
        ['2025-03-05T15:30', '2025-03-05T20:00', 'a2'],
      ],
      more: twoAssignments,
    });
    const day = findingsOf(r, 'aml.10-4.normal-day', 'warning').filter((f) => f.reading === 'fixed-day-frame');
    expect(day.map((f) => [f.measured, f.assignmentIds])).toEqual([[12, ['a1', 'a2']]]);
  });

  it('autumn DST: 22:00–07:00 (a1) and the repeated hour (a2) keep 10 h and 1 h in the ledger', async () => {
    const r = await check({
      periods: [
        ['2025-10-25T22:00', '2025-10-26T07:00'],
        ['2025-10-26T02:00+02:00', '2025-10-26T02:00+01:00', 'a2'],
      ],
      more: twoAssignments,
    });
    expect(r.ledger.map((e) => [e.assignmentId, e.hours])).toEqual([
      ['a1', 10],
      ['a2', 1],
    ]);
    const day = findingsOf(r, 'aml.10-4.normal-day', 'warning').filter((f) => f.reading === 'fixed-day-frame');
    expect(day.map((f) => f.measured)).toEqual([10]);
  });

  it('a period entered twice is 16 h in the ledger but 8 h toward the normal day (no violation)', async () => {
    const r = await check({
      periods: [
        ['2025-03-05T08:00', '2025-03-05T16:00'],
        ['2025-03-05T08:00', '2025-03-05T16:00', 'a2'],
      ],
      more: twoAssignments,
    });
    expect(r.summary.hours).toBe(16);
    expect(findingsOf(r, 'aml.10-4.normal-day')).toEqual([]);
  });
});

describe("rota.integrity.concurrent-care: two children in the carer's home at once (ruling 15)", () => {
  const CARE = 'rota.integrity.concurrent-care';
  const twoChildren = { a2: { kind: 'respite-carer-home' as const } };

  it("two respite assignments in the carer's home at the same time are concurrent care: info, not a double booking", async () => {
    const r = await check({
      kind: 'respite-carer-home',
      periods: [
        ['2025-03-07T16:00', '2025-03-09T16:00'],
        ['2025-03-08T10:00', '2025-03-09T12:00', 'a2'],
      ],
      more: twoChildren,
    });
    expect(findingsOf(r, OVERLAP)).toEqual([]);
    expect(findingsOf(r, CARE).map((f) => [f.severity, f.measured, f.assignmentIds])).toEqual([
      ['info', 26, ['a1', 'a2']],
    ]);
    // The hours count once: the second child adds nothing to the stay's 48 hours.
    expect(r.findings.filter((f) => f.ruleId === 'aml.10-4.normal-week').map((f) => f.measured)).toEqual([48]);
  });

  it("respite in two users' homes at once is a double booking: a warning", async () => {
    const r = await check({
      kind: 'respite-user-home',
      periods: [
        ['2025-03-08T10:00', '2025-03-08T16:00'],
        ['2025-03-08T15:00', '2025-03-08T18:00', 'a2'],
      ],
      more: { a2: { kind: 'respite-user-home' } },
    });
    expect(findingsOf(r, OVERLAP, 'warning').map((f) => f.measured)).toEqual([1]);
    expect(findingsOf(r, CARE)).toEqual([]);
  });

  it("an overlap never blocks a conversion: two children on oppdrag in the carer's home convert like one", async () => {
    const one = await evaluate(
      validateRotaDocument({
        version: 1,
        workers: [{ id: 'w1' }],
        assignments: [{ id: 'a1', workerId: 'w1', kind: 'respite-carer-home', contract: 'oppdrag' }],
        periods: [{ assignmentId: 'a1', start: '2025-03-08T10:00', end: '2025-03-08T16:00' }],
      }),
    );
    const two = await evaluate(
      validateRotaDocument({
        version: 1,
        workers: [{ id: 'w1' }],
        assignments: [
          { id: 'a1', workerId: 'w1', kind: 'respite-carer-home', contract: 'oppdrag' },
          { id: 'a2', workerId: 'w1', kind: 'respite-user-home', contract: 'oppdrag' },
        ],
        periods: [
          { assignmentId: 'a1', start: '2025-03-08T10:00', end: '2025-03-08T16:00' },
          { assignmentId: 'a2', start: '2025-03-08T12:00', end: '2025-03-08T14:00' },
        ],
      }),
    );
    expect(one.conversions.map((c) => c.verdict)).toEqual(['convertible']);
    expect(two.conversions.map((c) => [c.assignmentId, c.verdict, c.blockingRuleIds])).toEqual([
      ['a1', 'convertible', []],
      ['a2', 'convertible', []],
    ]);
    expect(findingsOf(two, OVERLAP, 'warning')).toHaveLength(1);
  });
});
