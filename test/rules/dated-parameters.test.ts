// Ruling 14 (docs/legal/14-dated-parameters.md): every parameter is read at the date of the window it
// judges, never at its newest value. Each case gives a parameter a second dated value in a copy of
// the rule book and shows the finding change at that date, and only from it.
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/engine/evaluate.ts';
import type { Report } from '../../src/report/schema.ts';
import { validateRotaDocument } from '../../src/rota/load.ts';
import { defaultRuleBook, type RuleBook } from '../../src/rules/load.ts';
import { findingsOf, onePersonRota, type OnePersonRota } from '../support/rota.ts';

/** The bundled rule book with one parameter of one provision given an extra dated value. */
function withValue(provision: string, name: string, since: string, value: number): RuleBook {
  const book = defaultRuleBook();
  return {
    ...book,
    files: book.files.map((f) => {
      if (f.provision !== provision) return f;
      const p = f.parameters[name];
      if (!p) throw new Error(`${provision} has no parameter ${name}`);
      return { ...f, parameters: { ...f.parameters, [name]: { ...p, values: [...p.values, { since, value }] } } };
    }),
  };
}

const run = (spec: OnePersonRota, ruleBook?: RuleBook, asOf?: string): Promise<Report> =>
  evaluate(validateRotaDocument(onePersonRota(spec)), {
    conversions: false,
    ...(ruleBook ? { ruleBook } : {}),
    ...(asOf ? { asOf } : {}),
  });

describe('dated parameters', () => {
  it('a lower normal day from 6 March: 8.5 h on 5 March passes, on 6 March breaks 8 (and the newest value does not reach back)', async () => {
    const book = withValue('aml.10-4', 'maxNormalHoursPerDay', '2025-03-06', 8);
    const periods: OnePersonRota['periods'] = [
      ['2025-03-05T08:00', '2025-03-05T16:30'],
      ['2025-03-06T08:00', '2025-03-06T16:30'],
    ];
    const day = (r: Report) =>
      findingsOf(r, 'aml.10-4.normal-day')
        .filter((f) => f.reading === 'fixed-day-frame')
        .map((f) => [f.window.start.slice(0, 10), f.limit]);
    expect(day(await run({ periods }))).toEqual([]);
    expect(day(await run({ periods }, book))).toEqual([['2025-03-06', 8]]);
    // --as-of judges every window under the law of one date.
    expect(day(await run({ periods }, book, '2025-03-05'))).toEqual([]);
    expect(day(await run({ periods }, book, '2025-03-06'))).toEqual([
      ['2025-03-05', 8],
      ['2025-03-06', 8],
    ]);
  });

  it('the daily rest that joins work periods is read at the date of the gap', async () => {
    // An evening shift and a morning shift 10 hours apart: one work period under the 11-hour rest,
    // two under a 10-hour rest in force from 5 March.
    const periods: OnePersonRota['periods'] = [
      ['2025-03-05T14:00', '2025-03-05T22:00'],
      ['2025-03-06T08:00', '2025-03-06T14:00'],
    ];
    const total = (r: Report) => findingsOf(r, 'aml.10-6.total-day', 'violation').map((f) => f.measured);
    expect(total(await run({ periods }))).toEqual([14]);
    expect(total(await run({ periods }, withValue('aml.10-8.1', 'minDailyRestHours', '2025-03-05', 10)))).toEqual([]);
    expect(total(await run({ periods }, withValue('aml.10-8.1', 'minDailyRestHours', '2025-03-07', 10)))).toEqual([14]);
  });

  it('a parameter a profile condition compares with is read at the plan’s date: a higher Sunday share from 2025 drops the 38-hour week', async () => {
    // Every third Sunday over six weeks and 39 h a week: the 38-hour week of § 10-4 (4) applies
    // while the share is one in three; a condition of one in two (from 2025) no longer selects it.
    const week = (monday: string, sunday: boolean): OnePersonRota['periods'] => {
      const d = (n: number) => new Date(Date.parse(`${monday}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
      return [0, 1, 2, 3]
        .map((n): [string, string] => [`${d(n)}T07:00`, `${d(n)}T15:00`])
        .concat([[`${d(sunday ? 6 : 4)}T08:00`, `${d(sunday ? 6 : 4)}T15:00`]]);
    };
    const mondays = ['2025-03-03', '2025-03-10', '2025-03-17', '2025-03-24', '2025-03-31', '2025-04-07'];
    const periods = mondays.flatMap((m, i) => week(m, i % 3 === 0));
    const limits = (r: Report) => [
      ...new Set(
        findingsOf(r, 'aml.10-4.normal-week')
          .filter((f) => f.reading === 'fixed-week-frame')
          .map((f) => f.limit),
      ),
    ];
    expect(limits(await run({ periods }))).toEqual([38]);
    expect(limits(await run({ periods }, withValue('aml.10-4', 'minSundayShareForRota', '2025-01-01', 0.5)))).toEqual(
      [],
    );
    expect(limits(await run({ periods }, withValue('aml.10-4', 'minSundayShareForRota', '2026-01-01', 0.5)))).toEqual([
      38,
    ]);
    // One rule book, the same plan judged as of two dates: the same profile, another parameter value,
    // so another answer (the engine's decisions are remembered by the facts it reads, parameters too).
    const later = withValue('aml.10-4', 'minSundayShareForRota', '2025-06-01', 0.5);
    expect(limits(await run({ periods }, later, '2025-05-31'))).toEqual([38]);
    expect(limits(await run({ periods }, later, '2025-06-01'))).toEqual([]);
  });

  it('night hours are read per night: a night from 22:00 from 6 March moves the night work of that date only', async () => {
    const periods: OnePersonRota['periods'] = [
      ['2025-03-05T21:00', '2025-03-05T23:00'],
      ['2025-03-06T21:00', '2025-03-06T23:00'],
    ];
    const night = (r: Report) => findingsOf(r, 'aml.10-11.night-work').map((f) => f.measured);
    expect(night(await run({ periods }))).toEqual([4]);
    expect(night(await run({ periods }, withValue('aml.10-11', 'nightStartHour', '2025-03-06', 22)))).toEqual([3]);
  });
});
