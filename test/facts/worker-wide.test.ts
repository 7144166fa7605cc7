// The worker-wide checks' measures (WORKER_WIDE) find overlapping periods, and nothing else: the
// pipeline forms their pass only for a worker whose periods overlap (anyOverlap,
// engine/workerPasses.ts). Held here: on periods none of which overlap, no such measure has a
// window, and wherever one has a window, anyOverlap says so.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MEASURE_FUNCTIONS, WORKER_WIDE } from '../../src/facts/measures.ts';
import { anyOverlap } from '../../src/facts/overlap.ts';
import type { MeasureInput } from '../../src/facts/types.ts';
import { byStart, workBlocks } from '../../src/facts/workBlocks.ts';
import type { FrameAnchor } from '../../src/time/frames.ts';
import { parseInstant } from '../../src/time/instant.ts';
import type { WorkInterval } from '../../src/timeline/build.ts';
import { factsOf } from '../support/facts.ts';

const anchor: FrameAnchor = { zone: 'Europe/Oslo', dayStartMinutes: 0, weekStartWeekday: 1 };
const t = (s: string) => parseInstant(s, anchor.zone);
const MINUTE = 60_000;
const KINDS = ['employment', 'respite-carer-home', 'respite-user-home'] as const;

function interval(
  start: number,
  end: number,
  i: number,
  more: { assignmentId?: string; kind?: WorkInterval['kind']; standby?: boolean } = {},
): WorkInterval {
  return {
    periodIndex: i,
    assignmentId: more.assignmentId ?? `a${i}`,
    workerId: 'w1',
    undertaking: '',
    kind: more.kind ?? 'employment',
    contract: 'arbeidsavtale',
    start,
    end,
    passiveMs: 0,
    regime: 'aml',
    standby: more.standby ?? false,
    heavyNightWork: false,
  };
}

/** Each WORKER_WIDE measure's windows over the periods (sorted by start, as a pass has them). */
function windowsOf(intervals: WorkInterval[]): Record<string, number> {
  const sorted = [...intervals].sort(byStart);
  const work = sorted.filter((iv) => !iv.standby);
  const blocks = workBlocks(work.length > 0 ? work : sorted);
  const facts = factsOf(sorted, blocks, anchor);
  const out: Record<string, number> = {};
  for (const m of WORKER_WIDE) out[m] = MEASURE_FUNCTIONS[m]({ facts, zone: anchor.zone } as MeasureInput).length;
  return out;
}

describe('anyOverlap: whether a worker-wide measure can have a window', () => {
  it('the worker-wide measures are the two that find overlapping periods', () => {
    expect([...WORKER_WIDE].sort()).toEqual(['concurrentCareHours', 'overlappingHours']);
  });

  it('periods that touch do not overlap; one minute more does', () => {
    const a = interval(t('2025-03-05T08:00'), t('2025-03-05T16:00'), 0);
    expect(anyOverlap([a, interval(t('2025-03-05T16:00'), t('2025-03-05T20:00'), 1)])).toBe(false);
    expect(anyOverlap([a, interval(t('2025-03-05T15:59'), t('2025-03-05T20:00'), 1)])).toBe(true);
  });

  it('a period inside a long earlier one overlaps, also when a short one lies between them', () => {
    const stay = interval(t('2025-03-07T16:00'), t('2025-03-10T08:00'), 0);
    const short = interval(t('2025-03-07T17:00'), t('2025-03-07T18:00'), 1);
    expect(anyOverlap([stay, interval(t('2025-03-09T10:00'), t('2025-03-09T12:00'), 2)])).toBe(true);
    expect(anyOverlap([stay, short, interval(t('2025-03-09T10:00'), t('2025-03-09T12:00'), 2)])).toBe(true);
  });

  it('across midnight and the week boundary: a Sunday night shift and a Monday day shift', () => {
    const night = interval(t('2025-03-09T22:00'), t('2025-03-10T07:00'), 0);
    expect(anyOverlap([night, interval(t('2025-03-10T07:00'), t('2025-03-10T15:00'), 1)])).toBe(false);
    expect(anyOverlap([night, interval(t('2025-03-10T06:59'), t('2025-03-10T15:00'), 1)])).toBe(true);
  });

  it('across both DST changes, by instants: the autumn hour that comes twice holds two periods that do not overlap', () => {
    const first = parseInstant('2025-10-26T02:00+02:00', anchor.zone);
    const second = parseInstant('2025-10-26T02:00+01:00', anchor.zone);
    expect(anyOverlap([interval(first, first + 60 * MINUTE, 0), interval(second, second + 60 * MINUTE, 1)])).toBe(
      false,
    );
    expect(anyOverlap([interval(first, first + 61 * MINUTE, 0), interval(second, second + 60 * MINUTE, 1)])).toBe(true);
    // Spring: 01:30 to 03:30 is one hour; a period from 03:00 starts 30 minutes before it ends.
    const spring = interval(t('2025-03-30T01:30'), t('2025-03-30T03:30'), 0);
    expect(anyOverlap([spring, interval(t('2025-03-30T03:30'), t('2025-03-30T08:00'), 1)])).toBe(false);
    expect(anyOverlap([spring, interval(t('2025-03-30T03:00'), t('2025-03-30T08:00'), 1)])).toBe(true);
  });

  it('stand-by overlapping work is not an overlap the measures count', () => {
    const work = interval(t('2025-03-05T08:00'), t('2025-03-05T16:00'), 0);
    const standby = interval(t('2025-03-05T12:00'), t('2025-03-05T22:00'), 1, { standby: true });
    expect(anyOverlap([work, standby])).toBe(false);
    expect(windowsOf([work, standby])).toEqual({ overlappingHours: 0, concurrentCareHours: 0 });
  });

  it('over random periods: no overlap, no window of any worker-wide measure; a window, an overlap', () => {
    const base = t('2025-03-24T00:00');
    const periodArb = fc.record({
      start: fc.integer({ min: 0, max: 14 * 24 * 60 }),
      minutes: fc.integer({ min: 1, max: 72 * 60 }),
      assignment: fc.integer({ min: 0, max: 2 }),
      kind: fc.constantFrom(...KINDS),
      standby: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(periodArb, { minLength: 1, maxLength: 12 }), (periods) => {
        const intervals = periods.map((p, i) =>
          interval(base + p.start * MINUTE, base + (p.start + p.minutes) * MINUTE, i, {
            assignmentId: `a${p.assignment}`,
            kind: p.kind,
            standby: p.standby,
          }),
        );
        const sorted = [...intervals].sort(byStart);
        const counts = Object.values(windowsOf(intervals));
        if (!anyOverlap(sorted)) expect(counts).toEqual([0, 0]);
        if (counts.some((n) => n > 0)) expect(anyOverlap(sorted)).toBe(true);
      }),
      { numRuns: 400, seed: 16 },
    );
  });
});
