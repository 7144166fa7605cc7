// AML § 10-4 (2): where the work is wholly or mainly passive (here: at least half of the frame's
// hours), normal hours may be extended by half the passive hours, at most 2 h per 24 h and 10 h per
// 7 days, never above 48 h per 7 days. The extension lives in rules/aml/10-4-normal-hours.json
// (`extension`); the passive hours count fully toward every other limit (docs/legal/06-passive-time.md).
//
// A period's passive hours have no clock times in the rota, so they are spread evenly over the
// period: a frame gets the passive share of the hours of it that fall inside, and the frame a period
// starts in (which counts the whole period) gets all of them.
//
// In a day frame the 2 h maximum always binds when it matters: a mainly passive frame over 9 h has
// at least 4.5 passive hours, half of which is 2.25 h. Likewise per week (over 40 h → at least 20
// passive → 10 h): a mainly passive week's limit is 40 + 10 = 50, capped at 48.
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/engine/evaluate.ts';
import type { Report } from '../../src/report/schema.ts';
import { validateRotaDocument } from '../../src/rota/load.ts';
import { findingsOf } from '../support/rota.ts';

/** [start, end, passiveHours] */
type P = [string, string, number];

async function passive(periods: P[]): Promise<Report> {
  return evaluate(
    validateRotaDocument({
      version: 1,
      workers: [{ id: 'w1' }],
      assignments: [{ id: 'a1', workerId: 'w1', kind: 'employment', contract: 'arbeidsavtale' }],
      periods: periods.map(([start, end, passiveHours]) => ({
        assignmentId: 'a1',
        start,
        end,
        ...(passiveHours ? { passiveHours } : {}),
      })),
    }),
  );
}

// Breaches in fixed frames: violations of the caps, warnings of the normal hours (planned overtime).
const fixed = (r: Report, id: string) =>
  findingsOf(r, id)
    .filter((f) => f.severity !== 'info')
    .filter((f) => f.reading === (id.endsWith('day') ? 'fixed-day-frame' : 'fixed-week-frame'))
    .map((f) => ({ measured: f.measured, limit: f.limit }));

describe('aml.10-4.normal-day with passive work: 9 + min(passive / 2, 2) when at least half is passive', () => {
  // Table moved to rules/aml/10-4-normal-hours.cases.yaml (test/rules/cases.test.ts).

  it('passive hours are spread evenly over their period: the morning after a sleepover holds 7/11 of its 6 passive hours', async () => {
    // Sleepover 20:00–07:00 (11 h, 6 passive) then, after a full 11-hour rest, 18:00–22:00 active.
    // The 6 March frame holds 7 h of the sleepover with 6 × 7/11 = 3.82 passive hours, plus 4
    // active: 3.82 of 11 is not mainly passive, so the limit stays 9 (had all 6 passive hours been
    // placed after midnight it would be 6 of 11 and the limit 11). The 5 March frame, where the
    // sleepover starts, holds its first 24 hours: 11 h with 6 passive, mainly passive, limit 11.
    const r = await passive([
      ['2025-03-05T20:00', '2025-03-06T07:00', 6],
      ['2025-03-06T18:00', '2025-03-06T22:00', 0],
    ]);
    const found = findingsOf(r, 'aml.10-4.normal-day', 'warning').filter((f) => f.reading === 'fixed-day-frame');
    expect(
      found.map((f) => ({
        measured: f.measured,
        limit: f.limit,
        passive: f.details?.passiveHours,
        start: f.window.start,
      })),
    ).toEqual([{ measured: 11, limit: 9, passive: 3.8182, start: '2025-03-06T00:00:00+01:00' }]);
  });

  it('passive hours still count in full toward the 13 h total (§ 10-6 (8))', async () => {
    const r = await passive([['2025-03-05T07:00', '2025-03-05T21:00', 12]]);
    expect(fixed(r, 'aml.10-4.normal-day')).toEqual([{ measured: 14, limit: 11 }]);
    expect(findingsOf(r, 'aml.10-6.total-day', 'violation').map((f) => f.measured)).toEqual([14]);
  });
});

describe('aml.10-4.normal-week with passive work: 40 + min(passive / 2, 10), never above 48', () => {
  // Table moved to rules/aml/10-4-normal-hours.cases.yaml (test/rules/cases.test.ts).

  it('passive hours are spread evenly across the week boundary: a 24 h stay from Sunday noon brings 6 of its 12 passive hours to each week', async () => {
    const r = await passive([
      ['2025-03-03T08:00', '2025-03-03T18:00', 0],
      ['2025-03-04T08:00', '2025-03-04T18:00', 0],
      ['2025-03-05T08:00', '2025-03-05T18:00', 0],
      ['2025-03-09T12:00', '2025-03-10T12:00', 12],
    ]);
    const weeks = findingsOf(r, 'aml.10-4.normal-week', 'warning').filter((f) => f.reading === 'fixed-week-frame');
    // Week 1: 30 active + 12 h of the stay = 42 h, 6 passive (14 %): not mainly passive, limit 40.
    expect(weeks.map((f) => ({ measured: f.measured, limit: f.limit, passive: f.details?.passiveHours }))).toEqual([
      { measured: 42, limit: 40, passive: 6 },
    ]);
  });

  it('both DST changes: four 20:00–08:00 sleepovers are 47 elapsed hours in the spring week and 49 in the autumn week', async () => {
    const spring = await passive([
      ['2025-03-24T20:00', '2025-03-25T08:00', 6.5],
      ['2025-03-25T20:00', '2025-03-26T08:00', 6.5],
      ['2025-03-26T20:00', '2025-03-27T08:00', 6.5],
      ['2025-03-29T20:00', '2025-03-30T08:00', 6.5],
    ]);
    const autumn = await passive([
      ['2025-10-20T20:00', '2025-10-21T08:00', 6.5],
      ['2025-10-21T20:00', '2025-10-22T08:00', 6.5],
      ['2025-10-22T20:00', '2025-10-23T08:00', 6.5],
      ['2025-10-25T20:00', '2025-10-26T08:00', 6.5],
    ]);
    expect(fixed(spring, 'aml.10-4.normal-week')).toEqual([]);
    expect(fixed(autumn, 'aml.10-4.normal-week')).toEqual([{ measured: 49, limit: 48 }]);
  });
});
