// Ruling 17 (docs/legal/17-plan-span-and-cycle.md): a rota may declare its span (`plan`) and that it
// is a base turnus that repeats (`cycle`). Averages run over the declared span; a cycle is checked as
// it repeats, its rests, weekly frames and Sundays wrapping from its last day to its first.
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/engine/evaluate.ts';
import type { InputError } from '../../src/rota/errors.ts';
import type { Report } from '../../src/report/schema.ts';
import { loadRotaFile, validateRotaDocument } from '../../src/rota/load.ts';

type P = [string, string];
function rota(periods: P[], extra: Record<string, unknown> = {}, kind = 'employment'): unknown {
  return {
    version: 1,
    workers: [{ id: 'w1' }],
    assignments: [{ id: 'a1', workerId: 'w1', kind, contract: 'arbeidsavtale' }],
    periods: periods.map(([start, end]) => ({ assignmentId: 'a1', start, end })),
    ...extra,
  };
}
const run = (doc: unknown): Promise<Report> => evaluate(validateRotaDocument(doc), { conversions: false });
const of = (r: Report, ruleId: string, severity = 'violation') =>
  r.findings.filter((f) => f.ruleId === ruleId && f.severity === severity);

describe('a cyclic base turnus is checked as it repeats', () => {
  it('the bundled 6-week grunnturnus breaks only across the wrap: 9 h of rest from the last Sunday evening to the first Monday', async () => {
    const cyclic = await loadRotaFile('scenarios/nurse-grunnturnus-6-weeks.yaml');
    const r = await evaluate(cyclic);
    expect(of(r, 'aml.10-8.daily-rest').map((f) => [f.window.start, f.measured, f.limit])).toEqual([
      ['2025-02-16T15:00:00+01:00', 9, 11],
    ]);
    // Everything else comes from the same wrap: the 15-hour work period it makes, and its overtime
    // recurring in every repetition (a standing arrangement: limit 0 in a cycle).
    const others = r.findings.filter((f) => f.severity !== 'info' && f.window.start !== '2025-02-16T15:00:00+01:00');
    expect(others.map((f) => [f.ruleId, f.measured, f.limit])).toEqual([['aml.10-6.standing-overtime', 0.17, 0]]);
    // The ledger is the cycle's own 24 periods, not the repetitions.
    expect(r.summary).toMatchObject({ periods: 24, hours: 180 });
    // Without `cycle` the same six weeks break nothing.
    const { cycle: _, ...once } = cyclic;
    expect((await evaluate(once)).summary.violations).toBe(0);
  });

  it('at the limit: 11 h across the wrap (Sunday evening to 22:30, Monday from 09:30) passes; 10 h 59 min fails', async () => {
    const week = (monday: string): P[] => [[`${monday}T09:30`, `${monday}T15:00`]];
    const cycle = { cycle: { weeks: 1 } };
    const lawful = await run(rota([...week('2025-03-03'), ['2025-03-09T17:00', '2025-03-09T22:30']], cycle));
    expect(of(lawful, 'aml.10-8.daily-rest')).toEqual([]);
    const short = await run(
      rota(
        [
          ['2025-03-03T09:29', '2025-03-03T15:00'],
          ['2025-03-09T17:00', '2025-03-09T22:30'],
        ],
        cycle,
      ),
    );
    expect(of(short, 'aml.10-8.daily-rest').map((f) => f.measured)).toEqual([10.98]);
  });

  it('repetitions keep the wall clock across DST: a cycle week with the autumn change wraps Sunday 22:30 to Monday 07:30, 9 h', async () => {
    // The cycle's own week (20–26 Oct) holds the change; its repetitions fall in winter time and
    // keep 07:30 and 22:30 on the clock, so the wrap is 9 elapsed hours, and 7.5 h shifts stay 7.5 h.
    const r = await run(
      rota(
        [
          ['2025-10-20T07:30', '2025-10-20T15:00'],
          ['2025-10-26T15:00', '2025-10-26T22:30'],
        ],
        { cycle: { weeks: 1 } },
      ),
    );
    expect(of(r, 'aml.10-8.daily-rest').map((f) => [f.window.start, f.measured])).toEqual([
      ['2025-10-26T15:00:00+01:00', 9],
    ]);
    expect(r.summary.hours).toBe(15);
  });

  it('weekly rest wraps: a Sunday night shift at the end runs into the first Monday and leaves 29 h off in week 1', async () => {
    const periods: P[] = [
      // Week 1: exactly 35 h off from Monday 00:00 to Tuesday 11:00, then short rests all week.
      ['2025-03-04T11:00', '2025-03-04T19:00'],
      ['2025-03-05T11:00', '2025-03-05T19:00'],
      ['2025-03-06T11:00', '2025-03-06T19:00'],
      ['2025-03-07T11:00', '2025-03-07T19:00'],
      ['2025-03-08T11:00', '2025-03-08T19:00'],
      // Week 2: three days and a Sunday night into Monday.
      ['2025-03-12T07:30', '2025-03-12T15:00'],
      ['2025-03-13T07:30', '2025-03-13T15:00'],
      ['2025-03-14T07:30', '2025-03-14T15:00'],
      ['2025-03-16T22:00', '2025-03-17T06:00'],
    ];
    const plan = { plan: { from: '2025-03-03', to: '2025-03-16' } };
    expect(of(await run(rota(periods, plan)), 'aml.10-8.weekly-rest')).toEqual([]);
    const cyclic = await run(rota(periods, { ...plan, cycle: { weeks: 2 } }));
    expect(of(cyclic, 'aml.10-8.weekly-rest').map((f) => [f.window.start, f.measured])).toEqual([
      ['2025-03-03T00:00:00+01:00', 29],
    ]);
  });

  it('Sundays wrap: worked in weeks 1 and 3 of a 3-week cycle are two in a row as it repeats (§ 10-8 (4))', async () => {
    const periods: P[] = [
      ['2025-03-09T08:00', '2025-03-09T15:00'],
      ['2025-03-23T08:00', '2025-03-23T15:00'],
    ];
    const plan = { plan: { from: '2025-03-03', to: '2025-03-23' } };
    expect(of(await run(rota(periods, plan)), 'aml.10-8.sunday-rotation')).toEqual([]);
    const cyclic = await run(rota(periods, { ...plan, cycle: { weeks: 3 } }));
    expect(of(cyclic, 'aml.10-8.sunday-rotation')).toHaveLength(1);
  });

  it('overtime in a cycle recurs in every repetition: a standing arrangement however few of its weeks hold it (ruling 13)', async () => {
    // One week of three with 2 h over 40: a third of the weeks, not more, as a dated plan.
    const week = (monday: string, last: string): P[] =>
      [0, 1, 2, 3, 4].map((d) => {
        const day = new Date(Date.parse(`${monday}T00:00:00Z`) + d * 86_400_000).toISOString().slice(0, 10);
        return [`${day}T07:00`, `${day}T${d === 4 ? last : '15:00'}`];
      });
    const periods = [...week('2025-03-03', '17:00'), ...week('2025-03-10', '15:00'), ...week('2025-03-17', '15:00')];
    const plan = { plan: { from: '2025-03-03', to: '2025-03-23' } };
    expect(of(await run(rota(periods, plan)), 'aml.10-6.standing-overtime')).toEqual([]);
    const cyclic = await run(rota(periods, { ...plan, cycle: { weeks: 3 } }));
    expect(of(cyclic, 'aml.10-6.standing-overtime').map((f) => [f.measured, f.limit])).toEqual([[0.33, 0]]);
  });
});

