// The measures listed in MEASURE_READS are measured once for the same facts and shared: between the
// checks that name them, and between the conversion runs of a part (engine/pass.ts windowsOf). Each
// is held here to what it is listed as reading, with every check of the rule book that names it:
// it touches no other input, and whatever else a run would hand it (a limit, ceilings, agreements,
// a profile) leaves its windows as they were.
import { describe, expect, it } from 'vitest';
import { factsOf } from '../support/facts.ts';
import { compiled } from '../../src/engine/engines.ts';
import { planCalendar } from '../../src/engine/planCalendar.ts';
import { FLOORED_MEASURES, MEASURE_FUNCTIONS, MEASURE_READS, type MeasureReads } from '../../src/facts/measures.ts';
import type { MeasureInput, WorkFacts } from '../../src/facts/types.ts';
import { workBlocks } from '../../src/facts/workBlocks.ts';
import { valueAt } from '../../src/rules/limits.ts';
import { defaultRuleBook } from '../../src/rules/load.ts';
import type { FrameAnchor } from '../../src/time/frames.ts';
import { parseInstant } from '../../src/time/instant.ts';
import type { WorkInterval } from '../../src/timeline/build.ts';

const ZONE = 'Europe/Oslo';
const anchor: FrameAnchor = { zone: ZONE, dayStartMinutes: 0, weekStartWeekday: 1 };
const t = (s: string) => parseInstant(s, ZONE);
const HOUR = 3_600_000;

/** Four weeks of a carer with a day job: weekend stays (one over the spring change), a short stay, stays joined to other work, night shifts on Sundays. */
function facts(): WorkFacts {
  const spans: Array<[string, string, WorkInterval['kind'], number, boolean?]> = [
    ['2025-03-14T16:00', '2025-03-16T16:00', 'respite-carer-home', 16],
    ['2025-03-17T08:00', '2025-03-17T15:30', 'employment', 0],
    ['2025-03-18T07:00', '2025-03-18T23:00', 'respite-user-home', 6],
    ['2025-03-19T12:00', '2025-03-19T20:00', 'employment', 0],
    ['2025-03-23T21:00', '2025-03-24T07:30', 'employment', 0, true],
    ['2025-03-28T16:00', '2025-03-31T08:00', 'respite-carer-home', 30],
    ['2025-04-01T12:00', '2025-04-01T20:00', 'employment', 0],
    // Respite and other work in one work period: a short one, then a long one.
    ['2025-04-02T20:00', '2025-04-03T06:00', 'respite-user-home', 0],
    ['2025-04-03T08:00', '2025-04-03T14:00', 'employment', 0],
    ['2025-04-04T08:00', '2025-04-06T08:00', 'respite-carer-home', 16],
    ['2025-04-06T10:00', '2025-04-06T18:00', 'employment', 0],
    ['2025-04-06T21:00', '2025-04-07T07:30', 'employment', 0, true],
  ];
  const intervals: WorkInterval[] = spans.map(([a, b, kind, passive, heavy], i) => ({
    periodIndex: i,
    assignmentId: kind === 'employment' ? 'job' : 'stay',
    workerId: 'w1',
    undertaking: '',
    kind,
    contract: 'arbeidsavtale',
    start: t(a),
    end: t(b),
    passiveMs: passive * HOUR,
    regime: 'aml',
    standby: false,
    heavyNightWork: heavy ?? false,
  }));
  const blocks = workBlocks(intervals);
  return factsOf(intervals, blocks, anchor);
}

/** The input's keys each may read (`calendar.*`: any of the calendar's). */
const ALLOWED: Record<MeasureReads, string[]> = {
  facts: ['facts', 'windowHours', 'zone'],
  params: ['facts', 'windowHours', 'zone', 'param'],
  sundays: ['facts', 'windowHours', 'zone', 'calendar', 'calendar.sundays'],
  'params+calendar': ['facts', 'windowHours', 'zone', 'param', 'calendar', 'calendar.*'],
};
// `keeps` too, for a measure that honours it (FLOORED_MEASURES): the windows a pass shares are
// measured without it, and those measured with it are kept by the pass alone (Pass.breachCandidatesOf).
const allowed = (reads: MeasureReads, key: string) =>
  ALLOWED[reads].includes(key) ||
  (key.startsWith('calendar.') && ALLOWED[reads].includes('calendar.*')) ||
  key === 'keeps';

