// The conversion assessment against its oracle (test/conversion/bruteForce.ts, today's brute force
// kept for this purpose): over random small rotas with oppdrag, the whole `conversions` array must
// be the same. Guards any change that replaces the brute force by reasoning (issue 16). Seeded and
// bounded by the number of runs, never by time (FC_SEED to explore).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assessConversions, type Evaluator } from '../../src/conversion/assess.ts';
import { evaluate } from '../../src/engine/evaluate.ts';
import { validateRotaDocument } from '../../src/rota/load.ts';
import { defaultRuleBook } from '../../src/rules/load.ts';
import { buildTimeline } from '../../src/timeline/build.ts';
import { assessConversionsBruteForce } from '../conversion/bruteForce.ts';

const SEED = Number(process.env.FC_SEED ?? 20250916);
const book = defaultRuleBook();
const evaluator: Evaluator = (r) => evaluate(r, { ruleBook: book, conversions: false, violationsOnly: true });

const KINDS = ['respite-carer-home', 'respite-user-home', 'support-contact', 'employment'] as const;
const pad = (n: number) => String(n).padStart(2, '0');
/** A local time in March 2025 (before the DST change): day 1–28, on the quarter hour. */
const at = (day: number, minute: number) => `2025-03-${pad(day)}T${pad(Math.floor(minute / 60))}:${pad(minute % 60)}`;

const rotaArb = fc
  .record({
    workers: fc.integer({ min: 1, max: 2 }),
    assignments: fc.array(fc.record({ kind: fc.constantFrom(...KINDS), oppdrag: fc.boolean() }), {
      minLength: 1,
      maxLength: 3,
    }),
    periods: fc.array(
      fc.record({
        assignment: fc.nat(2),
        day: fc.integer({ min: 1, max: 20 }),
        minute: fc.integer({ min: 0, max: 95 }).map((q) => q * 15),
        // Shifts, nights and weekend stays up to a week.
        hours: fc.oneof(
          fc.integer({ min: 2, max: 12 }),
          fc.integer({ min: 13, max: 72 }),
          fc.integer({ min: 73, max: 170 }),
        ),
      }),
      { minLength: 1, maxLength: 12 },
    ),
  })
  .map((spec) => {
    const assignments = spec.assignments.map((a, i) => ({
      id: `a${i + 1}`,
      workerId: `w${(i % spec.workers) + 1}`,
      kind: a.kind,
      // At least one oppdrag, so the assessment runs.
      contract: a.oppdrag || i === 0 ? 'oppdrag' : 'arbeidsavtale',
    }));
    const periods = spec.periods.map((p) => {
      const start = Date.UTC(2025, 2, p.day, 0, p.minute) - 3_600_000;
      const end = new Date(start + p.hours * 3_600_000 + 3_600_000);
      return {
        assignmentId: assignments[p.assignment % assignments.length]!.id,
        start: at(p.day, p.minute),
        end: `${end.toISOString().slice(0, 16)}`,
      };
    });
    return {
      version: 1,
      workers: Array.from({ length: spec.workers }, (_, i) => ({ id: `w${i + 1}` })),
      assignments,
      periods,
    };
  });

describe('conversion assessment against the brute-force oracle', () => {
  it('gives the same conversions array over random rotas with oppdrag', async () => {
    await fc.assert(
      fc.asyncProperty(rotaArb, async (doc) => {
        let rota: ReturnType<typeof validateRotaDocument>;
        try {
          rota = validateRotaDocument(doc);
        } catch {
          return; // overlapping or otherwise invalid: not this property's concern
        }
        const timeline = buildTimeline(rota);
        const product = await assessConversions(rota, timeline, book, evaluator);
        const oracle = await assessConversionsBruteForce(rota, timeline, book, evaluator);
        expect(product).toEqual(oracle);
      }),
      { numRuns: 25, seed: SEED, endOnFailure: false },
    );
  });
});