describe('the declared plan span', () => {
  it('averages run over the declared weeks, also those without work: two 80-hour respite weeks in a 6-week plan average 26.7 h (avlaster § 4)', async () => {
    const stays: P[] = [
      ['2025-03-03T08:00', '2025-03-04T12:00'],
      ['2025-03-05T08:00', '2025-03-06T12:00'],
      ['2025-03-07T08:00', '2025-03-08T08:00'],
      ['2025-03-10T08:00', '2025-03-11T12:00'],
      ['2025-03-12T08:00', '2025-03-13T12:00'],
      ['2025-03-14T08:00', '2025-03-15T08:00'],
    ];
    const agreements = { agreements: [{ type: 'avl-4-60h' }] };
    const worked = await run(
      rota(stays, { ...agreements, frames: { referenceDate: '2025-03-03' } }, 'respite-carer-home'),
    );
    expect(
      worked.findings.filter((f) => f.ruleId === 'avl.4.average-60' && f.severity !== 'info').map((f) => f.measured),
    ).toEqual([80]);
    const planned = await run(
      rota(
        stays,
        { ...agreements, frames: { referenceDate: '2025-03-03' }, plan: { from: '2025-03-03', to: '2025-04-13' } },
        'respite-carer-home',
      ),
    );
    expect(planned.findings.filter((f) => f.ruleId === 'avl.4.average-60' && f.severity !== 'info')).toEqual([]);
  });

  it('a period outside the plan, a plan that ends before it starts, and a plan that is not the cycle are errors naming the field', async () => {
    const bad = (doc: unknown) =>
      run(doc).then(
        () => [] as string[],
        (e: unknown) => (e as InputError).issues.map((i) => `${i.path}: ${i.message}`),
      );
    expect(
      await bad(rota([['2025-03-20T08:00', '2025-03-20T16:00']], { plan: { from: '2025-03-03', to: '2025-03-16' } })),
    ).toEqual(['periods[0].start: lies outside the plan (2025-03-03 to 2025-03-16)']);
    expect(
      await bad(rota([['2025-03-05T08:00', '2025-03-05T16:00']], { plan: { from: '2025-03-16', to: '2025-03-03' } })),
    ).toEqual(['plan.to: must not be before plan.from (2025-03-16)']);
    expect(
      await bad(
        rota([['2025-03-05T08:00', '2025-03-05T16:00']], {
          plan: { from: '2025-03-03', to: '2025-03-20' },
          cycle: { weeks: 2 },
        }),
      ),
    ).toEqual([
      'plan.to: a cycle of 2 weeks from plan.from (2025-03-03) ends on 2025-03-16: plan.to must be that day, or leave plan out',
    ]);
    expect(
      await bad(
        rota(
          [
            ['2025-03-05T08:00', '2025-03-05T16:00'],
            ['2025-03-19T08:00', '2025-03-19T16:00'],
          ],
          { cycle: { weeks: 2 } },
        ),
      ),
    ).toEqual(['periods[1].start: lies outside the 2-week cycle (2025-03-03 to 2025-03-16)']);
  });
});