/** The input as a pass hands it, with what no listed measure may read set one way or the other. */
function inputs(f: WorkFacts, shared: Pick<MeasureInput, 'windowHours' | 'param' | 'calendar'>, other: 0 | 1) {
  const base = { facts: f, zone: ZONE, ...shared };
  const rest: Omit<MeasureInput, 'facts' | 'windowHours' | 'param' | 'calendar' | 'zone'> =
    other === 0
      ? { limitAt: () => 9 }
      : {
          limitAt: () => 13,
          profile: { shiftPattern: 'x' } as never,
          onlyWith: ['avl-4-60h'],
          ceilings: { day: () => 1, week: () => 2 },
          agreements: [
            {
              index: 0,
              type: 'aml-10-5-2-tariff-averaging',
              workerId: undefined,
              employer: undefined,
              from: -Infinity,
              to: Infinity,
              params: { x: 1, standbyFactor: 0.2 },
            },
          ],
        };
  return { ...base, ...rest } as MeasureInput;
}

/** The input's keys a measure reads, and its calendar's as `calendar.<key>`. */
function keysRead(run: (input: MeasureInput) => unknown, input: MeasureInput): Set<string> {
  const read = new Set<string>();
  const recording = <T extends object>(target: T, prefix: string) =>
    new Proxy(target, {
      get(t, key, receiver) {
        if (typeof key === 'string') read.add(prefix + key);
        return Reflect.get(t, key, receiver);
      },
    });
  run(recording({ ...input, ...(input.calendar ? { calendar: recording(input.calendar, 'calendar.') } : {}) }, ''));
  return read;
}

// The rule book's checks, over the facts above from their first instant, as a pass hands them.
const book = defaultRuleBook();
const { checks } = compiled(book, ZONE);
const f = facts();
const at = f.blocks[0]!.start;
const calendar = planCalendar(book, f.dayFrames, f.weekFrames, ZONE, at);
/** What a pass hands every measure a check names, beside the facts. */
const sharedOf = (c: (typeof checks)[number]) => ({
  windowHours: c.window ? valueAt(c.window, at) : undefined,
  param: (name: string, when: number) => (c.params[name] ? valueAt(c.params[name]!, when) : undefined),
  calendar,
});

describe('measures measured once for the same facts (MEASURE_READS)', () => {
  it.each([...MEASURE_READS])('%s reads only what it is listed as reading (%s)', (measure, reads) => {
    const named = checks.filter((c) => c.check.measure === measure);
    expect(named.length, `no check of the rule book names ${measure}`).toBeGreaterThan(0);
    let windows = 0;
    for (const c of named) {
      const shared = sharedOf(c);
      const run = MEASURE_FUNCTIONS[measure];
      const one = run(inputs(f, shared, 0));
      expect(run(inputs(f, shared, 1)), c.check.id).toEqual(one);
      const read = [...keysRead(run, inputs(f, shared, 1))].filter((k) => !allowed(reads, k));
      expect(read, `${c.check.id} reads`).toEqual([]);
      windows += one.length;
    }
    // The facts above give each listed measure windows to compare.
    expect(windows).toBeGreaterThan(0);
  });
});

describe('measures that make only the windows that could break a limit (FLOORED_MEASURES)', () => {
  const tests: Array<[string, (m: number, t: number) => boolean]> = [
    ['>', (m, t) => m > t],
    ['>=', (m, t) => m >= t],
    ['<', (m, t) => m < t],
    ['<=', (m, t) => m <= t],
  ];

  it('are measures of the facts alone, so what they keep for a check is shared like their windows', () => {
    for (const measure of FLOORED_MEASURES) expect(MEASURE_READS.get(measure), measure).toBe('facts');
  });

  it.each([...FLOORED_MEASURES])('%s keeps exactly the windows asked for, in order', (measure) => {
    const named = checks.filter((c) => c.check.measure === measure);
    expect(named.length, `no check of the rule book names ${measure}`).toBeGreaterThan(0);
    for (const c of named) {
      const input = inputs(f, sharedOf(c), 0);
      const run = MEASURE_FUNCTIONS[measure];
      const all = run(input);
      const values = [...new Set(all.map((w) => w.measured))];
      // The facts give windows of more than one value, so each threshold below keeps some and drops some.
      expect(values.length, c.check.id).toBeGreaterThan(1);
      for (const t of [...values, Math.min(...values) - 1, Math.max(...values) + 1])
        for (const [name, keep] of tests) {
          const kept = run({ ...input, keeps: (m) => keep(m, t) });
          expect(kept, `${c.check.id} ${name} ${t}`).toEqual(all.filter((w) => keep(w.measured, t)));
        }
    }
  });
});
