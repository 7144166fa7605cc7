// The weekends a respite assignment works (KS: one a month or more is normally employment), counted
// with whole days of samples stepped over, against the rule itself: every hour from each period's
// start, its local weekday read through luxon (not the engine's own offset cache).
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { weekendsPerMonth } from '../../src/conversion/employment.ts';
import type { WorkInterval } from '../../src/timeline/build.ts';

const HOUR = 3_600_000;
const SEED = Number(process.env.FC_SEED ?? 20261204);

/** The rule, sample by sample: a weekend counts when an hourly sample from a period's start falls on its Saturday or Sunday. */
function weekendsByEveryHour(intervals: Array<{ start: number; end: number }>, zone: string): number {
  const weekends = new Set<string>();
  for (const iv of intervals)
    for (let t = iv.start; t < iv.end; t += HOUR) {
      const local = DateTime.fromMillis(t, { zone });
      if (local.weekday >= 6) weekends.add(local.startOf('week').toISODate()!);
    }
  return weekends.size;
}

const interval = (start: number, end: number) => ({ start, end }) as WorkInterval;
const at = (iso: string, zone = 'Europe/Oslo') => DateTime.fromISO(iso, { zone }).toMillis();

describe('weekendsPerMonth', () => {
  it('counts a Friday–Monday stay once, and a stay ending at Saturday 00:00 not at all', () => {
    const stay = interval(at('2026-03-06T16:00'), at('2026-03-09T08:00'));
    expect(weekendsPerMonth([stay], 'Europe/Oslo').weekends).toBe(1);
    const toMidnight = interval(at('2026-03-02T08:00'), at('2026-03-07T00:00'));
    expect(weekendsPerMonth([toMidnight], 'Europe/Oslo').weekends).toBe(0);
    // One minute more and its sample at Saturday 00:00 counts.
    expect(weekendsPerMonth([interval(at('2026-03-02T08:00'), at('2026-03-07T00:01'))], 'Europe/Oslo').weekends).toBe(
      1,
    );
    // Samples are hourly from the start: from 08:30, the first on Saturday is at 00:30.
    expect(weekendsPerMonth([interval(at('2026-03-02T08:30'), at('2026-03-07T00:30'))], 'Europe/Oslo').weekends).toBe(
      0,
    );
    expect(weekendsPerMonth([interval(at('2026-03-02T08:30'), at('2026-03-07T00:31'))], 'Europe/Oslo').weekends).toBe(
      1,
    );
  });

  it('steps across both DST changes as the hourly rule does', () => {
    // Spring forward on Sunday 29 March 2026, fall back on Sunday 25 October 2026.
    for (const [from, to] of [
      ['2026-03-23T23:30', '2026-03-30T00:30'],
      ['2026-10-19T23:30', '2026-10-26T00:30'],
      ['2026-03-28T00:15', '2026-03-28T23:59'],
      ['2026-10-24T22:00', '2026-10-25T03:00'],
    ]) {
      const iv = interval(at(from!), at(to!));
      expect(weekendsPerMonth([iv], 'Europe/Oslo').weekends, `${from}–${to}`).toBe(
        weekendsByEveryHour([iv], 'Europe/Oslo'),
      );
    }
  });

  it('steps hour by hour where the offset changes by more than the day it would step over (Samoa, 2011)', () => {
    // Samoa skipped Friday 30 December 2011: Thursday 23:59 was followed by Saturday 00:00.
    const zone = 'Pacific/Apia';
    const iv = interval(at('2011-12-26T12:00', zone), at('2011-12-31T06:00', zone));
    expect(weekendsByEveryHour([iv], zone)).toBe(1);
    expect(weekendsPerMonth([iv], zone).weekends).toBe(1);
  });

  it('agrees with the hourly rule on random stays, in Oslo and in zones with other offsets and changes', () => {
    const start = Date.UTC(2020, 0, 1);
    const span = Date.UTC(2027, 0, 1) - start;
    fc.assert(
      fc.property(
        fc.constantFrom(
          'Europe/Oslo',
          'America/Santiago',
          'Australia/Lord_Howe',
          'Asia/Amman',
          'Asia/Jerusalem',
          'Asia/Kolkata',
          'UTC',
        ),
        fc.array(
          fc.record({ from: fc.integer({ min: 0, max: span }), minutes: fc.integer({ min: 1, max: 14 * 24 * 60 }) }),
          { minLength: 1, maxLength: 6 },
        ),
        (zone, stays) => {
          const intervals = stays.map((s) => interval(start + s.from, start + s.from + s.minutes * 60_000));
          expect(weekendsPerMonth(intervals, zone).weekends).toBe(weekendsByEveryHour(intervals, zone));
        },
      ),
      { numRuns: 600, seed: SEED },
    );
  });
});
